package circuitbreaker_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sony/gobreaker"

	"github.com/seedkit/kit/circuitbreaker"
	"github.com/seedkit/kit/endpoint"
)

// transitions records a gobreaker's state changes.
type transitions struct {
	mu   sync.Mutex
	seen []string
}

func (tr *transitions) record(_ string, from, to gobreaker.State) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.seen = append(tr.seen, from.String()+"->"+to.String())
}

func (tr *transitions) String() string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return fmt.Sprint(tr.seen)
}

func TestGobreakerOpens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		settings gobreaker.Settings
		failures int // failures that pass through before the breaker opens
	}{
		{"default: more than 5 consecutive failures", gobreaker.Settings{}, 6},
		{"custom ReadyToTrip", gobreaker.Settings{ReadyToTrip: func(c gobreaker.Counts) bool { return c.TotalFailures >= 3 }}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			var tr transitions
			tt.settings.OnStateChange = tr.record
			cb := gobreaker.NewCircuitBreaker(tt.settings) // Timeout 60s: stays open during the test
			var b backend
			b.failing.Store(true)
			e := circuitbreaker.Gobreaker(cb)(b.endpoint)
			for i := 0; i < tt.failures; i++ {
				if _, err := e(ctx, i); !errors.Is(err, errDown) {
					t.Fatalf("call %d: got %v, want the endpoint's error", i, err)
				}
			}
			if got := cb.State(); got != gobreaker.StateOpen {
				t.Fatalf("state after %d failures: got %v, want open", tt.failures, got)
			}
			for i := 0; i < 10; i++ {
				if _, err := e(ctx, i); !errors.Is(err, gobreaker.ErrOpenState) {
					t.Fatalf("open call %d: got %v, want %v", i, err, gobreaker.ErrOpenState)
				}
			}
			if got, want := b.calls.Load(), int64(tt.failures); got != want {
				t.Errorf("calls reaching the endpoint: got %d, want %d", got, want)
			}
			if got, want := tr.String(), "[closed->open]"; got != want {
				t.Errorf("transitions: got %s, want %s", got, want)
			}
		})
	}
}

// tripped returns a breaker that is already open, with a short Timeout so
// that it becomes half-open soon, and its transition log.
func tripped(ctx context.Context, t *testing.T, maxRequests uint32) (*gobreaker.CircuitBreaker, *transitions) {
	t.Helper()
	tr := new(transitions)
	cb := gobreaker.NewCircuitBreaker(gobreaker.Settings{
		MaxRequests:   maxRequests,
		Timeout:       time.Millisecond,
		ReadyToTrip:   func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= 1 },
		OnStateChange: tr.record,
	})
	e := circuitbreaker.Gobreaker(cb)(func(context.Context, any) (any, error) { return nil, errDown })
	if _, err := e(ctx, nil); !errors.Is(err, errDown) {
		t.Fatalf("tripping call: got %v", err)
	}
	waitFor(ctx, t, "half-open", func() bool { return cb.State() == gobreaker.StateHalfOpen })
	return cb, tr
}

func TestGobreakerHalfOpen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		fail        bool
		wantState   gobreaker.State
		wantHistory string
	}{
		{"success closes", false, gobreaker.StateClosed, "[closed->open open->half-open half-open->closed]"},
		{"failure reopens", true, gobreaker.StateOpen, "[closed->open open->half-open half-open->open]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			cb, tr := tripped(ctx, t, 1)
			var b backend
			b.failing.Store(tt.fail)
			e := circuitbreaker.Gobreaker(cb)(b.endpoint)
			resp, err := e(ctx, "probe")
			if tt.fail {
				if !errors.Is(err, errDown) {
					t.Fatalf("probe: got %v, want the endpoint's error", err)
				}
			} else if err != nil || resp != "probe" {
				t.Fatalf("probe: got %v, %v; want probe, nil", resp, err)
			}
			if b.calls.Load() != 1 {
				t.Errorf("the half-open breaker let %d calls through, want 1", b.calls.Load())
			}
			// The Timeout is short: an open breaker may already be half-open
			// again, but it must have passed through open.
			if got := cb.State(); got != tt.wantState && !(tt.wantState == gobreaker.StateOpen && got == gobreaker.StateHalfOpen) {
				t.Errorf("state: got %v, want %v", got, tt.wantState)
			}
			if got := tr.String(); !strings.HasPrefix(got, strings.TrimSuffix(tt.wantHistory, "]")) {
				t.Errorf("transitions: got %s, want %s", got, tt.wantHistory)
			}
		})
	}
}

func TestGobreakerHalfOpenLimitsConcurrentRequests(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	cb, _ := tripped(ctx, t, 1)
	entered, release := make(chan struct{}), make(chan struct{})
	e := circuitbreaker.Gobreaker(cb)(func(context.Context, any) (any, error) {
		close(entered)
		<-release
		return "ok", nil
	})
	first := make(chan error, 1)
	go func() {
		_, err := e(ctx, nil)
		first <- err
	}()
	<-entered
	if _, err := e(ctx, nil); !errors.Is(err, gobreaker.ErrTooManyRequests) {
		t.Errorf("second half-open call: got %v, want %v", err, gobreaker.ErrTooManyRequests)
	}
	close(release)
	if err := <-first; err != nil {
		t.Errorf("first half-open call: got %v", err)
	}
	if got := cb.State(); got != gobreaker.StateClosed {
		t.Errorf("state: got %v, want closed", got)
	}
}

func TestGobreakerIsSuccessful(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	cb := gobreaker.NewCircuitBreaker(gobreaker.Settings{IsSuccessful: func(err error) bool { return err == nil || errors.Is(err, errDown) }})
	var b backend
	b.failing.Store(true)
	e := circuitbreaker.Gobreaker(cb)(b.endpoint)
	for i := 0; i < 20; i++ {
		if _, err := e(ctx, nil); !errors.Is(err, errDown) {
			t.Fatalf("call %d: got %v", i, err)
		}
	}
	if cb.State() != gobreaker.StateClosed {
		t.Errorf("errors counted as successes opened the breaker")
	}
}

func TestGobreakerPassesContextAndRequest(t *testing.T) {
	t.Parallel()
	type key struct{}
	ctx := context.WithValue(testContext(t), key{}, "value")
	e := circuitbreaker.Gobreaker(gobreaker.NewCircuitBreaker(gobreaker.Settings{}))(func(ctx context.Context, req any) (any, error) {
		return fmt.Sprint(ctx.Value(key{}), "/", req), nil
	})
	resp, err := e(ctx, "req")
	if err != nil || resp != "value/req" {
		t.Errorf("got %v, %v; want value/req, nil", resp, err)
	}
}

func TestNilBreakers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		mw   endpoint.Middleware
	}{
		{"Gobreaker", circuitbreaker.Gobreaker(nil)},
		{"HandyBreaker", circuitbreaker.HandyBreaker(nil)},
		{"Adaptive", circuitbreaker.Adaptive(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b backend
			_, err := tt.mw(b.endpoint)(testContext(t), nil)
			if !errors.Is(err, circuitbreaker.ErrNilBreaker) {
				t.Errorf("got %v, want ErrNilBreaker", err)
			}
			if b.calls.Load() != 0 {
				t.Errorf("the endpoint was called")
			}
		})
	}
}
