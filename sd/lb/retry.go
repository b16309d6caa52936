package lb

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd/internal/backoff"
)

// ErrNilBalancer is returned by the endpoints of Retry, RetryWithCallback and
// RetryWithOptions when they were given a nil Balancer (Go kit panics).
// Beyond Go kit.
var ErrNilBalancer = errors.New("lb: retry with a nil Balancer")

var errNilEndpoint = errors.New("lb: balancer returned a nil endpoint")

// RetryError is the error of a retrying endpoint that gave up before its
// timeout: RawErrors holds the error of every attempt in order (a Balancer's
// error counts as an attempt's), and Final the error that ended the retries
// (the last one, or the Callback's replacement for it).
//
// Beyond Go kit, RetryError unwraps to Final and every raw error, so
// errors.Is and errors.As see through it: errors.Is(err,
// context.DeadlineExceeded) holds when an attempt timed out.
type RetryError struct {
	RawErrors []error // all errors encountered from endpoints directly
	Final     error   // the final, terminating error
}

// Error returns Final's message followed, when there was more than one
// attempt, by the earlier ones: "final (previously: first; second)". The
// format is Go kit's.
func (e RetryError) Error() string {
	var b strings.Builder
	b.WriteString(errString(e.Final))
	if len(e.RawErrors) > 1 {
		b.WriteString(" (previously: ")
		for i, err := range e.RawErrors[:len(e.RawErrors)-1] {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(errString(err))
		}
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns Final followed by RawErrors, without nils.
func (e RetryError) Unwrap() []error {
	out := make([]error, 0, 1+len(e.RawErrors))
	if e.Final != nil {
		out = append(out, e.Final)
	}
	for _, err := range e.RawErrors {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// Callback decides after each failed attempt whether to try again. n is the
// number of attempts made so far (1 after the first), received the error of
// the last one. A non-nil replacement takes the place of received as the
// RetryError's Final if the retries stop here.
type Callback func(n int, received error) (keepTrying bool, replacement error)

// Retry returns an endpoint that calls an endpoint picked by b, and on error
// picks again and retries, up to max attempts in all (max below 1 means one
// attempt). It is RetryWithCallback with a Callback that keeps trying while
// n < max.
func Retry(max int, timeout time.Duration, b Balancer) endpoint.Endpoint {
	return RetryWithOptions(max, timeout, b)
}

// RetryWithCallback returns an endpoint that calls an endpoint picked by b,
// and on error asks cb whether to pick again and retry. A nil cb retries until
// the timeout.
//
// timeout bounds the whole call, all attempts together: the attempts get a
// context with that deadline (or the caller's, if sooner). When the context
// ends, the endpoint returns the context's error, context.DeadlineExceeded or
// context.Canceled, as Go kit's does. When cb stops the retries the error is a
// RetryError. A timeout of zero or less ends the context at once.
//
// Unlike Go kit's, the attempts run on the caller's goroutine, one after the
// other: no goroutine, channel or timer is made when the first attempt
// succeeds. So an endpoint that ignores its context is not abandoned at the
// timeout (Go kit leaves it running in a goroutine and returns); the call
// returns when the endpoint does. kit's transports all honour the context.
// A panic in an endpoint reaches the caller.
func RetryWithCallback(timeout time.Duration, b Balancer, cb Callback) endpoint.Endpoint {
	return RetryWithOptions(0, timeout, b, WithCallback(cb))
}

// RetryOption configures RetryWithOptions. Beyond Go kit.
type RetryOption func(*retrier)

// WithCallback decides on retries with cb instead of the max attempts of
// RetryWithOptions. A nil cb retries until the timeout.
func WithCallback(cb Callback) RetryOption {
	return func(r *retrier) {
		r.useCallback = true
		r.cb = cb
	}
}

// WithBackoff pauses between attempts, for an exponentially growing time
// with jitter: after attempt n, a random duration between d/2 and d, where d
// is base·2^(n-1), at most limit. A base of zero or less means no pause; a
// limit below base means base.
func WithBackoff(base, limit time.Duration) RetryOption {
	return func(r *retrier) {
		r.backoffBase = base
		r.backoffMax = max(base, limit)
	}
}

// WithAttemptTimeout gives each attempt its own timeout d, within the overall
// timeout. An attempt that times out fails with context.DeadlineExceeded and
// may be retried. Zero or less means no per-attempt timeout.
func WithAttemptTimeout(d time.Duration) RetryOption {
	return func(r *retrier) { r.attemptTimeout = d }
}

// WithBudget makes retries draw on budget, which is shared by every endpoint
// given the same RetryBudget. A nil budget means no budget.
func WithBudget(budget *RetryBudget) RetryOption {
	return func(r *retrier) { r.budget = budget }
}

// WithSleep replaces how the endpoint pauses between attempts (see
// WithBackoff). sleep must return nil after d, or the context's error if ctx
// ends first. For tests, which can record the pauses instead of waiting. A
// nil sleep means the default, a timer.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) RetryOption {
	return func(r *retrier) { r.sleep = sleep }
}

// WithJitter replaces the source of the backoff's jitter: rand must return a
// number in [0, 1) and be safe for concurrent use. For tests. A nil rand
// means math/rand/v2's Float64.
func WithJitter(rand func() float64) RetryOption {
	return func(r *retrier) { r.rand = rand }
}

// RetryWithOptions is Retry with options: backoff between attempts
// (WithBackoff), a timeout per attempt (WithAttemptTimeout), a retry budget
// shared between endpoints (WithBudget), or a Callback instead of max
// (WithCallback). Without options it is Retry. Beyond Go kit.
//
// The attempts run on the caller's goroutine, as described at
// RetryWithCallback; the first succeeding attempt costs no goroutine,
// channel or timer, unless WithAttemptTimeout asks for a timer.
func RetryWithOptions(max int, timeout time.Duration, b Balancer, opts ...RetryOption) endpoint.Endpoint {
	r := &retrier{max: max, timeout: timeout, b: b}
	for _, opt := range opts {
		if opt != nil {
			opt(r)
		}
	}
	if r.sleep == nil {
		r.sleep = backoff.Sleep
	}
	if r.rand == nil {
		r.rand = rand.Float64
	}
	if b == nil {
		return func(context.Context, any) (any, error) { return nil, ErrNilBalancer }
	}
	if r.attemptTimeout <= 0 && r.budget == nil {
		return r.serveFast
	}
	return r.serve
}

type retrier struct {
	max         int
	timeout     time.Duration
	b           Balancer
	useCallback bool
	cb          Callback

	backoffBase, backoffMax time.Duration
	attemptTimeout          time.Duration
	budget                  *RetryBudget
	sleep                   func(context.Context, time.Duration) error
	rand                    func() float64
}

// serveFast is serve without per-attempt timeouts or budget, with the first
// attempt inlined.
func (r *retrier) serveFast(ctx context.Context, req any) (any, error) {
	cctx := withDeadline(ctx, time.Now().Add(r.timeout))
	e, err := r.b.Endpoint()
	if err == nil && e != nil {
		var resp any
		if resp, err = e(cctx, req); err == nil {
			cctx.release()
			return resp, nil
		}
	} else if err == nil {
		err = errNilEndpoint
	}
	resp, err := r.retry(cctx, req, err)
	cctx.release()
	return resp, err
}

func (r *retrier) serve(ctx context.Context, req any) (any, error) {
	cctx := withDeadline(ctx, time.Now().Add(r.timeout))
	resp, err := r.attempt(cctx, req)
	if err == nil {
		r.budget.succeeded()
	} else {
		resp, err = r.retry(cctx, req, err)
	}
	cctx.release()
	return resp, err
}

// attempt picks an endpoint and calls it once.
func (r *retrier) attempt(ctx context.Context, req any) (any, error) {
	e, err := r.b.Endpoint()
	if err != nil {
		return nil, err
	}
	if e == nil {
		return nil, errNilEndpoint
	}
	if r.attemptTimeout > 0 {
		actx, cancel := context.WithTimeout(ctx, r.attemptTimeout)
		defer cancel()
		return e(actx, req)
	}
	return e(ctx, req)
}

// retry goes on after the first attempt failed with err.
func (r *retrier) retry(ctx context.Context, req any, err error) (any, error) {
	var raw []error
	for n := 1; ; n++ {
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		r.budget.failed()
		raw = append(raw, err)
		keep, replacement := r.decide(n, err)
		if replacement != nil {
			err = replacement
		}
		if keep && !r.budget.allowRetry() {
			keep = false
		}
		if !keep {
			return nil, RetryError{RawErrors: raw, Final: err}
		}
		if pause := r.pause(n); pause > 0 {
			if serr := r.sleep(ctx, pause); serr != nil {
				if cerr := ctx.Err(); cerr != nil {
					return nil, cerr
				}
				return nil, serr
			}
		}
		var resp any
		if resp, err = r.attempt(ctx, req); err == nil {
			r.budget.succeeded()
			return resp, nil
		}
	}
}

func (r *retrier) decide(n int, err error) (bool, error) {
	if !r.useCallback {
		return n < r.max, nil
	}
	if r.cb == nil {
		return true, nil
	}
	return r.cb(n, err)
}

// pause is the backoff after attempt n.
func (r *retrier) pause(n int) time.Duration {
	if r.backoffBase <= 0 {
		return 0
	}
	d := r.backoffMax
	if shift := n - 1; shift < 62 && r.backoffBase <= r.backoffMax>>shift {
		d = r.backoffBase << shift
	}
	half := d / 2
	return half + time.Duration(r.rand()*float64(d-half))
}
