package circuitbreaker

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/seedkit/kit/endpoint"
)

// ErrThrottled is returned by the Adaptive middleware, and by
// AdaptiveThrottle.Allow, for a request the throttle rejects locally.
var ErrThrottled = errors.New("circuitbreaker: request throttled")

// Defaults of NewAdaptiveThrottle.
const (
	// DefaultAdaptiveK is the multiplier of accepts in the reject
	// probability: the dependency may fail about 1 - 1/K of the requests
	// before the throttle starts rejecting.
	DefaultAdaptiveK = 2.0
	// DefaultAdaptiveWindow is the span of history the counts cover.
	DefaultAdaptiveWindow = 2 * time.Minute
	// DefaultAdaptiveBuckets is the number of slots the window is split
	// into; the window slides one slot at a time.
	DefaultAdaptiveBuckets = 24
)

// AdaptiveThrottle is a client-side adaptive throttle (Google SRE book,
// "Handling Overload"). It counts, over a sliding window, the requests its
// caller attempted (including those it rejected) and the requests the
// dependency accepted, and rejects a new request with probability
//
//	max(0, (requests - K*accepts) / (requests + 1))
//
// It has no open state: as soon as accepts grow again, the probability falls.
//
// Create one with NewAdaptiveThrottle; the zero value is not usable. An
// AdaptiveThrottle is safe for concurrent use, and may be shared between the
// endpoints that call one dependency.
type AdaptiveThrottle struct {
	k        float64
	width    time.Duration // of one bucket
	now      func() time.Time
	random   func() float64
	accepted func(error) bool

	mu        sync.Mutex
	buckets   []adaptiveBucket
	head      int       // index of the current bucket
	headStart time.Time // when the current bucket began
	requests  float64   // sums over all buckets
	accepts   float64
}

type adaptiveBucket struct{ requests, accepts float64 }

// AdaptiveOption configures an AdaptiveThrottle. Options with invalid values
// are ignored, leaving the default in place.
type AdaptiveOption func(*AdaptiveThrottle)

// AdaptiveK sets the multiplier K (default DefaultAdaptiveK). Values below 1,
// NaN and infinities are ignored: K < 1 would reject requests to a fully
// healthy dependency.
func AdaptiveK(k float64) AdaptiveOption {
	return func(t *AdaptiveThrottle) {
		if k >= 1 && !math.IsInf(k, 1) {
			t.k = k
		}
	}
}

// AdaptiveWindow sets the span of history (default DefaultAdaptiveWindow) and
// the number of buckets it is split into (default DefaultAdaptiveBuckets).
// It is ignored unless window > 0 and window/buckets is at least 1ns.
func AdaptiveWindow(window time.Duration, buckets int) AdaptiveOption {
	return func(t *AdaptiveThrottle) {
		if window > 0 && buckets > 0 && window/time.Duration(buckets) > 0 {
			t.width = window / time.Duration(buckets)
			t.buckets = make([]adaptiveBucket, buckets)
		}
	}
}

// AdaptiveClock sets the clock (default time.Now). A clock that goes
// backwards does not move the window. A nil clock is ignored.
func AdaptiveClock(now func() time.Time) AdaptiveOption {
	return func(t *AdaptiveThrottle) {
		if now != nil {
			t.now = now
		}
	}
}

// AdaptiveRand sets the source of randomness: a function returning a number
// in [0, 1) (default math/rand/v2's Float64). A request is rejected when the
// number it draws is below the reject probability; it is not called while
// the probability is 0. It is called with the
// throttle's lock held and must not call back into the throttle. A nil
// function is ignored.
func AdaptiveRand(random func() float64) AdaptiveOption {
	return func(t *AdaptiveThrottle) {
		if random != nil {
			t.random = random
		}
	}
}

