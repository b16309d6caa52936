package lb

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// deadlineCtx is context.WithDeadline(parent, deadline) made lazily: it
// reports its deadline at once, but only builds the real context (and its
// timer) when someone asks for Done, or for Value after the deadline. An
// endpoint that finishes without waiting on its context costs one small
// allocation instead of a timer context.
//
// Until the real context exists, Err computes the answer from the parent and
// the clock; after release it reports context.Canceled, like a cancelled
// context.WithDeadline. Children derived from it attach to the real
// context's cancellation directly (Value hands out the real context's
// internals once it exists, as Done has made it), so no goroutine is needed.
type deadlineCtx struct {
	parent   context.Context
	deadline time.Time

	mu       sync.Mutex // serialises building inner
	inner    atomic.Pointer[innerCtx]
	released atomic.Bool
}

type innerCtx struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// withDeadline returns a context that ends at deadline or when parent does.
// Its release method is the cancel function.
func withDeadline(parent context.Context, deadline time.Time) *deadlineCtx {
	if d, ok := parent.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	return &deadlineCtx{parent: parent, deadline: deadline}
}

func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }

func (c *deadlineCtx) Done() <-chan struct{} { return c.real().ctx.Done() }

func (c *deadlineCtx) Err() error {
	if in := c.inner.Load(); in != nil {
		return in.ctx.Err()
	}
	if err := c.parent.Err(); err != nil {
		return err
	}
	if c.released.Load() {
		return context.Canceled
	}
	if !time.Now().Before(c.deadline) {
		return context.DeadlineExceeded
	}
	return nil
}

func (c *deadlineCtx) Value(key any) any {
	if in := c.inner.Load(); in != nil {
		return in.ctx.Value(key)
	}
	if c.released.Load() || !time.Now().Before(c.deadline) {
		return c.real().ctx.Value(key) // the real context knows why it ended
	}
	return c.parent.Value(key)
}

func (c *deadlineCtx) String() string {
	return "lb.Retry deadline context"
}

// real returns the real context, building it if needed.
func (c *deadlineCtx) real() *innerCtx {
	if in := c.inner.Load(); in != nil {
		return in
	}
	c.mu.Lock()
	in := c.inner.Load()
	if in == nil {
		ctx, cancel := context.WithDeadline(c.parent, c.deadline)
		in = &innerCtx{ctx, cancel}
		c.inner.Store(in)
	}
	c.mu.Unlock()
	if c.released.Load() {
		in.cancel()
	}
	return in
}

// release ends the context, as the cancel function of context.WithDeadline
// does.
func (c *deadlineCtx) release() {
	c.released.Store(true)
	if in := c.inner.Load(); in != nil {
		in.cancel()
	}
}
