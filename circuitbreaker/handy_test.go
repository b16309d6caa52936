package circuitbreaker_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/streadway/handy/breaker"

	"github.com/seedkit/kit/circuitbreaker"
)

// scriptedBreaker is a breaker.Breaker with a fixed answer that records the
// outcomes reported to it.
type scriptedBreaker struct {
	allow bool

	mu       sync.Mutex
	outcomes []string
}

func (s *scriptedBreaker) Allow() bool { return s.allow }

func (s *scriptedBreaker) Success(time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outcomes = append(s.outcomes, "success")
}

func (s *scriptedBreaker) Failure(time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outcomes = append(s.outcomes, "failure")
}

func TestHandyBreakerReports(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		allow    bool
		failing  bool
		wantErr  error
		wantCall bool
		want     []string
	}{
		{"allowed success", true, false, nil, true, []string{"success"}},
		{"allowed failure", true, true, errDown, true, []string{"failure"}},
		{"rejected", false, false, breaker.ErrCircuitOpen, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb := &scriptedBreaker{allow: tt.allow}
			var b backend
			b.failing.Store(tt.failing)
			resp, err := circuitbreaker.HandyBreaker(cb)(b.endpoint)(testContext(t), "req")
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error: got %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == nil && resp != "req" {
				t.Errorf("response: got %v, want req", resp)
			}
			if got := b.calls.Load() == 1; got != tt.wantCall {
				t.Errorf("endpoint called: got %v, want %v", got, tt.wantCall)
			}
			if len(cb.outcomes) != len(tt.want) || (len(tt.want) == 1 && cb.outcomes[0] != tt.want[0]) {
				t.Errorf("reported: got %v, want %v", cb.outcomes, tt.want)
			}
		})
	}
}

// TestHandyBreakerLifecycle drives a real handy breaker: it opens once more
// than DefaultMinObservations requests failed at a rate above its ratio, lets
// one request through after its cooldown (1s, not configurable after
// construction), and closes when that request succeeds.
func TestHandyBreakerLifecycle(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	var b backend
	b.failing.Store(true)
	e := circuitbreaker.HandyBreaker(breaker.NewBreaker(0.5))(b.endpoint)
	const failures = breaker.DefaultMinObservations + 1
	for i := 0; i < failures; i++ {
		if _, err := e(ctx, i); !errors.Is(err, errDown) {
			t.Fatalf("call %d: got %v, want the endpoint's error", i, err)
		}
	}
	for i := 0; i < 10; i++ {
		if _, err := e(ctx, i); !errors.Is(err, breaker.ErrCircuitOpen) {
			t.Fatalf("open call %d: got %v, want %v", i, err, breaker.ErrCircuitOpen)
		}
	}
	if got := b.calls.Load(); got != failures {
		t.Errorf("calls reaching the endpoint: got %d, want %d", got, failures)
	}
	b.failing.Store(false)
	waitFor(ctx, t, "the half-open test request", func() bool {
		_, err := e(ctx, "probe")
		if err != nil && !errors.Is(err, breaker.ErrCircuitOpen) {
			t.Fatalf("while open: got %v", err)
		}
		return err == nil
	})
	for i := 0; i < 10; i++ {
		if _, err := e(ctx, i); err != nil {
			t.Fatalf("closed call %d: got %v", i, err)
		}
	}
}
