package circuitbreaker

import (
	"context"
	"errors"

	"github.com/sony/gobreaker"

	"github.com/seedkit/kit/endpoint"
)

// ErrNilBreaker is returned by every call through a middleware that was given
// a nil breaker.
var ErrNilBreaker = errors.New("circuitbreaker: nil breaker")

// Gobreaker returns an endpoint.Middleware that runs each call through cb's
// Execute: while cb is open (or half-open and saturated) the call is rejected
// with gobreaker.ErrOpenState (or gobreaker.ErrTooManyRequests) without
// reaching the endpoint; otherwise the endpoint's error is reported to cb
// (counted as a failure unless cb's IsSuccessful says otherwise) and returned
// unchanged.
//
// cb's settings decide when it opens, half-opens and closes; it may be shared
// between endpoints, which then share one state. If cb is nil, every call
// returns ErrNilBreaker.
func Gobreaker(cb *gobreaker.CircuitBreaker) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		if cb == nil {
			return nilBreaker
		}
		return func(ctx context.Context, request any) (any, error) {
			return cb.Execute(func() (any, error) { return next(ctx, request) })
		}
	}
}

func nilBreaker(context.Context, any) (any, error) { return nil, ErrNilBreaker }
