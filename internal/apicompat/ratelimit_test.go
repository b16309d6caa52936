package apicompat_test

import (
	"context"
	"testing"

	"golang.org/x/time/rate"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/ratelimit"
)

// var ErrLimited = errors.New("rate limit exceeded")
var _ *error = &ratelimit.ErrLimited

// type Allower interface { Allow() bool }
// type Waiter interface { Wait(ctx context.Context) error }
type (
	allower = interface{ Allow() bool }
	waiter  = interface {
		Wait(ctx context.Context) error
	}
)

var (
	_ ratelimit.Allower = allower(nil)
	_ allower           = ratelimit.Allower(nil)
	_ ratelimit.Waiter  = waiter(nil)
	_ waiter            = ratelimit.Waiter(nil)
	// golang.org/x/time/rate satisfies both without an adapter.
	_ ratelimit.Allower = (*rate.Limiter)(nil)
	_ ratelimit.Waiter  = (*rate.Limiter)(nil)
)

// type AllowerFunc func() bool; func (f AllowerFunc) Allow() bool
// type WaiterFunc func(ctx context.Context) error; func (f WaiterFunc) Wait(ctx context.Context) error
var (
	_ ratelimit.AllowerFunc                             = func() bool { return true }
	_ func() bool                                       = ratelimit.AllowerFunc(nil)
	_ func(ratelimit.AllowerFunc) bool                  = ratelimit.AllowerFunc.Allow
	_ ratelimit.Allower                                 = ratelimit.AllowerFunc(nil)
	_ ratelimit.WaiterFunc                              = func(context.Context) error { return nil }
	_ func(context.Context) error                       = ratelimit.WaiterFunc(nil)
	_ func(ratelimit.WaiterFunc, context.Context) error = ratelimit.WaiterFunc.Wait
	_ ratelimit.Waiter                                  = ratelimit.WaiterFunc(nil)
)

func _(v any) {
	switch v.(type) {
	case ratelimit.AllowerFunc:
	case func() bool:
	case ratelimit.WaiterFunc:
	case func(context.Context) error:
	}
}

// func NewDelayingLimiter(limit Waiter) endpoint.Middleware
// func NewErroringLimiter(limit Allower) endpoint.Middleware
var (
	_ func(ratelimit.Waiter) endpoint.Middleware  = ratelimit.NewDelayingLimiter
	_ func(ratelimit.Allower) endpoint.Middleware = ratelimit.NewErroringLimiter
)

func TestRatelimitValues(t *testing.T) {
	t.Parallel()
	if got := ratelimit.ErrLimited.Error(); got != "rate limit exceeded" {
		t.Errorf("ErrLimited: %q", got)
	}
	e := ratelimit.NewErroringLimiter(ratelimit.AllowerFunc(func() bool { return false }))(endpoint.Nop)
	if _, err := e(context.Background(), nil); err != ratelimit.ErrLimited {
		t.Errorf("a refusing Allower: got %v, want ErrLimited itself", err)
	}
}
