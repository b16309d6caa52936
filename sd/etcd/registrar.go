package etcd

import (
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
// Registrar refreshes it every heartbeat. Make it with NewTTLOption; a
// TTLOption made otherwise (&TTLOption{}) is used as NewTTLOption would have
// made it from its fields (a 500ms heartbeat for the zero value).
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

// normalized returns o with NewTTLOption's rules applied, for options made
// as literals (&TTLOption{}) rather than by NewTTLOption; nil stays nil.
func (o *TTLOption) normalized() *TTLOption {
	if o == nil {
		return nil
	}
	return NewTTLOption(o.heartbeat, o.ttl)
}

// Registrar publishes one Service through a Client. It implements
// sd.Registrar; its methods are safe for concurrent use. With a TTL,
// Register starts a goroutine that refreshes the key every heartbeat (and
// writes it again if it expired meanwhile); Deregister stops it and waits for
// it.
//
// Register and Deregister are serialised: a Deregister called while a
// Register runs waits for it and then undoes it, so once Deregister has
// returned no heartbeat of an earlier Register writes the key again. (Go kit
// could leave a heartbeat running in that case.)
type Registrar struct {
	client  Client
	service Service
	logger  log.Logger

	sem  chan struct{} // one slot, held by a running Register or Deregister
	stop chan struct{} // non-nil while the heartbeat runs; guarded by sem
	done chan struct{}
}

// NewRegistrar returns a Registrar for service. Errors are logged to logger
// (nil means no logging).
func NewRegistrar(client Client, service Service, logger log.Logger) *Registrar {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	service.TTL = service.TTL.normalized()
	return &Registrar{
		client:  client,
		service: service,
		logger:  log.With(logger, "key", service.Key, "value", service.Value),
		sem:     make(chan struct{}, 1),
	}
}

// Register publishes the service, typically at startup, and with a TTL
// starts the heartbeat, even when this first write fails (the heartbeat
// retries). Calling it again while registered writes again and keeps the one
// heartbeat; calling it after Deregister registers the service again.
func (r *Registrar) Register() {
	if r.client == nil {
		r.logger.Log("err", errNilClient)
		return
	}
	r.sem <- struct{}{}
	defer func() { <-r.sem }()
	if err := r.client.Register(r.service); err != nil {
		r.logger.Log("err", err)
	} else {
		r.logger.Log("action", "register")
	}
	if r.service.TTL == nil || r.stop != nil {
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

// Deregister stops the heartbeat, waiting for it, and removes the service,
// typically just before shutdown.
func (r *Registrar) Deregister() {
	if r.client == nil {
		r.logger.Log("err", errNilClient)
		return
	}
	r.sem <- struct{}{}
	defer func() { <-r.sem }()
	if r.stop != nil {
		close(r.stop)
		<-r.done
		r.stop, r.done = nil, nil
	}
	if err := r.client.Deregister(r.service); err != nil {
		r.logger.Log("err", err)
	} else {
		r.logger.Log("action", "deregister")
	}
}
