package etcdv3

import (
	"fmt"
	"time"

	"github.com/seedkit/kit/log"
)

// minHeartbeat is the smallest heartbeat NewTTLOption accepts.
const minHeartbeat = 500 * time.Millisecond

// Service is one instance to publish in etcd. Key must be unique among the
// instances (e.g. "/services/foo/1.2.3.4:8080"); Value is what Instancers
// report to subscribers (e.g. "http://1.2.3.4:8080").
type Service struct {
	Key   string
	Value string
	TTL   *TTLOption // nil: DefaultHeartbeat and DefaultTTL
}

// TTLOption is the lease configuration of a Service: the key lives as long as
// its lease, which is refreshed every heartbeat and expires ttl after the
// last refresh. Make it with NewTTLOption.
type TTLOption struct {
	heartbeat time.Duration
	ttl       time.Duration
}

// NewTTLOption returns a TTLOption. A heartbeat below 500ms is raised to
// 500ms; a ttl that is not greater than the heartbeat becomes three
// heartbeats. etcd leases count in whole seconds, so ttl is rounded up to a
// second. 3s and 10s are good values.
func NewTTLOption(heartbeat, ttl time.Duration) *TTLOption {
	if heartbeat < minHeartbeat {
		heartbeat = minHeartbeat
	}
	if ttl <= heartbeat {
		ttl = 3 * heartbeat
	}
	return &TTLOption{heartbeat: heartbeat, ttl: ttl}
}

// Registrar publishes one Service through a Client. It implements
// sd.Registrar. Its methods are safe for concurrent use; the keep-alive
// goroutines belong to the Client and end with Deregister (or the Client's
// Close).
type Registrar struct {
	client  Client
	service Service
	logger  log.Logger
}

// NewRegistrar returns a Registrar for service. Errors of Register and
// Deregister are logged to logger (nil means no logging).
func NewRegistrar(client Client, service Service, logger log.Logger) *Registrar {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	return &Registrar{
		client:  client,
		service: service,
		logger:  log.With(logger, "key", service.Key, "value", service.Value),
	}
}

// Register publishes the service, typically at startup. On failure it logs
// the error; call it again to retry.
func (r *Registrar) Register() {
	if r.client == nil {
		r.logger.Log("err", errNilClient)
		return
	}
	if err := r.client.Register(r.service); err != nil {
		r.logger.Log("err", err)
		return
	}
	r.logger.Log("action", "register", "lease", fmt.Sprintf("%x", r.client.LeaseID()))
}

// Deregister removes the service, typically just before shutdown.
func (r *Registrar) Deregister() {
	if r.client == nil {
		r.logger.Log("err", errNilClient)
		return
	}
	if err := r.client.Deregister(r.service); err != nil {
		r.logger.Log("err", err)
		return
	}
	r.logger.Log("action", "deregister")
}
