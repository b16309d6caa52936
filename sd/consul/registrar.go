package consul

import (
	"fmt"

	stdconsul "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/log"
)

// Registrar registers one service instance with the local Consul agent. It
// implements sd.Registrar; it starts no goroutine and its methods are safe for
// concurrent use.
type Registrar struct {
	client       Client
	registration *stdconsul.AgentServiceRegistration
	logger       log.Logger
}

// NewRegistrar returns a Registrar for r, which it keeps (the caller must not
// change it afterwards). Errors are logged to logger (nil means no logging);
// a nil r makes Register and Deregister log an error.
func NewRegistrar(client Client, r *stdconsul.AgentServiceRegistration, logger log.Logger) *Registrar {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	if r != nil {
		logger = log.With(logger, "service", r.Name, "tags", fmt.Sprint(r.Tags), "address", r.Address)
	}
	return &Registrar{client: client, registration: r, logger: logger}
}

// Register registers the service, typically at startup.
func (p *Registrar) Register() {
	if p.client == nil {
		p.logger.Log("err", errNilClient)
		return
	}
	if p.registration == nil {
		p.logger.Log("err", errNilRegistration)
		return
	}
	if err := p.client.Register(p.registration); err != nil {
		p.logger.Log("err", err)
		return
	}
	p.logger.Log("action", "register")
}

// Deregister deregisters the service, typically just before shutdown.
func (p *Registrar) Deregister() {
	if p.client == nil {
		p.logger.Log("err", errNilClient)
		return
	}
	if p.registration == nil {
		p.logger.Log("err", errNilRegistration)
		return
	}
	if err := p.client.Deregister(p.registration); err != nil {
		p.logger.Log("err", err)
		return
	}
	p.logger.Log("action", "deregister")
}
