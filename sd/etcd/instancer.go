package etcd

import (
	"context"
	"sync"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/instance"
)

// Instancer publishes the values stored at and under a prefix in etcd, and
// every change to them, as sd.Events. It implements sd.Instancer; its methods
// are safe for concurrent use.
type Instancer struct {
	cache  *instance.Cache
	client Client
	prefix string
	logger log.Logger

	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// NewInstancer reads the entries of prefix, publishes them and starts a
// goroutine that watches the prefix until Stop and reads it again after every
// change. A failed read is published (and logged) as an error event and
// retried at the next change. The returned error is non-nil only when c is
// nil (then the Instancer is nil too); a failing cluster is reported through
// events, not here.
func NewInstancer(c Client, prefix string, logger log.Logger) (*Instancer, error) {
	if c == nil {
		return nil, errNilClient
	}
	if logger == nil {
		logger = log.NewNopLogger()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Instancer{
		cache:  instance.NewCache(),
		client: c,
		prefix: prefix,
		logger: log.With(logger, "prefix", prefix),
		cancel: cancel,
		done:   make(chan struct{}),
	}
	s.refresh()
	go s.loop(ctx)
	return s, nil
}

func (s *Instancer) refresh() {
	instances, err := s.client.GetEntries(s.prefix)
	if err != nil {
		s.logger.Log("err", err)
		s.cache.Update(sd.Event{Err: err})
		return
	}
	s.logger.Log("instances", len(instances))
	s.cache.Update(sd.Event{Instances: instances})
}

func (s *Instancer) loop(ctx context.Context) {
	defer close(s.done)
	ch := make(chan struct{})
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		if own, ok := s.client.(*client); ok {
			own.watch(ctx, s.prefix, ch)
		} else {
			s.client.WatchPrefix(s.prefix, ch)
		}
	}()
	for {
		select {
		case <-ch:
			s.refresh()
		case <-watchDone:
			return
		case <-ctx.Done():
			if _, ok := s.client.(*client); ok {
				<-watchDone
				return
			}
			// WatchPrefix of another Client only returns when that client
			// ends: keep its sends from blocking until then.
			go func() {
				for {
					select {
					case <-ch:
					case <-watchDone:
						return
					}
				}
			}()
			return
		}
	}
}

// Stop ends the watch; subscribers receive no more events. With the Client
// of NewClient, Stop waits for every goroutine of the Instancer; with another
// Client, the call to its WatchPrefix ends when that client ends. Stop may be
// called more than once.
func (s *Instancer) Stop() {
	s.once.Do(func() {
		s.cancel()
		s.cache.Stop() // releases an update blocked on a slow subscriber
		<-s.done
	})
}

// Register subscribes ch: it receives the current state at once and then
// every change, until Deregister. Sends block, so ch must be drained.
func (s *Instancer) Register(ch chan<- sd.Event) { s.cache.Register(ch) }

// Deregister unsubscribes ch.
func (s *Instancer) Deregister(ch chan<- sd.Event) { s.cache.Deregister(ch) }
