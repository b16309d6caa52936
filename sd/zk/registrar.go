package zk

import "github.com/seedkit/kit/log"

// Service is one instance to publish in ZooKeeper: an ephemeral node holding
// Data under Path + "/" + Name. Path is the discovery namespace (e.g.
// "/myorg/myplatform"), Name the service (e.g. "addsvc"), Data what
// Instancers report (e.g. "10.0.2.10:80"). Instancers watch
// Path + "/" + Name.
type Service struct {
	Path string
	Name string
	Data []byte
	node string // the node created by Register; guarded by the client
}

// Registrar publishes one Service through a Client. It implements
// sd.Registrar. Register and Deregister must not be called concurrently
// with each other.
type Registrar struct {
	client  Client
	service Service
	logger  log.Logger
}

// NewRegistrar returns a Registrar for service. Errors are logged to logger
// (nil means no logging).
func NewRegistrar(client Client, service Service, logger log.Logger) *Registrar {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	service.node = ""
	return &Registrar{
		client:  client,
		service: service,
		logger:  log.With(logger, "service", service.Name, "path", service.Path, "data", string(service.Data)),
	}
}

// Register creates the service's ephemeral node, typically at startup. The
// Client made by NewClient creates it again if its session expires.
func (r *Registrar) Register() {
	if r.client == nil {
		r.logger.Log("err", errNilClient)
		return
	}
	if err := r.client.Register(&r.service); err != nil {
		r.logger.Log("err", err)
		return
	}
	r.logger.Log("action", "register")
}

// Deregister deletes the service's node, typically just before shutdown.
func (r *Registrar) Deregister() {
	if r.client == nil {
		r.logger.Log("err", errNilClient)
		return
	}
	if err := r.client.Deregister(&r.service); err != nil {
		r.logger.Log("err", err)
		return
	}
	r.logger.Log("action", "deregister")
}
