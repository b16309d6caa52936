package zk

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/go-zookeeper/zk"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/backoff"
	"github.com/seedkit/kit/sd/internal/instance"
)

// Backoff bounds between failed reads of the Instancer.
const (
	minRetry = 100 * time.Millisecond
	maxRetry = 5 * time.Second
)

// Instancer publishes the data of the child nodes of a path, and every
// change to them, as sd.Events. It implements sd.Instancer; its methods are
// safe for concurrent use.
type Instancer struct {
	cache  *instance.Cache
	client Client
	path   string
	logger log.Logger

	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// NewInstancer creates path if needed, reads its children and starts a
// goroutine that follows their changes until Stop. It returns an error, and
// no Instancer, when path cannot be created or read (Go kit's behaviour).
//
// After a failed read (connection lost, session expired) the Instancer
// publishes the error and reads again with backoff until it succeeds; a
// ZooKeeper watch fires once, so every event is followed by a read that sets
// a new watch.
func NewInstancer(c Client, path string, logger log.Logger) (*Instancer, error) {
	if c == nil {
		return nil, errNilClient
	}
	if logger == nil {
		logger = log.NewNopLogger()
	}
	logger = log.With(logger, "path", path)
	if err := c.CreateParentNodes(path); err != nil {
		logger.Log("msg", "failed to create path", "err", err)
		return nil, err
	}
	instances, eventc, err := c.GetEntries(path)
	if err != nil {
		logger.Log("msg", "failed to retrieve entries", "err", err)
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Instancer{
		cache:  instance.NewCache(),
		client: c,
		path:   path,
		logger: logger,
		cancel: cancel,
		done:   make(chan struct{}),
	}
	logger.Log("instances", len(instances))
	s.cache.Update(sd.Event{Instances: instances})
	go s.loop(ctx, eventc)
	return s, nil
}

func (s *Instancer) loop(ctx context.Context, eventc <-chan zk.Event) {
	defer close(s.done)
	for {
		select {
		case <-eventc:
		case <-ctx.Done():
			return
		}
		// Whatever the event (children changed, watch lost with the
		// session), read again and set a new watch.
		delay := minRetry
		for {
			instances, next, err := s.client.GetEntries(s.path)
			if err == nil && next != nil {
				s.logger.Log("instances", len(instances))
				s.cache.Update(sd.Event{Instances: instances})
				eventc = next
				break
			}
			if err == nil {
				err = errors.New("zk: client returned no watch")
			}
			s.logger.Log("msg", "failed to retrieve entries", "err", err)
			s.cache.Update(sd.Event{Err: err})
			if errors.Is(err, ErrClientClosed) || errors.Is(err, zk.ErrClosing) {
				return // nothing will recover; Stop still works
			}
			if backoff.Sleep(ctx, backoff.Jitter(delay)) != nil {
				return
			}
			delay = min(2*delay, maxRetry)
		}
	}
}

// Stop ends the Instancer's goroutine and waits for it; subscribers receive
// no more events. It may be called more than once.
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
