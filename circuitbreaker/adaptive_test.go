package circuitbreaker_test

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/circuitbreaker"
)

// fixedRand returns a source of randomness that always draws v.
func fixedRand(v float64) func() float64 { return func() float64 { return v } }

func TestAdaptiveRejectProbability(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name              string
		k                 float64
		accepted, refused int
		want              float64
	}{
		{"empty history", 2, 0, 0, 0},
		{"all accepted", 2, 50, 0, 0},
		{"K=2 tolerates half failing", 2, 5, 5, 0},
		{"K=2, 10 requests, 3 accepted", 2, 3, 7, (10 - 2*3) / 11.0},
		{"K=1.5, 10 requests, 2 accepted", 1.5, 2, 8, (10 - 1.5*2) / 11.0},
		{"nothing accepted", 2, 0, 9, 9 / 10.0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			clock := newFakeClock()
			th := circuitbreaker.NewAdaptiveThrottle(
				circuitbreaker.AdaptiveK(tt.k),
				circuitbreaker.AdaptiveClock(clock.Now),
				circuitbreaker.AdaptiveRand(fixedRand(0.999999)), // never reject while recording
			)
			var b backend
			e := circuitbreaker.Adaptive(th)(b.endpoint)
			for i := 0; i < tt.accepted; i++ {
				if _, err := e(ctx, i); err != nil {
					t.Fatal(err)
				}
			}
			b.failing.Store(true)
			for i := 0; i < tt.refused; i++ {
				if _, err := e(ctx, i); !errors.Is(err, errDown) {
					t.Fatalf("got %v, want the endpoint's error", err)
				}
			}
			if got := th.RejectProbability(); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("RejectProbability: got %v, want %v", got, tt.want)
			}
			req, acc := th.Counts()
			if req != uint64(tt.accepted+tt.refused) || acc != uint64(tt.accepted) {
				t.Errorf("Counts: got %d, %d; want %d, %d", req, acc, tt.accepted+tt.refused, tt.accepted)
			}
		})
	}
}

// TestAdaptiveThrottlesFailingDependency follows a dependency that goes
// down and comes back, with the random draw fixed at 0.5: a request is
// rejected exactly when the reject probability exceeds one half.
func TestAdaptiveThrottlesFailingDependency(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	clock := newFakeClock()
	th := circuitbreaker.NewAdaptiveThrottle(
		circuitbreaker.AdaptiveClock(clock.Now),
		circuitbreaker.AdaptiveRand(fixedRand(0.5)),
		circuitbreaker.AdaptiveWindow(10*time.Second, 10),
	)
	var b backend
	b.failing.Store(true)
	e := circuitbreaker.Adaptive(th)(b.endpoint)

	// p before each call: 0, 1/2, 2/3, ... The first two reach the endpoint.
	for i, want := range []error{errDown, errDown, circuitbreaker.ErrThrottled, circuitbreaker.ErrThrottled} {
		if _, err := e(ctx, i); !errors.Is(err, want) {
			t.Fatalf("call %d: got %v, want %v", i, err, want)
		}
	}
	if got := b.calls.Load(); got != 2 {
		t.Errorf("calls reaching the endpoint: got %d, want 2", got)
	}
	if req, acc := th.Counts(); req != 4 || acc != 0 {
		t.Errorf("rejected requests must count as requests: got %d requests, %d accepts", req, acc)
	}

	// There is no open state: once the window forgets the failures, requests
	// flow again, and successes keep the probability at zero.
	clock.Add(10 * time.Second)
	if p := th.RejectProbability(); p != 0 {
		t.Fatalf("after the window: probability %v, want 0", p)
	}
	b.failing.Store(false)
	for i := 0; i < 100; i++ {
		if _, err := e(ctx, i); err != nil {
			t.Fatalf("healthy call %d: %v", i, err)
		}
	}
}