// AdaptiveAccepted sets the function that decides, from the error the
// endpoint returned, whether the dependency accepted the request (default:
// the error is nil). Count as accepted the errors that prove the dependency
// is up, for example "not found" or validation errors. A nil function is
// ignored.
func AdaptiveAccepted(accepted func(error) bool) AdaptiveOption {
	return func(t *AdaptiveThrottle) {
		if accepted != nil {
			t.accepted = accepted
		}
	}
}

// NewAdaptiveThrottle returns a throttle with empty history.
func NewAdaptiveThrottle(opts ...AdaptiveOption) *AdaptiveThrottle {
	t := &AdaptiveThrottle{
		k:        DefaultAdaptiveK,
		width:    DefaultAdaptiveWindow / DefaultAdaptiveBuckets,
		buckets:  make([]adaptiveBucket, DefaultAdaptiveBuckets),
		now:      time.Now,
		random:   rand.Float64,
		accepted: func(err error) bool { return err == nil },
	}
	for _, opt := range opts {
		if opt != nil {
			opt(t)
		}
	}
	t.headStart = t.now()
	return t
}

// advance moves the window to now, dropping the buckets that fell out of it.
// t.mu must be held.
func (t *AdaptiveThrottle) advance(now time.Time) {
	elapsed := now.Sub(t.headStart)
	if elapsed < t.width {
		return // includes a clock that went backwards
	}
	steps := elapsed / t.width
	t.headStart = t.headStart.Add(steps * t.width)
	if steps >= time.Duration(len(t.buckets)) {
		clear(t.buckets)
		t.requests, t.accepts = 0, 0
		return
	}
	for ; steps > 0; steps-- {
		t.head = (t.head + 1) % len(t.buckets)
		b := &t.buckets[t.head]
		t.requests -= b.requests
		t.accepts -= b.accepts
		*b = adaptiveBucket{}
	}
}

// probability returns the reject probability. t.mu must be held.
func (t *AdaptiveThrottle) probability() float64 {
	return max(0, (t.requests-t.k*t.accepts)/(t.requests+1))
}

// allow counts one attempted request and reports whether it may proceed.
func (t *AdaptiveThrottle) allow() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.advance(t.now())
	p := t.probability()
	t.buckets[t.head].requests++
	t.requests++
	return p <= 0 || t.random() >= p
}

// record counts the outcome of an allowed request.
func (t *AdaptiveThrottle) record(accepted bool) {
	if !accepted {
		return
	}
	t.mu.Lock()
	t.advance(t.now())
	t.buckets[t.head].accepts++
	t.accepts++
	t.mu.Unlock()
}

// Allow counts one attempted request and decides whether it may proceed. If
// it may, Allow returns a function to call exactly once with whether the
// dependency accepted it (further calls do nothing); otherwise it returns
// ErrThrottled. Use it to throttle calls that are not endpoints.
func (t *AdaptiveThrottle) Allow() (done func(accepted bool), err error) {
	if !t.allow() {
		return nil, ErrThrottled
	}
	var once sync.Once
	return func(accepted bool) { once.Do(func() { t.record(accepted) }) }, nil
}

// RejectProbability returns the probability with which the next request
// would be rejected, given the history in the window now.
func (t *AdaptiveThrottle) RejectProbability() float64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.advance(t.now())
	return t.probability()
}

// Counts returns the numbers of requests attempted and accepted in the
// window now.
func (t *AdaptiveThrottle) Counts() (requests, accepts uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.advance(t.now())
	return uint64(t.requests), uint64(t.accepts)
}

// Adaptive returns an endpoint.Middleware that throttles calls with t: a
// rejected call returns ErrThrottled without reaching the endpoint; an allowed
// call's error is classified by t (see AdaptiveAccepted) and returned
// unchanged with the response. If t is nil, every call returns ErrNilBreaker.
func Adaptive(t *AdaptiveThrottle) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		if t == nil {
			return nilBreaker
		}
		return func(ctx context.Context, request any) (any, error) {
			if !t.allow() {
				return nil, ErrThrottled
			}
			response, err := next(ctx, request)
			t.record(t.accepted(err))
			return response, err
		}
	}
}
