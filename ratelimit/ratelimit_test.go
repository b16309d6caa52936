package ratelimit_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/ratelimit"
)

// *rate.Limiter satisfies both interfaces without the package importing it.
var (
	_ ratelimit.Allower = (*rate.Limiter)(nil)
	_ ratelimit.Waiter  = (*rate.Limiter)(nil)
)

// counter is an endpoint that counts the calls reaching it.
type counter struct{ calls atomic.Int64 }

func (c *counter) endpoint(_ context.Context, req any) (any, error) {
	c.calls.Add(1)
	return req, nil
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestErroringLimiter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		limiter ratelimit.Allower
		pass    int // calls that pass before the first rejection
	}{
		{"rate.Limiter with burst 3", rate.NewLimiter(rate.Every(time.Hour), 3), 3},
		{"rate.Limiter with burst 0", rate.NewLimiter(rate.Every(time.Hour), 0), 0},
		{"AllowerFunc allowing twice", func() ratelimit.Allower {
			n := 0
			return ratelimit.AllowerFunc(func() bool { n++; return n <= 2 })
		}(), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			var c counter
			e := ratelimit.NewErroringLimiter(tt.limiter)(c.endpoint)
			for i := 0; i < tt.pass; i++ {
				if resp, err := e(ctx, i); err != nil || resp != i {
					t.Fatalf("call %d: got %v, %v; want %d, nil", i, resp, err, i)
				}
			}
			for i := 0; i < 5; i++ {
				resp, err := e(ctx, i)
				if err != ratelimit.ErrLimited || resp != nil {
					t.Fatalf("limited call %d: got %v, %v; want nil, ErrLimited", i, resp, err)
				}
			}
			if got := c.calls.Load(); got != int64(tt.pass) {
				t.Errorf("calls reaching the endpoint: got %d, want %d", got, tt.pass)
			}
		})
	}
}

func TestDelayingLimiterWaitsForPermission(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	waiting, permit := make(chan struct{}), make(chan struct{})
	var c counter
	e := ratelimit.NewDelayingLimiter(ratelimit.WaiterFunc(func(ctx context.Context) error {
		waiting <- struct{}{}
		select {
		case <-permit:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}))(c.endpoint)
	type result struct {
		resp any
		err  error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := e(ctx, "req")
		done <- result{resp, err}
	}()
	<-waiting
	if c.calls.Load() != 0 {
		t.Fatal("the endpoint was called before the waiter returned")
	}
	close(permit)
	if r := <-done; r.err != nil || r.resp != "req" {
		t.Errorf("got %v, %v; want req, nil", r.resp, r.err)
	}
}

func TestDelayingLimiterErrors(t *testing.T) {
	t.Parallel()
	errBudget := errors.New("no budget")
	exhausted := func() *rate.Limiter {
		l := rate.NewLimiter(rate.Every(time.Hour), 1)
		l.Allow() // take the only token: the next one comes in an hour
		return l
	}
	tests := []struct {
		name    string
		limiter ratelimit.Waiter
		ctx     func(context.Context) (context.Context, context.CancelFunc)
		want    error
	}{
		{"waiter error is returned unchanged", ratelimit.WaiterFunc(func(context.Context) error { return errBudget }), context.WithCancel, errBudget},
		{"context cancelled before the call", exhausted(), func(ctx context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(ctx)
			cancel()
			return ctx, cancel
		}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := tt.ctx(testContext(t))
			defer cancel()
			var c counter
			resp, err := ratelimit.NewDelayingLimiter(tt.limiter)(c.endpoint)(ctx, "req")
			if !errors.Is(err, tt.want) || resp != nil {
				t.Errorf("got %v, %v; want nil, %v", resp, err, tt.want)
			}
			if c.calls.Load() != 0 {
				t.Error("the endpoint was called")
			}
		})
	}
}

func TestDelayingLimiterDeadlineTooClose(t *testing.T) {
	t.Parallel()
	l := rate.NewLimiter(rate.Every(time.Hour), 1)
	l.Allow()
	ctx, cancel := context.WithTimeout(testContext(t), 10*time.Second)
	defer cancel()
	var c counter
	// rate.Limiter refuses at once a wait that would outlast the deadline.
	if _, err := ratelimit.NewDelayingLimiter(l)(c.endpoint)(ctx, nil); err == nil {
		t.Error("got nil error, want the limiter's")
	}
	if c.calls.Load() != 0 {
		t.Error("the endpoint was called")
	}
}

// TestDelayingLimiterCancelWhileWaiting cancels the context of a call that
// is waiting inside a real rate.Limiter.
func TestDelayingLimiterCancelWhileWaiting(t *testing.T) {
	t.Parallel()
	l := rate.NewLimiter(rate.Every(time.Hour), 1)
	l.Allow()
	// No deadline: rate.Limiter would refuse at once to wait past it. The
	// test ends the wait by cancelling.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var c counter
	e := ratelimit.NewDelayingLimiter(l)(c.endpoint)
	done := make(chan error, 1)
	go func() {
		_, err := e(ctx, nil)
		done <- err
	}()
	// The waiting call has reserved the next token: the limiter is in debt.
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	giveUp := time.NewTimer(20 * time.Second)
	defer giveUp.Stop()
	for l.Tokens() > -0.5 {
		select {
		case <-giveUp.C:
			t.Fatal("the call never started waiting")
		case <-tick.C:
		case err := <-done:
			t.Fatalf("the call returned %v before waiting", err)
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if c.calls.Load() != 0 {
		t.Error("the endpoint was called")
	}
	// A cancelled reservation gives its token back.
	if tokens := l.Tokens(); tokens < -0.5 {
		t.Errorf("tokens after cancel: %v, want the reservation returned", tokens)
	}
}

func TestNilLimiters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		mw   endpoint.Middleware
	}{
		{"nil Allower", ratelimit.NewErroringLimiter(nil)},
		{"nil AllowerFunc", ratelimit.NewErroringLimiter(ratelimit.AllowerFunc(nil))},
		{"nil Waiter", ratelimit.NewDelayingLimiter(nil)},
		{"nil WaiterFunc", ratelimit.NewDelayingLimiter(ratelimit.WaiterFunc(nil))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var c counter
			if _, err := tt.mw(c.endpoint)(testContext(t), nil); !errors.Is(err, ratelimit.ErrNilLimiter) {
				t.Errorf("got %v, want ErrNilLimiter", err)
			}
			if c.calls.Load() != 0 {
				t.Error("the endpoint was called")
			}
		})
	}
}