func TestAdaptiveWindowSlides(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	clock := newFakeClock()
	th := circuitbreaker.NewAdaptiveThrottle(
		circuitbreaker.AdaptiveClock(clock.Now),
		circuitbreaker.AdaptiveRand(fixedRand(0.999999)),
		circuitbreaker.AdaptiveWindow(4*time.Second, 4), // buckets of 1s
	)
	var b backend
	e := circuitbreaker.Adaptive(th)(b.endpoint)
	// One request per second, for 4 seconds: 1, 2, 3, 4 requests.
	for s := 1; s <= 4; s++ {
		for i := 0; i < s; i++ {
			if _, err := e(ctx, nil); err != nil {
				t.Fatal(err)
			}
		}
		clock.Add(time.Second)
	}
	// Now in second 5: the first bucket (1 request) has left the window.
	steps := []struct {
		advance time.Duration
		want    uint64
	}{
		{0, 2 + 3 + 4},
		{time.Second, 3 + 4},
		{1500 * time.Millisecond, 4},
		{500 * time.Millisecond, 0},
		{-time.Hour, 0}, // a clock going backwards moves nothing
		{time.Hour, 0},
	}
	for _, s := range steps {
		clock.Add(s.advance)
		if req, _ := th.Counts(); req != s.want {
			t.Errorf("after advancing %v: %d requests, want %d", s.advance, req, s.want)
		}
	}
}

func TestAdaptiveAcceptedClassifier(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	errNotFound := errors.New("not found")
	th := circuitbreaker.NewAdaptiveThrottle(
		circuitbreaker.AdaptiveRand(fixedRand(0)), // reject whenever p > 0
		circuitbreaker.AdaptiveAccepted(func(err error) bool { return err == nil || errors.Is(err, errNotFound) }),
	)
	e := circuitbreaker.Adaptive(th)(func(context.Context, any) (any, error) { return nil, errNotFound })
	for i := 0; i < 50; i++ {
		if _, err := e(ctx, nil); !errors.Is(err, errNotFound) {
			t.Fatalf("call %d: got %v; an accepted error must not throttle", i, err)
		}
	}
}

func TestAdaptiveAllow(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	th := circuitbreaker.NewAdaptiveThrottle(circuitbreaker.AdaptiveClock(clock.Now), circuitbreaker.AdaptiveRand(fixedRand(0)))
	done, err := th.Allow()
	if err != nil {
		t.Fatal(err)
	}
	done(true)
	done(true) // only the first call counts
	if req, acc := th.Counts(); req != 1 || acc != 1 {
		t.Errorf("Counts: got %d, %d; want 1, 1", req, acc)
	}
	done, err = th.Allow()
	if err != nil {
		t.Fatal(err)
	}
	done(false)
	done, err = th.Allow() // p = (2 - 2*1)/3 = 0
	if err != nil {
		t.Fatal(err)
	}
	done(false)
	// p = (3 - 2)/4 > 0 and the draw is 0: rejected.
	if done, err := th.Allow(); !errors.Is(err, circuitbreaker.ErrThrottled) || done != nil {
		t.Errorf("got done=%t, %v; want nil, ErrThrottled", done != nil, err)
	}
}

func TestAdaptiveInvalidOptionsKeepDefaults(t *testing.T) {
	t.Parallel()
	th := circuitbreaker.NewAdaptiveThrottle(
		nil,
		circuitbreaker.AdaptiveK(0.5),
		circuitbreaker.AdaptiveK(math.NaN()),
		circuitbreaker.AdaptiveK(math.Inf(1)),
		circuitbreaker.AdaptiveWindow(0, 10),
		circuitbreaker.AdaptiveWindow(time.Second, 0),
		circuitbreaker.AdaptiveWindow(time.Nanosecond, 10),
		circuitbreaker.AdaptiveClock(nil),
		circuitbreaker.AdaptiveRand(nil),
		circuitbreaker.AdaptiveAccepted(nil),
		circuitbreaker.AdaptiveRand(fixedRand(0)),
	)
	// With the default K = 2, one accept covers two requests.
	for i, accepted := range []bool{true, false} {
		done, err := th.Allow()
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		done(accepted)
	}
	if p := th.RejectProbability(); p != 0 {
		t.Errorf("probability %v, want 0 with K = 2", p)
	}
	e := circuitbreaker.Adaptive(th)(func(context.Context, any) (any, error) { return "ok", nil })
	if resp, err := e(testContext(t), nil); err != nil || resp != "ok" {
		t.Errorf("got %v, %v", resp, err)
	}
}

func TestAdaptiveConcurrent(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	th := circuitbreaker.NewAdaptiveThrottle()
	var b backend
	e := circuitbreaker.Adaptive(th)(b.endpoint)
	const workers, calls = 8, 200
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for i := 0; i < calls; i++ {
				if _, err := e(ctx, i); err != nil {
					t.Errorf("healthy call: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	if req, acc := th.Counts(); req != workers*calls || acc != workers*calls {
		t.Errorf("Counts: got %d, %d; want %d each", req, acc, workers*calls)
	}
}
