package dnssrv

import (
	"errors"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/instance"
)

// ErrPortZero is the error of a lookup that returned an SRV record with port
// 0: such a record names no usable instance, and the whole answer is
// reported as an error, as in Go kit.
var ErrPortZero = errors.New("resolver returned SRV record with port 0")

// ErrInvalidRefresh is the error an Instancer reports when it was given a
// non-positive ttl or a nil ticker (Go kit panics). Beyond Go kit.
var ErrInvalidRefresh = errors.New("dnssrv: refresh interval must be positive and ticker non-nil")

// Instancer is an sd.Instancer that looks up one SRV name on a schedule and
// reports the instances as "target:port" strings (the target as the resolver
// returns it, usually with a trailing dot: "one.example.com.:8080").
//
// A failed lookup sends an Event with the error; the next successful one
// sends the complete set again. Its methods are safe for concurrent use.
type Instancer struct {
	cache  *instance.Cache
	name   string
	lookup Lookup
	logger log.Logger

	quit     chan struct{}
	done     chan struct{} // closed when the goroutine returns; nil if none
	stopOnce sync.Once
}

// NewInstancer returns an Instancer that looks name up with net.LookupSRV
// now and then every ttl. A ttl of zero or less gives an Instancer that only
// reports ErrInvalidRefresh. A nil logger discards logs.
func NewInstancer(name string, ttl time.Duration, logger log.Logger) *Instancer {
	if ttl <= 0 {
		return NewInstancerDetailed(name, nil, net.LookupSRV, logger)
	}
	return NewInstancerDetailed(name, time.NewTicker(ttl), net.LookupSRV, logger)
}

// NewInstancerDetailed returns an Instancer that looks name up with lookup
// now, before returning, and then at every tick of refresh. It owns refresh
// and stops it on Stop. Tests can pass a ticker made as &time.Ticker{C: ch}
// and tick it by hand.
//
// A nil lookup means net.LookupSRV; a nil refresh gives an Instancer that
// only reports ErrInvalidRefresh (Go kit panics). A nil logger discards logs.
func NewInstancerDetailed(name string, refresh *time.Ticker, lookup Lookup, logger log.Logger) *Instancer {
	if lookup == nil {
		lookup = net.LookupSRV
	}
	if logger == nil {
		logger = log.NewNopLogger()
	}
	in := &Instancer{
		cache:  instance.NewCache(),
		name:   name,
		lookup: lookup,
		logger: logger,
		quit:   make(chan struct{}),
	}
	if refresh == nil {
		in.cache.Update(sd.Event{Err: ErrInvalidRefresh})
		return in
	}
	in.refresh(true)
	in.done = make(chan struct{})
	go in.loop(refresh)
	return in
}

func (in *Instancer) loop(t *time.Ticker) {
	defer close(in.done)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			in.refresh(false)
		case <-in.quit:
			return
		}
	}
}

// refresh looks the name up and publishes the result. An error replaces the
// state with the error alone, as in Go kit; the endpoints built on the
// Instancer keep the last good set (see sd.InvalidateOnError).
func (in *Instancer) refresh(first bool) {
	instances, err := in.resolve()
	if err != nil {
		in.logger.Log("name", in.name, "err", err)
		in.cache.Update(sd.Event{Err: err})
		return
	}
	if first {
		in.logger.Log("name", in.name, "instances", len(instances))
	}
	in.cache.Update(sd.Event{Instances: instances})
}

func (in *Instancer) resolve() ([]string, error) {
	_, addrs, err := in.lookup("", "", in.name)
	if err != nil {
		return nil, err
	}
	instances := make([]string, 0, len(addrs))
	for _, addr := range addrs {
		if addr == nil {
			continue
		}
		if addr.Port == 0 {
			return nil, ErrPortZero
		}
		instances = append(instances, net.JoinHostPort(addr.Target, strconv.Itoa(int(addr.Port))))
	}
	return instances, nil
}

// Register implements sd.Instancer.
func (in *Instancer) Register(ch chan<- sd.Event) { in.cache.Register(ch) }

// Deregister implements sd.Instancer.
func (in *Instancer) Deregister(ch chan<- sd.Event) { in.cache.Deregister(ch) }

// Stop implements sd.Instancer: it stops the lookups and the ticker, and
// returns once the Instancer's goroutine has ended (after a lookup in
// progress returns). Stop is idempotent (Go kit's panics when called twice).
// Subscribers stay registered but receive nothing more.
func (in *Instancer) Stop() {
	in.stopOnce.Do(func() {
		close(in.quit)
		in.cache.Stop()
		if in.done != nil {
			<-in.done
		}
	})
}
