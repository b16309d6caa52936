package sd

import (
	"io"
	"slices"
	"sync"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
)

// endpointCache holds one endpoint per instance for a DefaultEndpointer.
//
// update is called by the endpointer's single goroutine; endpoints by any
// goroutine. writeMu serialises everything that changes the set of live
// endpoints (so factories run without blocking readers); mu guards the fields
// that endpoints reads.
type endpointCache struct {
	opts    endpointerOptions
	factory Factory
	logger  log.Logger

	writeMu sync.Mutex
	live    map[string]liveEndpoint // guarded by writeMu

	mu       sync.RWMutex
	list     []endpoint.Endpoint // ordered by instance
	err      error               // the error being waited out (InvalidateOnError only)
	errGen   uint64              // counts the times err was set
	deadline time.Time           // when err invalidates list
	closed   bool
}

type liveEndpoint struct {
	e endpoint.Endpoint
	c io.Closer
}

func newEndpointCache(f Factory, logger log.Logger, opts endpointerOptions) *endpointCache {
	return &endpointCache{opts: opts, factory: f, logger: logger, live: map[string]liveEndpoint{}}
}

func (c *endpointCache) update(ev Event) {
	if ev.Err == nil {
		c.replace(ev.Instances, 0)
		return
	}
	if c.opts.invalidateOnError {
		c.mu.Lock()
		if !c.closed && c.err == nil { // keep the first error of a run, and its deadline
			c.err = ev.Err
			c.errGen++
			c.deadline = c.opts.now().Add(c.opts.invalidateTimeout)
		}
		c.mu.Unlock()
	}
	c.logger.Log("err", ev.Err)
}

// replace makes the live set match instances. If invalidate is not zero, the
// call closes everything because of an error: the swap only happens while the
// cache is still in that error state (errGen == invalidate), and the error
// stays.
func (c *endpointCache) replace(instances []string, invalidate uint64) {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()

	sorted := slices.Clone(instances)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)

	next := make(map[string]liveEndpoint, len(sorted))
	list := make([]endpoint.Endpoint, 0, len(sorted))
	for _, inst := range sorted {
		le, ok := c.live[inst]
		if !ok {
			e, closer, err := c.factory(inst)
			if err != nil {
				c.logger.Log("instance", inst, "err", err)
				continue
			}
			if e == nil {
				c.logger.Log("instance", inst, "err", "sd: factory returned a nil endpoint")
				if closer != nil {
					closer.Close()
				}
				continue
			}
			le = liveEndpoint{e, closer}
		}
		next[inst] = le
		list = append(list, le.e)
	}

	c.mu.Lock()
	if c.closed || (invalidate != 0 && (c.err == nil || c.errGen != invalidate)) {
		c.mu.Unlock()
		// Raced with close or with a recovery: drop what was just made.
		for inst, le := range next {
			if _, old := c.live[inst]; !old {
				c.closeOne(inst, le)
			}
		}
		return
	}
	c.list = list
	if invalidate == 0 {
		c.err = nil
	}
	c.mu.Unlock()

	for inst, le := range c.live {
		if _, kept := next[inst]; !kept {
			c.closeOne(inst, le)
		}
	}
	c.live = next
}

func (c *endpointCache) closeOne(inst string, le liveEndpoint) {
	if le.c == nil {
		return
	}
	if err := le.c.Close(); err != nil {
		c.logger.Log("instance", inst, "err", err)
	}
}

func (c *endpointCache) endpoints() ([]endpoint.Endpoint, error) {
	c.mu.RLock()
	list, err, gen, deadline, closed := c.list, c.err, c.errGen, c.deadline, c.closed
	c.mu.RUnlock()
	switch {
	case closed:
		return nil, ErrEndpointerClosed
	case err == nil || c.opts.now().Before(deadline):
		return list, nil
	}
	// The grace period is over: close the endpoints and report the error.
	c.replace(nil, gen)
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return nil, ErrEndpointerClosed
	}
	if c.err == nil { // recovered meanwhile
		return c.list, nil
	}
	return nil, c.err
}

func (c *endpointCache) close() {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	c.mu.Lock()
	c.closed = true
	c.list = nil
	c.mu.Unlock()
	for inst, le := range c.live {
		c.closeOne(inst, le)
	}
	c.live = map[string]liveEndpoint{}
}
