package lb_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/lb"
)

// script is a Balancer over one endpoint whose attempts fail with the given
// errors in order (nil succeeds); after the list, attempts succeed.
type script struct {
	mu    sync.Mutex
	errs  []error
	calls int
	ctxs  []context.Context
}

func (s *script) Endpoint() (endpoint.Endpoint, error) {
	return func(ctx context.Context, req any) (any, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.calls++
		s.ctxs = append(s.ctxs, ctx)
		if s.calls <= len(s.errs) && s.errs[s.calls-1] != nil {
			return nil, s.errs[s.calls-1]
		}
		return fmt.Sprint("ok ", req), nil
	}, nil
}

func (s *script) attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

func failing(n int, err error) *script {
	s := &script{}
	for range n {
		s.errs = append(s.errs, err)
	}
	return s
}

func ctxWithTimeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestRetryMaxAttempts(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	tests := []struct {
		name         string
		max          int
		failures     int
		wantAttempts int
		wantErr      bool
	}{
		{"success at once", 3, 0, 1, false},
		{"success on the last attempt", 3, 2, 3, false},
		{"all attempts fail", 3, 5, 3, true},
		{"max 1", 1, 5, 1, true},
		{"max 0 still tries once", 0, 5, 1, true},
		{"negative max", -2, 5, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := failing(tt.failures, boom)
			resp, err := lb.Retry(tt.max, time.Minute, s)(ctxWithTimeout(t), "req")
			if got := s.attempts(); got != tt.wantAttempts {
				t.Errorf("attempts: got %d, want %d", got, tt.wantAttempts)
			}
			if !tt.wantErr {
				if err != nil || resp != "ok req" {
					t.Fatalf("got %v, %v", resp, err)
				}
				return
			}
			var re lb.RetryError
			if !errors.As(err, &re) || len(re.RawErrors) != tt.wantAttempts || re.Final != boom {
				t.Fatalf("got %#v, want a RetryError with %d raw errors and Final boom", err, tt.wantAttempts)
			}
			if !errors.Is(err, boom) {
				t.Error("errors.Is(err, last error) is false")
			}
		})
	}
}

func TestRetryBalancerErrorsCount(t *testing.T) {
	t.Parallel()
	down := errors.New("no discovery")
	var n atomic.Int32
	b := lb.BalancerFunc(func() (endpoint.Endpoint, error) {
		if n.Add(1) < 3 {
			return nil, down
		}
		return endpoint.Nop, nil
	})
	if _, err := lb.Retry(3, time.Minute, b)(ctxWithTimeout(t), nil); err != nil {
		t.Fatalf("got %v, want success on the third attempt", err)
	}
	_, err := lb.Retry(2, time.Minute, lb.NewRoundRobin(sd.FixedEndpointer{}))(ctxWithTimeout(t), nil)
	if !errors.Is(err, lb.ErrNoEndpoints) {
		t.Fatalf("got %v, want ErrNoEndpoints through RetryError", err)
	}
}

func TestRetryTimeout(t *testing.T) {
	t.Parallel()
	// Every attempt waits for its context: the overall timeout ends the call
	// with the context's error, as in Go kit.
	var attempts atomic.Int32
	b := lb.BalancerFunc(func() (endpoint.Endpoint, error) {
		return func(ctx context.Context, _ any) (any, error) {
			attempts.Add(1)
			<-ctx.Done()
			return nil, ctx.Err()
		}, nil
	})
	_, err := lb.Retry(100, 10*time.Millisecond, b)(ctxWithTimeout(t), nil)
	if err != context.DeadlineExceeded {
		t.Fatalf("got %v, want context.DeadlineExceeded", err)
	}
	if n := attempts.Load(); n != 1 {
		t.Errorf("attempts after the deadline: got %d, want 1", n)
	}
}

func TestRetryParentCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	b := lb.BalancerFunc(func() (endpoint.Endpoint, error) {
		return func(ctx context.Context, _ any) (any, error) {
			cancel()
			return nil, errors.New("interrupted")
		}, nil
	})
	if _, err := lb.Retry(5, time.Minute, b)(ctx, nil); err != context.Canceled {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestRetryZeroTimeout(t *testing.T) {
	t.Parallel()
	s := failing(1, context.DeadlineExceeded)
	_, err := lb.Retry(3, 0, s)(ctxWithTimeout(t), nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want context.DeadlineExceeded", err)
	}
	if ctx := s.ctxs[0]; ctx.Err() == nil {
		t.Error("a zero timeout gave the attempt a live context")
	}
}

func TestRetryContext(t *testing.T) {
	t.Parallel()
	type key struct{}
	parent := context.WithValue(ctxWithTimeout(t), key{}, "v")
	var seen context.Context
	b := lb.BalancerFunc(func() (endpoint.Endpoint, error) {
		return func(ctx context.Context, _ any) (any, error) {
			seen = ctx
			if ctx.Value(key{}) != "v" {
				return nil, errors.New("the parent's value is lost")
			}
			d, ok := ctx.Deadline()
			if !ok || time.Until(d) > time.Minute {
				return nil, fmt.Errorf("deadline %v, %v; want within a minute", d, ok)
			}
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, nil
		}, nil
	})
	if _, err := lb.Retry(1, time.Minute, b)(parent, nil); err != nil {
		t.Fatal(err)
	}
	// As with Go kit's deferred cancel, the attempt's context ends with the call.
	select {
	case <-seen.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the attempt's context is still live after the call")
	}
	if seen.Err() != context.Canceled {
		t.Errorf("Err after the call: got %v, want context.Canceled", seen.Err())
	}
}

// The context handed to attempts must work like a real one for children and
// context.AfterFunc, and end at the deadline.
func TestRetryContextDerived(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		wait func(ctx context.Context)
	}{
		{"WithCancel child", func(ctx context.Context) {
			child, cancel := context.WithCancel(ctx)
			defer cancel()
			<-child.Done()
		}},
		{"AfterFunc", func(ctx context.Context) {
			done := make(chan struct{})
			stop := context.AfterFunc(ctx, func() { close(done) })
			defer stop()
			<-done
		}},
		{"Done", func(ctx context.Context) { <-ctx.Done() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := lb.BalancerFunc(func() (endpoint.Endpoint, error) {
				return func(ctx context.Context, _ any) (any, error) {
					tt.wait(ctx)
					if cause := context.Cause(ctx); cause != context.DeadlineExceeded {
						return nil, fmt.Errorf("Cause: got %v", cause)
					}
					return nil, ctx.Err()
				}, nil
			})
			if _, err := lb.Retry(1, 5*time.Millisecond, b)(ctxWithTimeout(t), nil); err != context.DeadlineExceeded {
				t.Fatalf("got %v, want context.DeadlineExceeded", err)
			}
		})
	}
}

func TestRetryCallback(t *testing.T) {
	t.Parallel()
	boom, stop := errors.New("boom"), errors.New("giving up")
	var got []string
	cb := func(n int, received error) (bool, error) {
		got = append(got, fmt.Sprint(n, " ", received))
		if n == 2 {
			return false, stop
		}
		return true, nil
	}
	s := failing(10, boom)
	_, err := lb.RetryWithCallback(time.Minute, s, cb)(ctxWithTimeout(t), nil)
	if want := "[1 boom 2 boom]"; fmt.Sprint(got) != want {
		t.Errorf("callback calls: got %v, want %v", got, want)
	}
	var re lb.RetryError
	if !errors.As(err, &re) || re.Final != stop || len(re.RawErrors) != 2 {
		t.Fatalf("got %#v, want Final = replacement and 2 raw errors", err)
	}
	if !errors.Is(err, stop) || !errors.Is(err, boom) {
		t.Error("errors.Is does not see the replacement and the raw errors")
	}
	if s.attempts() != 2 {
		t.Errorf("attempts: got %d, want 2", s.attempts())
	}
}

