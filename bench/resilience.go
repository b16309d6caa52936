package bench

import (
	"context"
	"testing"

	gokitcb "github.com/go-kit/kit/circuitbreaker"
	gokitratelimit "github.com/go-kit/kit/ratelimit"
	"github.com/sony/gobreaker"
	"golang.org/x/time/rate"

	"github.com/seedkit/kit/circuitbreaker"
	"github.com/seedkit/kit/ratelimit"
)

// The resilience cases wrap the echo endpoint (bench/endpoint.go) in one
// middleware that never rejects: a Gobreaker in the closed state, and the
// two limiters over a rate.Limiter whose limit and burst are so high that
// Allow always succeeds and Wait never sleeps (a finite limit, so that the
// limiter does its token arithmetic as in production). The baseline calls the library the same way
// the middleware does, without the middleware.

func newClosedBreaker() *gobreaker.CircuitBreaker {
	return gobreaker.NewCircuitBreaker(gobreaker.Settings{Name: "bench"})
}

func newOpenLimiter() *rate.Limiter { return rate.NewLimiter(rate.Limit(1e12), 1<<30) }

func runEndpoint(b *testing.B, e func(context.Context, any) (any, error)) {
	b.Helper()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e(ctx, ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func gobreakerGroup() Group {
	return Group{
		Name:     "resilience: Gobreaker, closed",
		Baseline: "gobreaker.Execute",
		Target:   "kit <= 1.05x calling the library directly",
		Cases: []Case{
			{"gobreaker.Execute", func(b *testing.B) {
				cb := newClosedBreaker()
				runEndpoint(b, func(ctx context.Context, req any) (any, error) {
					return cb.Execute(func() (any, error) { return echo(ctx, req) })
				})
			}},
			{"kit", func(b *testing.B) { runEndpoint(b, circuitbreaker.Gobreaker(newClosedBreaker())(echo)) }},
			{"go-kit", func(b *testing.B) { runEndpoint(b, gokitcb.Gobreaker(newClosedBreaker())(echo)) }},
		},
	}
}

func erroringLimiterGroup() Group {
	return Group{
		Name:     "resilience: erroring limiter, not limiting",
		Baseline: "rate.Limiter.Allow",
		Target:   "kit <= 1.05x calling the library directly",
		Cases: []Case{
			{"rate.Limiter.Allow", func(b *testing.B) {
				l := newOpenLimiter()
				runEndpoint(b, func(ctx context.Context, req any) (any, error) {
					if !l.Allow() {
						return nil, ratelimit.ErrLimited
					}
					return echo(ctx, req)
				})
			}},
			{"kit", func(b *testing.B) { runEndpoint(b, ratelimit.NewErroringLimiter(newOpenLimiter())(echo)) }},
			{"go-kit", func(b *testing.B) { runEndpoint(b, gokitratelimit.NewErroringLimiter(newOpenLimiter())(echo)) }},
		},
	}
}

func delayingLimiterGroup() Group {
	return Group{
		Name:     "resilience: delaying limiter, not delaying",
		Baseline: "rate.Limiter.Wait",
		Target:   "kit <= 1.05x calling the library directly",
		Cases: []Case{
			{"rate.Limiter.Wait", func(b *testing.B) {
				l := newOpenLimiter()
				runEndpoint(b, func(ctx context.Context, req any) (any, error) {
					if err := l.Wait(ctx); err != nil {
						return nil, err
					}
					return echo(ctx, req)
				})
			}},
			{"kit", func(b *testing.B) { runEndpoint(b, ratelimit.NewDelayingLimiter(newOpenLimiter())(echo)) }},
			{"go-kit", func(b *testing.B) { runEndpoint(b, gokitratelimit.NewDelayingLimiter(newOpenLimiter())(echo)) }},
		},
	}
}
