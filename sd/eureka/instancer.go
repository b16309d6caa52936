package eureka

import (
	"errors"
	"fmt"
	"sync"

	"github.com/hudl/fargo"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/instance"
)

var (
	// ErrNoConnection is reported when NewInstancer or NewRegistrar got a nil
	// connection (Go kit panics). Beyond Go kit.
	ErrNoConnection = errors.New("eureka: nil fargo connection")

	// ErrNoServiceURLs is reported for a *fargo.EurekaConnection without
	// ServiceUrls or DNS discovery: fargo would end the process (log.Fatal)
	// on its first request. Beyond Go kit.
	ErrNoServiceURLs = errors.New("eureka: fargo connection has no ServiceUrls")

	// ErrPollInterval is reported by NewInstancer for a
	// *fargo.EurekaConnection whose PollInterval is not positive (as with
	// fargo.NewConn): fargo's polling goroutine would panic. Beyond Go kit.
	ErrPollInterval = errors.New("eureka: fargo connection's PollInterval must be positive")

	errNoApplication = errors.New("eureka: fargo sent an update without an application")
	errClosedUpdates = errors.New("eureka: fargo closed the update channel")
)

// Instancer is an sd.Instancer over the instances of one Eureka application,
// as fargo polls them (every PollInterval of the connection). Instances are
// reported as "ipAddr:port" strings, whatever their status, as in Go kit.
//
// A failed poll sends an Event with the error (for an unknown application,
// fargo's AppNotFoundError); the next good poll sends the complete set. Its
// methods are safe for concurrent use.
type Instancer struct {
	cache  *instance.Cache
	conn   fargoConnection
	app    string
	logger log.Logger

	updates  <-chan fargo.AppUpdate
	quit     chan struct{}
	done     chan struct{} // closed when loop returns; nil if no loop
	stopOnce sync.Once
}

// NewInstancer returns an Instancer for the application app, polled through
// conn (usually a *fargo.EurekaConnection). It waits for the first poll, so
// the first subscriber gets a real answer, and then follows fargo's polls in
// a goroutine until Stop. A nil logger discards logs.
//
// An unusable connection (nil, or a *fargo.EurekaConnection without
// ServiceUrls or with a non-positive PollInterval) gives an Instancer that
// reports ErrNoConnection, ErrNoServiceURLs or ErrPollInterval, where Go kit
// would panic or fargo end the process.
func NewInstancer(conn fargoConnection, app string, logger log.Logger) *Instancer {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	s := &Instancer{
		cache:  instance.NewCache(),
		conn:   conn,
		app:    app,
		logger: log.With(logger, "app", app),
		quit:   make(chan struct{}),
	}
	if err := checkConnection(conn, true); err != nil {
		s.logger.Log("during", "NewInstancer", "err", err)
		s.cache.Update(sd.Event{Err: err})
		return s
	}
	fargoDone := make(chan struct{})
	s.updates = conn.ScheduleAppUpdates(app, true, fargoDone)
	update, ok := <-s.updates
	if !ok {
		update.Err = errClosedUpdates
	}
	s.consume(update)
	s.done = make(chan struct{})
	go s.loop(fargoDone)
	return s
}

// checkConnection rejects the connections fargo would crash on.
func checkConnection(conn fargoConnection, polls bool) error {
	switch c := conn.(type) {
	case nil:
		return ErrNoConnection
	case *fargo.EurekaConnection:
		switch {
		case c == nil:
			return ErrNoConnection
		case len(c.ServiceUrls) == 0 && !c.DNSDiscovery:
			return ErrNoServiceURLs
		case polls && c.PollInterval <= 0:
			return ErrPollInterval
		}
	}
	return nil
}

func (s *Instancer) loop(fargoDone chan struct{}) {
	defer close(s.done)
	defer close(fargoDone) // stops fargo's polling goroutine
	for {
		select {
		case update, ok := <-s.updates:
			if !ok {
				s.consume(fargo.AppUpdate{Err: errClosedUpdates})
				return
			}
			s.consume(update)
		case <-s.quit:
			return
		}
	}
}

func (s *Instancer) consume(update fargo.AppUpdate) {
	if update.Err == nil && update.App == nil {
		update.Err = errNoApplication
	}
	if update.Err != nil {
		s.logger.Log("during", "Update", "err", update.Err)
		s.cache.Update(sd.Event{Err: update.Err})
		return
	}
	instances := appInstances(update.App)
	s.logger.Log("instances", len(instances))
	s.cache.Update(sd.Event{Instances: instances})
}

// appInstances formats the instances as Go kit does: "%s:%d" of the IP
// address and the port.
func appInstances(app *fargo.Application) []string {
	instances := make([]string, 0, len(app.Instances))
	for _, inst := range app.Instances {
		if inst != nil {
			instances = append(instances, fmt.Sprintf("%s:%d", inst.IPAddr, inst.Port))
		}
	}
	return instances
}

// Register implements sd.Instancer.
func (s *Instancer) Register(ch chan<- sd.Event) { s.cache.Register(ch) }

// Deregister implements sd.Instancer.
func (s *Instancer) Deregister(ch chan<- sd.Event) { s.cache.Deregister(ch) }

// Stop implements sd.Instancer: it stops following the application and tells
// fargo to stop polling. It returns once the Instancer's goroutine has ended
// and, when conn is a *fargo.EurekaConnection, once fargo's polling goroutine
// has too (after a request in progress; fargo closes its update channel
// then). Other connections are only told to stop, through the done channel
// of ScheduleAppUpdates. Stop is idempotent (Go kit's blocks forever when
// called twice).
func (s *Instancer) Stop() {
	s.stopOnce.Do(func() {
		close(s.quit)
		s.cache.Stop()
		if s.done == nil {
			return
		}
		<-s.done
		if _, ok := s.conn.(*fargo.EurekaConnection); ok {
			for range s.updates { // fargo closes it when its goroutine ends
			}
		}
	})
}