func TestRetryNilCallbackRetriesUntilSuccess(t *testing.T) {
	t.Parallel()
	s := failing(50, errors.New("boom"))
	if _, err := lb.RetryWithCallback(time.Minute, s, nil)(ctxWithTimeout(t), nil); err != nil {
		t.Fatal(err)
	}
	if s.attempts() != 51 {
		t.Errorf("attempts: got %d, want 51", s.attempts())
	}
}

func TestRetryNilArguments(t *testing.T) {
	t.Parallel()
	for name, e := range map[string]endpoint.Endpoint{
		"Retry":             lb.Retry(3, time.Second, nil),
		"RetryWithCallback": lb.RetryWithCallback(time.Second, nil, nil),
		"RetryWithOptions":  lb.RetryWithOptions(3, time.Second, nil),
	} {
		if _, err := e(context.Background(), nil); !errors.Is(err, lb.ErrNilBalancer) {
			t.Errorf("%s: got %v, want ErrNilBalancer", name, err)
		}
	}
	nilEndpoint := lb.BalancerFunc(func() (endpoint.Endpoint, error) { return nil, nil })
	if _, err := lb.Retry(2, time.Second, nilEndpoint)(context.Background(), nil); err == nil {
		t.Error("a Balancer returning a nil endpoint: got no error")
	}
}

