package addservice

import (
	"context"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
)

// Middleware describes a service (as opposed to endpoint) middleware.
type Middleware func(Service) Service

// LoggingMiddleware logs every call with its arguments, result and error.
func LoggingMiddleware(logger log.Logger) Middleware {
	return func(next Service) Service { return loggingMiddleware{logger, next} }
}

type loggingMiddleware struct {
	logger log.Logger
	next   Service
}

func (mw loggingMiddleware) Sum(ctx context.Context, a, b int) (v int, err error) {
	defer func() { _ = mw.logger.Log("method", "Sum", "a", a, "b", b, "v", v, "err", err) }()
	return mw.next.Sum(ctx, a, b)
}

func (mw loggingMiddleware) Concat(ctx context.Context, a, b string) (v string, err error) {
	defer func() { _ = mw.logger.Log("method", "Concat", "a", a, "b", b, "v", v, "err", err) }()
	return mw.next.Concat(ctx, a, b)
}

// InstrumentingMiddleware counts the integers Sum returns and the
// characters Concat returns. These are business metrics; request counts and
// latencies are measured per endpoint by addendpoint.
func InstrumentingMiddleware(ints, chars metrics.Counter) Middleware {
	return func(next Service) Service { return instrumentingMiddleware{ints, chars, next} }
}

type instrumentingMiddleware struct {
	ints, chars metrics.Counter
	next        Service
}

func (mw instrumentingMiddleware) Sum(ctx context.Context, a, b int) (int, error) {
	v, err := mw.next.Sum(ctx, a, b)
	if err == nil {
		mw.ints.Add(float64(v))
	}
	return v, err
}

func (mw instrumentingMiddleware) Concat(ctx context.Context, a, b string) (string, error) {
	v, err := mw.next.Concat(ctx, a, b)
	if err == nil {
		mw.chars.Add(float64(len(v)))
	}
	return v, err
}
