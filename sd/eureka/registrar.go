package eureka

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/hudl/fargo"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
)

// defaultRenewalInterval is the heartbeat period when the instance's lease
// does not give one (Eureka's default).
const defaultRenewalInterval = 30 * time.Second

// ErrNoInstance is logged by a Registrar made with a nil instance (Go kit
// panics). Beyond Go kit.
var ErrNoInstance = errors.New("eureka: nil fargo instance")

// fargoConnection is the part of *fargo.EurekaConnection that the Instancer
// and the Registrar use. Any implementation works; tests can pass a fake.
type fargoConnection interface {
	RegisterInstance(instance *fargo.Instance) error
	DeregisterInstance(instance *fargo.Instance) error
	ReregisterInstance(instance *fargo.Instance) error
	HeartBeatInstance(instance *fargo.Instance) error
	ScheduleAppUpdates(name string, await bool, done <-chan struct{}) <-chan fargo.AppUpdate
	GetApp(name string) (*fargo.Application, error)
}

// Registrar registers one instance with Eureka and keeps its lease alive
// with heartbeats until Deregister. It implements sd.Registrar; its methods
// are safe for concurrent use (the embedded Mutex, part of Go kit's API,
// serialises them).
type Registrar struct {
	conn     fargoConnection
	instance *fargo.Instance
	logger   log.Logger

	quit chan struct{} // non-nil while registered
	done chan struct{} // closed when the heartbeat loop returns
	sync.Mutex
}

var _ sd.Registrar = (*Registrar)(nil)

// NewRegistrar returns a Registrar for instance, talking to Eureka through
// conn (usually a *fargo.EurekaConnection). The heartbeat period is the
// instance's LeaseInfo.RenewalIntervalInSecs, or 30 seconds when that is not
// positive. A nil logger discards logs. The Registrar starts nothing until
// Register.
func NewRegistrar(conn fargoConnection, instance *fargo.Instance, logger log.Logger) *Registrar {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	if instance != nil {
		logger = log.With(logger, "service", instance.App, "address", fmt.Sprintf("%s:%d", instance.IPAddr, instance.Port))
	}
	return &Registrar{conn: conn, instance: instance, logger: logger}
}

// Register implements sd.Registrar: it registers the instance (logging a
// failure) and starts the heartbeats. A heartbeat that Eureka answers with
// 404 (the lease expired, or the first registration failed) registers the
// instance again. Register does nothing while already registered.
//
// With a nil instance or an unusable connection it logs ErrNoInstance,
// ErrNoConnection or ErrNoServiceURLs and does nothing.
func (r *Registrar) Register() {
	r.Lock()
	defer r.Unlock()
	if r.quit != nil {
		return
	}
	err := checkConnection(r.conn, false)
	if err == nil && r.instance == nil {
		err = ErrNoInstance
	}
	if err != nil {
		r.logger.Log("during", "Register", "err", err)
		return
	}
	if err := r.conn.RegisterInstance(r.instance); err != nil {
		r.logger.Log("during", "Register", "err", err)
	}
	r.quit = make(chan struct{})
	r.done = make(chan struct{})
	go r.loop(r.quit, r.done)
}

// Deregister implements sd.Registrar: it stops the heartbeats and removes the
// instance from Eureka, returning once both are done. It does nothing when
// not registered.
func (r *Registrar) Deregister() {
	r.Lock()
	defer r.Unlock()
	if r.quit == nil {
		return
	}
	close(r.quit)
	<-r.done
	r.quit, r.done = nil, nil
}

func (r *Registrar) loop(quit, done chan struct{}) {
	defer close(done)
	interval := defaultRenewalInterval
	if secs := r.instance.LeaseInfo.RenewalIntervalInSecs; secs > 0 {
		interval = time.Duration(secs) * time.Second
	}
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			if err := r.heartbeat(); err != nil {
				r.logger.Log("during", "heartbeat", "err", err)
			}
		case <-quit:
			if err := r.conn.DeregisterInstance(r.instance); err != nil {
				r.logger.Log("during", "Deregister", "err", err)
			}
			return
		}
	}
}

func (r *Registrar) heartbeat() error {
	err := r.conn.HeartBeatInstance(r.instance)
	if err == nil {
		return nil
	}
	if code, ok := fargo.HTTPResponseStatusCode(err); ok && code == http.StatusNotFound {
		return r.conn.ReregisterInstance(r.instance)
	}
	return err
}
