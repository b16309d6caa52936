package etcdv3

import (
	"context"
	"sync"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/instance"
)

// Instancer publishes the values of the keys under a prefix in etcd, and
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

// NewInstancer reads the keys under prefix, publishes their values and starts
// a goroutine that watches the prefix until Stop. When the first read fails
// the error is published (and logged) and the Instancer keeps trying. The
// returned error is non-nil only when c is nil (then the Instancer is nil
// too); a failing cluster is reported through events, not here.
//
// With the Client made by NewClient, the watch starts at the revision of the
// read, so no change between the read and the watch is missed, and a broken
// watch (server restart, compaction) is followed by a fresh read. With
// another Client, the Instancer calls GetEntries after every WatchPrefix
// signal.
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
	if own, ok := c.(*client); ok {
		first := make(chan struct{})
		var once sync.Once
		go func() {
			defer close(s.done)
			own.watchFrom(ctx, prefix, func(kvs []keyValue, err error) {
				s.update(kvs, err)
				once.Do(func() { close(first) })
			})
		}()
		// Like Go kit, have the first state ready when NewInstancer returns.
		select {
		case <-first:
		case <-s.done:
		}
		return s, nil
	}
	instances, err := c.GetEntries(prefix)
	s.publish(instances, err)
	go s.loop(ctx)
	return s, nil
}

func (s *Instancer) update(kvs []keyValue, err error) {
	if err != nil {
		s.publish(nil, err)
		return
	}
	instances := make([]string, len(kvs))
	for i, kv := range kvs {
		instances[i] = kv.value
	}
	s.publish(instances, nil)
}

func (s *Instancer) publish(instances []string, err error) {
	if err != nil {
		s.logger.Log("err", err)
		s.cache.Update(sd.Event{Err: err})
		return
	}
	s.logger.Log("instances", len(instances))
	s.cache.Update(sd.Event{Instances: instances})
}

// loop serves a Client that is not ours: it re-reads the prefix after every
// signal of WatchPrefix.
func (s *Instancer) loop(ctx context.Context) {
	defer close(s.done)
	ch := make(chan struct{})
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		s.client.WatchPrefix(s.prefix, ch)
	}()
	for {
		select {
		case <-ch:
			instances, err := s.client.GetEntries(s.prefix)
			s.publish(instances, err)
		case <-watchDone:
			return
		case <-ctx.Done():
			// WatchPrefix of a foreign Client only returns when that
			// client ends; keep its sends from blocking forever.
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

// Stop ends the watch; subscribers receive no more events. Stop waits for the
// Instancer's goroutine and may be called more than once.
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
