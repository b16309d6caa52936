package bench

import (
	"context"
	"testing"

	gokitendpoint "github.com/go-kit/kit/endpoint"
	"github.com/seedkit/kit/endpoint"
)

// The chain benchmarks compose five middlewares that only call the next
// endpoint, around an endpoint that returns its request. The five are
// distinct functions, as in a real chain (logging, metrics, tracing...):
// five copies of one middleware would share one indirect call site, whose
// rotating targets the branch predictor handles worse than five sites, and
// the comparison would measure that instead of the chain.

type plainFunc func(context.Context, any) (any, error)

func echo(_ context.Context, req any) (any, error) { return req, nil }

func plainLayer1(next plainFunc) plainFunc {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func plainLayer2(next plainFunc) plainFunc {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func plainLayer3(next plainFunc) plainFunc {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func plainLayer4(next plainFunc) plainFunc {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func plainLayer5(next plainFunc) plainFunc {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func kitLayer1(next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func kitLayer2(next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func kitLayer3(next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func kitLayer4(next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func kitLayer5(next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func gokitLayer1(next gokitendpoint.Endpoint) gokitendpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func gokitLayer2(next gokitendpoint.Endpoint) gokitendpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func gokitLayer3(next gokitendpoint.Endpoint) gokitendpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func gokitLayer4(next gokitendpoint.Endpoint) gokitendpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func gokitLayer5(next gokitendpoint.Endpoint) gokitendpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func runChain(b *testing.B, e func(context.Context, any) (any, error)) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e(ctx, ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func endpointGroup() Group {
	return Group{
		Name:     "endpoint chain of 5 middlewares",
		Baseline: "plain functions",
		Target:   "kit: 0 allocs, <= 1.05x plain functions",
		Cases: []Case{
			{"plain functions", func(b *testing.B) {
				runChain(b, plainLayer1(plainLayer2(plainLayer3(plainLayer4(plainLayer5(echo))))))
			}},
			{"kit", func(b *testing.B) {
				runChain(b, endpoint.Chain(kitLayer1, kitLayer2, kitLayer3, kitLayer4, kitLayer5)(echo))
			}},
			{"go-kit", func(b *testing.B) {
				runChain(b, gokitendpoint.Chain(gokitLayer1, gokitLayer2, gokitLayer3, gokitLayer4, gokitLayer5)(echo))
			}},
		},
	}
}
