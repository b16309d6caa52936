package circuitbreaker

import (
	"context"
	"time"

	"github.com/streadway/handy/breaker"

	"github.com/seedkit/kit/endpoint"
)

// HandyBreaker returns an endpoint.Middleware that asks cb before each call:
// if cb.Allow returns false the call fails with breaker.ErrCircuitOpen
// without reaching the endpoint; otherwise, after the endpoint returns, its
// duration is reported with cb.Success (nil error) or cb.Failure (any other
// error), and its response and error are returned unchanged.
//
// If cb is nil, every call returns ErrNilBreaker.
func HandyBreaker(cb breaker.Breaker) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		if cb == nil {
			return nilBreaker
		}
		return func(ctx context.Context, request any) (any, error) {
			if !cb.Allow() {
				return nil, breaker.ErrCircuitOpen
			}
			begin := time.Now()
			response, err := next(ctx, request)
			if err != nil {
				cb.Failure(time.Since(begin))
			} else {
				cb.Success(time.Since(begin))
			}
			return response, err
		}
	}
}
