package ratelimit

import (
	"context"
	"errors"

	"github.com/seedkit/kit/endpoint"
)

// ErrLimited is returned by the middleware of NewErroringLimiter for a call
// its Allower rejected.
var ErrLimited = errors.New("rate limit exceeded")

// ErrNilLimiter is returned by every call through a middleware that was given
// a nil Allower or Waiter.
var ErrNilLimiter = errors.New("ratelimit: nil limiter")

// Allower decides, without waiting, whether one more call may happen now.
// *rate.Limiter (golang.org/x/time/rate) implements it.
type Allower interface {
	Allow() bool
}

// NewErroringLimiter returns an endpoint.Middleware that asks limit before
// each call: if limit.Allow returns false the call fails with ErrLimited
// without reaching the endpoint. If limit is nil (or a nil AllowerFunc), every
// call fails with ErrNilLimiter.
func NewErroringLimiter(limit Allower) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		if f, ok := limit.(AllowerFunc); limit == nil || ok && f == nil {
			return nilLimiter
		}
		return func(ctx context.Context, request any) (any, error) {
			if !limit.Allow() {
				return nil, ErrLimited
			}
			return next(ctx, request)
		}
	}
}

// Waiter blocks until one more call may happen, or ctx ends. It returns a
// non-nil error if the call must not happen; *rate.Limiter
// (golang.org/x/time/rate) implements it and returns an error when ctx ends
// first or when its deadline is too close for the wait.
type Waiter interface {
	Wait(ctx context.Context) error
}

// NewDelayingLimiter returns an endpoint.Middleware that calls limit.Wait
// with the call's context before each call: the call reaches the endpoint
// once Wait returns nil, and fails with Wait's error (unchanged) otherwise. If
// limit is nil (or a nil WaiterFunc), every call fails with ErrNilLimiter.
func NewDelayingLimiter(limit Waiter) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		if f, ok := limit.(WaiterFunc); limit == nil || ok && f == nil {
			return nilLimiter
		}
		return func(ctx context.Context, request any) (any, error) {
			if err := limit.Wait(ctx); err != nil {
				return nil, err
			}
			return next(ctx, request)
		}
	}
}

func nilLimiter(context.Context, any) (any, error) { return nil, ErrNilLimiter }

// AllowerFunc is an adapter that lets an ordinary function be used as an
// Allower: AllowerFunc(f).Allow() calls f. NewErroringLimiter treats a nil
// AllowerFunc as a nil limiter.
type AllowerFunc func() bool

// Allow calls f.
func (f AllowerFunc) Allow() bool {
	return f()
}

// WaiterFunc is an adapter that lets an ordinary function be used as a
// Waiter: WaiterFunc(f).Wait(ctx) calls f(ctx). NewDelayingLimiter treats a
// nil WaiterFunc as a nil limiter.
type WaiterFunc func(ctx context.Context) error

// Wait calls f(ctx).
func (f WaiterFunc) Wait(ctx context.Context) error {
	return f(ctx)
}
