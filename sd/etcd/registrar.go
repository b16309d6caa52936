package etcd

import (
	"sync"
	"time"

	"github.com/seedkit/kit/log"
)

// minHeartbeat is the smallest heartbeat NewTTLOption accepts.
const minHeartbeat = 500 * time.Millisecond

// Service is one instance to publish in etcd. Key must be unique among the
// instances (e.g. "/services/foo/1.2.3.4:8080"); Value is what Instancers
// report to subscribers. With TTL the key expires unless refreshed (the
// Registrar refreshes it every heartbeat); DeleteOptions are the conditions
// of Deregister (nil: none).
type Service struct {
	Key           string
	Value         string
	TTL           *TTLOption
	DeleteOptions *DeleteOptions
}

// TTLOption makes a Service's key expire ttl after its latest refresh; the
// Registrar refreshes it every heartbeat. Make it with NewTTLOption.
type TTLOption struct {
	heartbeat time.Duration
	ttl       time.Duration
}

// NewTTLOption returns a TTLOption. A heartbeat below 500ms is raised to
// 500ms; a ttl that is not greater than the heartbeat becomes three
// heartbeats. etcd counts TTLs in whole seconds, so ttl is rounded up to a
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
// sd.Registrar; its methods are safe for concurrent use. With a TTL,
// Register starts a goroutine that refreshes the key every heartbeat (and
// writes it again if it expired meanwhile); Deregister stops it and waits for
// it.
type Registrar struct {
	client  Client
	service Service
	logger  log.Logger

	mu   sync.Mutex
	stop chan struct{} // non-nil while the heartbeat runs
	done chan struct{}
}

// NewRegistrar returns a Registrar for service. Errors are logged to logger
// (nil means no logging).
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

// Register publishes the service, typically at startup, and with a TTL
// starts the heartbeat, even when this first write fails (the heartbeat
// retries). Calling it again while registered writes again and keeps the one
// heartbeat.
func (r *Registrar) Register() {
	if r.client == nil {
		r.logger.Log("err", errNilClient)
		return
	}
	if err := r.client.Register(r.service); err != nil {
		r.logger.Log("err", err)
	} else {
		r.logger.Log("action", "register")
	}
	if r.service.TTL == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stop != nil {
		return
	}
	r.stop, r.done = make(chan struct{}), make(chan struct{})
	go r.heartbeat(r.stop, r.done)
}

func (r *Registrar) heartbeat(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(r.service.TTL.heartbeat)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if err := r.client.Register(r.service); err != nil {
				r.logger.Log("err", err)
			}
		case <-stop:
			return
		}
	}
}

// Deregister stops the heartbeat and removes the service, typically just
// before shutdown.
func (r *Registrar) Deregister() {
	if r.client == nil {
		r.logger.Log("err", errNilClient)
		return
	}
	r.mu.Lock()
	stop, done := r.stop, r.done
	r.stop, r.done = nil, nil
	r.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
	if err := r.client.Deregister(r.service); err != nil {
		r.logger.Log("err", err)
	} else {
		r.logger.Log("action", "deregister")
	}
}
