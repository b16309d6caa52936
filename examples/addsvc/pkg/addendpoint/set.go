package addendpoint

import (
	"context"
	"fmt"
	"time"

	"github.com/sony/gobreaker"
	"golang.org/x/time/rate"

	"github.com/seedkit/kit/circuitbreaker"
	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/ratelimit"
)

// Set collects the endpoints of addsvc. On the client side, a Set built from
// transport clients implements addservice.Service.
type Set struct {
	SumEndpoint    endpoint.Endpoint
	ConcatEndpoint endpoint.Endpoint
}

// New returns a Set wrapping svc. Every endpoint gets, from the outside in:
// the middlewares of WithMiddleware (tracing, say), latency instrumentation
// (duration is labelled with "method" and "success"), logging, a rate limit
// (ratelimit.ErrLimited beyond it; see WithRateLimit) and a circuit breaker
// (gobreaker.ErrOpenState while open). Business errors travel inside the
// responses, so they never trip the breaker.
func New(svc addservice.Service, logger log.Logger, duration metrics.Histogram, opts ...Option) Set {
	o := options{limit: 1000, burst: 100}
	for _, opt := range opts {
		opt(&o)
	}
	wrap := func(method string, e endpoint.Endpoint) endpoint.Endpoint {
		var mws []endpoint.Middleware
		for _, f := range o.outer {
			mws = append(mws, f(method))
		}
		mws = append(mws,
			InstrumentingMiddleware(duration.With("method", method)),
			LoggingMiddleware(log.With(logger, "method", method)),
			ratelimit.NewErroringLimiter(rate.NewLimiter(o.limit, o.burst)),
			circuitbreaker.Gobreaker(gobreaker.NewCircuitBreaker(gobreaker.Settings{Name: method})),
		)
		return endpoint.Chain(mws[0], mws[1:]...)(e)
	}
	return Set{
		SumEndpoint:    wrap("Sum", MakeSumEndpoint(svc)),
		ConcatEndpoint: wrap("Concat", MakeConcatEndpoint(svc)),
	}
}

// Option configures New.
type Option func(*options)

type options struct {
	limit rate.Limit
	burst int
	outer []func(method string) endpoint.Middleware
}

// WithRateLimit sets each endpoint's rate limit: limit calls per second on
// average, bursts of up to burst calls (default 1000 per second, bursts of
// 100). Calls beyond it fail with ratelimit.ErrLimited.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(o *options) { o.limit, o.burst = limit, burst }
}

// WithMiddleware adds middlewares outside all others on every endpoint, in
// order (the first is outermost): tracing belongs here, so that a span
// covers the whole call.
func WithMiddleware(mw ...endpoint.Middleware) Option {
	return func(o *options) {
		for _, m := range mw {
			o.outer = append(o.outer, func(string) endpoint.Middleware { return m })
		}
	}
}

// WithMethodMiddleware is WithMiddleware for middlewares that depend on the
// method ("Sum" or "Concat") they wrap, such as a tracing middleware naming
// its spans:
//
//	addendpoint.WithMethodMiddleware(func(method string) endpoint.Middleware {
//		return opentelemetry.TraceServer(method)
//	})
func WithMethodMiddleware(f func(method string) endpoint.Middleware) Option {
	return func(o *options) { o.outer = append(o.outer, f) }
}

// Sum implements addservice.Service by calling the Sum endpoint.
func (s Set) Sum(ctx context.Context, a, b int) (int, error) {
	resp, err := endpoint.FromEndpoint[SumRequest, SumResponse](s.SumEndpoint)(ctx, SumRequest{A: a, B: b})
	if err != nil {
		return 0, err
	}
	return resp.V, resp.Err
}

// Concat implements addservice.Service by calling the Concat endpoint.
func (s Set) Concat(ctx context.Context, a, b string) (string, error) {
	resp, err := endpoint.FromEndpoint[ConcatRequest, ConcatResponse](s.ConcatEndpoint)(ctx, ConcatRequest{A: a, B: b})
	if err != nil {
		return "", err
	}
	return resp.V, resp.Err
}

// MakeSumEndpoint returns an endpoint calling svc.Sum. Business errors are
// returned inside the response (see SumResponse.Failed), other errors as
// the endpoint's error, so that middlewares such as circuit breakers count
// only infrastructure failures.
func MakeSumEndpoint(svc addservice.Service) endpoint.Endpoint {
	return endpoint.Typed[SumRequest, SumResponse](func(ctx context.Context, req SumRequest) (SumResponse, error) {
		v, err := svc.Sum(ctx, req.A, req.B)
		if err != nil && !addservice.IsBusinessError(err) {
			return SumResponse{}, err
		}
		return SumResponse{V: v, Err: err}, nil
	}).Endpoint()
}

// MakeConcatEndpoint returns an endpoint calling svc.Concat.
func MakeConcatEndpoint(svc addservice.Service) endpoint.Endpoint {
	return endpoint.Typed[ConcatRequest, ConcatResponse](func(ctx context.Context, req ConcatRequest) (ConcatResponse, error) {
		v, err := svc.Concat(ctx, req.A, req.B)
		if err != nil && !addservice.IsBusinessError(err) {
			return ConcatResponse{}, err
		}
		return ConcatResponse{V: v, Err: err}, nil
	}).Endpoint()
}

// SumRequest collects the request parameters of Sum.
type SumRequest struct {
	A int `json:"a"`
	B int `json:"b"`
}

// SumResponse collects the response values of Sum.
type SumResponse struct {
	V   int   `json:"v"`
	Err error `json:"-"` // carried separately by each transport
}

// Failed implements endpoint.Failer.
func (r SumResponse) Failed() error { return r.Err }

// ConcatRequest collects the request parameters of Concat.
type ConcatRequest struct {
	A string `json:"a"`
	B string `json:"b"`
}

// ConcatResponse collects the response values of Concat.
type ConcatResponse struct {
	V   string `json:"v"`
	Err error  `json:"-"`
}

// Failed implements endpoint.Failer.
func (r ConcatResponse) Failed() error { return r.Err }

var (
	_ endpoint.Failer = SumResponse{}
	_ endpoint.Failer = ConcatResponse{}
)

// LoggingMiddleware logs the outcome and duration of every call.
func LoggingMiddleware(logger log.Logger) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (response any, err error) {
			defer func(begin time.Time) {
				_ = logger.Log("transport_error", err, "took", time.Since(begin))
			}(time.Now())
			return next(ctx, request)
		}
	}
}

// InstrumentingMiddleware observes the duration of every call, in seconds,
// labelled "success" true or false (a Failer response counts as a failure).
func InstrumentingMiddleware(duration metrics.Histogram) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (response any, err error) {
			defer func(begin time.Time) {
				failed := err != nil
				if f, ok := response.(endpoint.Failer); ok && f.Failed() != nil {
					failed = true
				}
				duration.With("success", fmt.Sprint(!failed)).Observe(time.Since(begin).Seconds())
			}(time.Now())
			return next(ctx, request)
		}
	}
}