func TestRetryErrorMessage(t *testing.T) {
	t.Parallel()
	a, b, c := errors.New("a"), errors.New("b"), errors.New("c")
	tests := []struct {
		err  lb.RetryError
		want string
	}{
		{lb.RetryError{RawErrors: []error{a}, Final: a}, "a"},
		{lb.RetryError{RawErrors: []error{a, b, c}, Final: c}, "c (previously: a; b)"},
		{lb.RetryError{RawErrors: []error{a, b}, Final: errors.New("stop")}, "stop (previously: a)"},
		{lb.RetryError{}, "<nil>"},
		{lb.RetryError{RawErrors: []error{nil, a}, Final: a}, "a (previously: <nil>)"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	if (lb.RetryError{}).Unwrap() == nil {
		t.Error("Unwrap of an empty RetryError: got nil, want an empty slice")
	}
}

// The first attempt runs on the caller's goroutine: its stack contains this
// test function. Go kit's runs in a new goroutine.
func TestRetryRunsOnCallerGoroutine(t *testing.T) {
	t.Parallel()
	var stack string
	b := lb.BalancerFunc(func() (endpoint.Endpoint, error) {
		return func(context.Context, any) (any, error) {
			buf := make([]byte, 64<<10)
			stack = string(buf[:runtime.Stack(buf, false)])
			return nil, nil
		}, nil
	})
	for name, e := range map[string]endpoint.Endpoint{
		"Retry":              lb.Retry(3, time.Minute, b),
		"with backoff":       lb.RetryWithOptions(3, time.Minute, b, lb.WithBackoff(time.Millisecond, time.Second)),
		"with budget":        lb.RetryWithOptions(3, time.Minute, b, lb.WithBudget(lb.NewRetryBudget(10, 0.1))),
		"with attempt limit": lb.RetryWithOptions(3, time.Minute, b, lb.WithAttemptTimeout(time.Second)),
	} {
		if _, err := e(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stack, "TestRetryRunsOnCallerGoroutine") {
			t.Errorf("%s: the endpoint did not run on the caller's goroutine:\n%s", name, stack)
		}
	}
}

// A successful first attempt allocates only the lazy deadline context: no
// goroutine, channel or timer.
func TestRetryFirstAttemptAllocations(t *testing.T) {
	e := lb.Retry(3, time.Minute, lb.NewRoundRobin(sd.FixedEndpointer{endpoint.Nop}))
	ctx := context.Background()
	if n := testing.AllocsPerRun(100, func() { _, _ = e(ctx, nil) }); n > 1 {
		t.Errorf("%v allocations per successful call, want at most 1", n)
	}
}

// pauses records the pauses asked of the injected sleep.
type pauses struct {
	mu sync.Mutex
	d  []time.Duration
}

func (p *pauses) sleep(ctx context.Context, d time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.d = append(p.d, d)
	return ctx.Err()
}

func TestRetryBackoff(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	tests := []struct {
		name   string
		base   time.Duration
		limit  time.Duration
		jitter float64
		want   []time.Duration
	}{
		{"no jitter draws the lower half", 10 * ms, time.Second, 0, []time.Duration{5 * ms, 10 * ms, 20 * ms, 40 * ms}},
		{"full jitter draws the top", 10 * ms, time.Second, 0.999999, []time.Duration{10 * ms, 20 * ms, 40 * ms, 80 * ms}},
		{"middle", 10 * ms, time.Second, 0.5, []time.Duration{7500 * time.Microsecond, 15 * ms, 30 * ms, 60 * ms}},
		{"capped", 10 * ms, 25 * ms, 0, []time.Duration{5 * ms, 10 * ms, 12500 * time.Microsecond, 12500 * time.Microsecond}},
		{"limit below base", 10 * ms, ms, 0, []time.Duration{5 * ms, 5 * ms, 5 * ms, 5 * ms}},
		{"zero base", 0, time.Second, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &pauses{}
			s := failing(4, errors.New("boom"))
			e := lb.RetryWithOptions(5, time.Minute, s,
				lb.WithBackoff(tt.base, tt.limit),
				lb.WithSleep(p.sleep),
				lb.WithJitter(func() float64 { return tt.jitter }))
			if _, err := e(ctxWithTimeout(t), nil); err != nil {
				t.Fatal(err)
			}
			for i, d := range p.d {
				if i >= len(tt.want) || d.Round(time.Microsecond) != tt.want[i] {
					t.Fatalf("pauses: got %v, want %v", p.d, tt.want)
				}
			}
			if len(p.d) != len(tt.want) {
				t.Fatalf("pauses: got %v, want %v", p.d, tt.want)
			}
		})
	}
}

func TestRetryBackoffLargeAttemptCount(t *testing.T) {
	t.Parallel()
	p := &pauses{}
	s := failing(100, errors.New("boom"))
	e := lb.RetryWithOptions(200, time.Minute, s, lb.WithBackoff(time.Second, time.Hour),
		lb.WithSleep(p.sleep), lb.WithJitter(func() float64 { return 0 }))
	if _, err := e(ctxWithTimeout(t), nil); err != nil {
		t.Fatal(err)
	}
	for _, d := range p.d {
		if d <= 0 || d > time.Hour {
			t.Fatalf("pause %v out of (0, 1h]: the exponent overflowed", d)
		}
	}
}

// The default sleep waits for the context: a backoff longer than the timeout
// ends the call with the context's error.
func TestRetryBackoffInterruptedByTimeout(t *testing.T) {
	t.Parallel()
	s := failing(10, errors.New("boom"))
	e := lb.RetryWithOptions(5, 10*time.Millisecond, s, lb.WithBackoff(time.Hour, time.Hour))
	if _, err := e(ctxWithTimeout(t), nil); err != context.DeadlineExceeded {
		t.Fatalf("got %v, want context.DeadlineExceeded", err)
	}
	if s.attempts() != 1 {
		t.Errorf("attempts: got %d, want 1", s.attempts())
	}
}

func TestRetryBackoffRealSleep(t *testing.T) {
	t.Parallel()
	s := failing(2, errors.New("boom"))
	e := lb.RetryWithOptions(5, time.Minute, s, lb.WithBackoff(time.Microsecond, time.Millisecond))
	if _, err := e(ctxWithTimeout(t), nil); err != nil {
		t.Fatal(err)
	}
}

func TestRetryAttemptTimeout(t *testing.T) {
	t.Parallel()
	// Attempts wait for their context; each has its own short deadline.
	hang := func(ok func(n int32) bool) *lb.BalancerFunc {
		var n atomic.Int32
		b := lb.BalancerFunc(func() (endpoint.Endpoint, error) {
			return func(ctx context.Context, _ any) (any, error) {
				if ok(n.Add(1)) {
					return "ok", nil
				}
				<-ctx.Done()
				return nil, ctx.Err()
			}, nil
		})
		return &b
	}
	t.Run("retried until success", func(t *testing.T) {
		t.Parallel()
		b := hang(func(n int32) bool { return n == 3 })
		resp, err := lb.RetryWithOptions(3, time.Minute, *b, lb.WithAttemptTimeout(time.Millisecond))(ctxWithTimeout(t), nil)
		if err != nil || resp != "ok" {
			t.Fatalf("got %v, %v", resp, err)
		}
	})
	t.Run("all attempts time out", func(t *testing.T) {
		t.Parallel()
		b := hang(func(int32) bool { return false })
		_, err := lb.RetryWithOptions(3, time.Minute, *b, lb.WithAttemptTimeout(time.Millisecond))(ctxWithTimeout(t), nil)
		var re lb.RetryError
		if !errors.As(err, &re) || len(re.RawErrors) != 3 {
			t.Fatalf("got %v, want a RetryError of 3 attempts", err)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Error("errors.Is(err, context.DeadlineExceeded) is false through RetryError")
		}
	})
}

func TestRetryBudget(t *testing.T) {
	t.Parallel()
	budget := lb.NewRetryBudget(4, 0.5)
	boom := errors.New("boom")
	var fail atomic.Bool
	fail.Store(true)
	var attempts atomic.Int32
	b := lb.BalancerFunc(func() (endpoint.Endpoint, error) {
		return func(context.Context, any) (any, error) {
			attempts.Add(1)
			if fail.Load() {
				return nil, boom
			}
			return nil, nil
		}, nil
	})
	e := lb.RetryWithOptions(10, time.Minute, b, lb.WithBudget(budget))
	call := func() int32 {
		attempts.Store(0)
		_, _ = e(ctxWithTimeout(t), nil)
		return attempts.Load()
	}
	// 4 tokens: the first call fails twice (4 -> 3 -> 2, and 2 is not more
	// than half), then every call gets one attempt (2 -> 1).
	if n := call(); n != 2 {
		t.Errorf("first failing call: %d attempts, want 2", n)
	}
	if n := call(); n != 1 {
		t.Errorf("second failing call: %d attempts, want 1", n)
	}
	if budget.Tokens() != 1 {
		t.Errorf("tokens: got %v, want 1", budget.Tokens())
	}
	// Successes refill the budget, half a token each, up to the maximum.
	fail.Store(false)
	for range 20 {
		call()
	}
	if budget.Tokens() != 4 {
		t.Errorf("tokens after successes: got %v, want 4", budget.Tokens())
	}
	fail.Store(true)
	if n := call(); n != 2 {
		t.Errorf("failing call after refill: %d attempts, want 2", n)
	}
}

func TestRetryConcurrent(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	b := lb.NewRandom(sd.FixedEndpointer{
		func(context.Context, any) (any, error) {
			if n.Add(1)%3 == 0 {
				return nil, errors.New("every third fails")
			}
			return "ok", nil
		},
	}, 1)
	// Retry until success: with goroutines interleaving, one call may meet
	// any number of failures in a row. Successes keep the budget full.
	e := lb.RetryWithOptions(0, time.Minute, b, lb.WithCallback(nil),
		lb.WithBudget(lb.NewRetryBudget(100, 1)), lb.WithBackoff(time.Microsecond, time.Microsecond))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if _, err := e(context.Background(), nil); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
