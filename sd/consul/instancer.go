package consul

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	consul "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/backoff"
	"github.com/seedkit/kit/sd/internal/instance"
)

// Defaults of the Instancer's pacing; see InstancerBackoff.
const (
	DefaultMinBackoff = 100 * time.Millisecond
	DefaultMaxBackoff = 10 * time.Second
)

// defaultBlocked is how long a query must take to count as a genuine
// blocking query (it waited on the server) rather than a suspicious quick
// return, unless a shorter wait time is configured; see
// instancerConfig.blocked.
const defaultBlocked = time.Second

// errNoMeta is returned when a Client gives neither entries metadata nor an
// error.
var errNoMeta = errors.New("consul: query returned no metadata")

// Instancer publishes the instances of a Consul service, as "address:port",
// and every change to them, as sd.Events, following the service with
// blocking queries. It implements sd.Instancer; its methods are safe for
// concurrent use.
//
// The query loop never spins: it follows Consul's rules for blocking
// queries. The index advances with each response and is reset when Consul
// returns a lower one (or zero) and after an error (an agent that restarted
// empty is behind the old index); after an error, and after a response that
// came back quickly without advancing the index, the loop waits with
// exponential backoff and jitter (DefaultMinBackoff doubling up to
// DefaultMaxBackoff) before the next query; even advancing responses are
// spaced by at least about the minimum backoff. So an idle service costs one
// request per blocking-query wait time, and a misbehaving agent at most one
// request per maximum backoff.
type Instancer struct {
	cache       *instance.Cache
	client      Client
	logger      log.Logger
	service     string
	tags        []string
	passingOnly bool
	cfg         instancerConfig

	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

type instancerConfig struct {
	minBackoff, maxBackoff time.Duration
	waitTime               time.Duration
	sleep                  func(ctx context.Context, d time.Duration) error
}

// blocked returns how long a blocking query must take to count as genuine:
// one second, or half the configured wait time when that is shorter (Consul
// answers an idle blocking query after the wait time plus up to 1/16 of
// jitter, so an idle query always takes at least that).
func (c instancerConfig) blocked() time.Duration {
	if c.waitTime > 0 {
		return min(defaultBlocked, c.waitTime/2)
	}
	return defaultBlocked
}

// InstancerOption configures NewInstancerWithOptions.
type InstancerOption func(*instancerConfig)

// InstancerBackoff sets the bounds of the backoff between queries after an
// error or a non-advancing index (DefaultMinBackoff and DefaultMaxBackoff
// otherwise). Non-positive values keep the defaults; max is raised to min if
// lower.
func InstancerBackoff(min, max time.Duration) InstancerOption {
	return func(c *instancerConfig) {
		if min > 0 {
			c.minBackoff = min
		}
		if max > 0 {
			c.maxBackoff = max
		}
	}
}

// InstancerWaitTime sets the wait time of the blocking queries
// (QueryOptions.WaitTime). By default it is left zero: the Client's default
// applies (consul.Config.WaitTime, else Consul's five minutes). A query that
// returns without a change after at least half of d (or one second, if
// less) counts as a normal idle blocking query and is repeated at once;
// quicker ones count as misbehaviour and are backed off.
func InstancerWaitTime(d time.Duration) InstancerOption {
	return func(c *instancerConfig) {
		if d > 0 {
			c.waitTime = d
		}
	}
}

// InstancerSleep replaces the function the query loop waits with (a timer).
// It must return early with a non-nil error when ctx ends. Tests use it to
// observe and skip the backoff without waiting.
func InstancerSleep(sleep func(ctx context.Context, d time.Duration) error) InstancerOption {
	return func(c *instancerConfig) {
		if sleep != nil {
			c.sleep = sleep
		}
	}
}

// NewInstancer returns an Instancer of the instances of service that carry
// every tag of tags, only those passing their health checks if passingOnly.
// It queries Consul once before returning, so the first state (instances or
// error) is ready, then follows the service in a goroutine until Stop.
func NewInstancer(client Client, logger log.Logger, service string, tags []string, passingOnly bool) *Instancer {
	return NewInstancerWithOptions(client, logger, service, tags, passingOnly)
}

// NewInstancerWithOptions is NewInstancer with options for the pacing of the
// query loop.
func NewInstancerWithOptions(client Client, logger log.Logger, service string, tags []string, passingOnly bool, options ...InstancerOption) *Instancer {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	cfg := instancerConfig{minBackoff: DefaultMinBackoff, maxBackoff: DefaultMaxBackoff, sleep: backoff.Sleep}
	for _, o := range options {
		if o != nil {
			o(&cfg)
		}
	}
	cfg.maxBackoff = max(cfg.maxBackoff, cfg.minBackoff)
	ctx, cancel := context.WithCancel(context.Background())
	s := &Instancer{
		cache:       instance.NewCache(),
		client:      client,
		logger:      log.With(logger, "service", service, "tags", fmt.Sprint(tags)),
		service:     service,
		tags:        append([]string(nil), tags...),
		passingOnly: passingOnly,
		cfg:         cfg,
		cancel:      cancel,
		done:        make(chan struct{}),
	}
	if client == nil {
		s.publish(nil, errNilClient)
		close(s.done)
		return s
	}
	instances, index, err := s.query(ctx, 0)
	s.publish(instances, err)
	go s.loop(ctx, index, err != nil)
	return s
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

// loop runs blocking queries until ctx ends.
func (s *Instancer) loop(ctx context.Context, index uint64, failed bool) {
	defer close(s.done)
	delay := s.cfg.minBackoff
	pause := func() bool {
		d := backoff.Jitter(delay)
		delay = min(2*delay, s.cfg.maxBackoff)
		return s.cfg.sleep(ctx, d) == nil
	}
	if failed && !pause() {
		return
	}
	for {
		start := time.Now()
		instances, newIndex, err := s.query(ctx, index)
		if ctx.Err() != nil {
			return
		}
		elapsed := time.Since(start)
		if err != nil {
			s.publish(nil, err)
			// Start over after an error: an agent that restarted may be
			// behind the old index, and a blocking query on it would wait
			// until its index catches up.
			index = 0
			if !pause() {
				return
			}
			continue
		}
		s.publish(instances, nil)
		switch {
		case newIndex > index:
			// A change (or the first answer after a reset): query again
			// at once, but never faster than the minimum backoff.
			index = newIndex
			delay = s.cfg.minBackoff
			if elapsed < s.cfg.minBackoff && s.cfg.sleep(ctx, backoff.Jitter(s.cfg.minBackoff)) != nil {
				return
			}
			continue
		case newIndex == 0:
			// Consul should never answer 0; querying with it would
			// return at once forever.
			s.logger.Log("err", "consul returned index 0")
			index = 0
		case newIndex < index:
			// The index went backwards (snapshot restore, the last
			// instance of a service gone...): start over.
			s.logger.Log("msg", "consul index went backwards, resetting", "index", newIndex, "previous", index)
			index = 0
		}
		// The index did not advance. After a genuine blocking wait (the
		// wait time elapsed without change) query again at once;
		// otherwise something makes queries return early: back off.
		if elapsed >= s.cfg.blocked() {
			delay = s.cfg.minBackoff
			continue
		}
		if !pause() {
			return
		}
	}
}

// query runs one (blocking, if index > 0) query and returns the matching
// instances and Consul's index.
func (s *Instancer) query(ctx context.Context, index uint64) ([]string, uint64, error) {
	// Consul's health endpoint filters on one tag; the others are checked
	// here, which keeps the query blocking (prepared queries do not block).
	tag := ""
	if len(s.tags) > 0 {
		tag = s.tags[0]
	}
	opts := (&consul.QueryOptions{WaitIndex: index, WaitTime: s.cfg.waitTime}).WithContext(ctx)
	entries, meta, err := s.client.Service(s.service, tag, s.passingOnly, opts)
	if err != nil {
		return nil, 0, err
	}
	if meta == nil {
		return nil, 0, errNoMeta
	}
	if len(s.tags) > 1 {
		entries = filterEntries(entries, s.tags[1:])
	}
	return makeInstances(entries), meta.LastIndex, nil
}

// filterEntries keeps the entries that have every tag of tags.
func filterEntries(entries []*consul.ServiceEntry, tags []string) []*consul.ServiceEntry {
	var out []*consul.ServiceEntry
next:
	for _, e := range entries {
		if e == nil || e.Service == nil {
			continue
		}
		have := make(map[string]bool, len(e.Service.Tags))
		for _, t := range e.Service.Tags {
			have[t] = true
		}
		for _, t := range tags {
			if !have[t] {
				continue next
			}
		}
		out = append(out, e)
	}
	return out
}

// makeInstances renders entries as host:port, with the service address, or
// the node's when the service has none. Malformed entries are skipped.
func makeInstances(entries []*consul.ServiceEntry) []string {
	instances := make([]string, 0, len(entries))
	for _, e := range entries {
		if e == nil || e.Service == nil {
			continue
		}
		addr := e.Service.Address
		if addr == "" && e.Node != nil {
			addr = e.Node.Address
		}
		instances = append(instances, net.JoinHostPort(addr, strconv.Itoa(e.Service.Port)))
	}
	return instances
}

// Stop ends the query loop and waits for it (the Client should abort the
// current blocking query when its context ends; the Client of NewClient
// does). Subscribers receive no more events. Stop may be called more than
// once.
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
