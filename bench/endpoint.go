package bench

import (
	"context"
	"testing"

	gokitendpoint "github.com/go-kit/kit/endpoint"
	"github.com/seedkit/kit/endpoint"
)

// The chain benchmarks compose five middlewares that only call the next
// endpoint, around an endpoint that returns its request.

type plainFunc func(context.Context, any) (any, error)

func plainLayer(next plainFunc) plainFunc {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func echo(_ context.Context, req any) (any, error) { return req, nil }

func kitLayer(next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func gokitLayer(next gokitendpoint.Endpoint) gokitendpoint.Endpoint {
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
				runChain(b, plainLayer(plainLayer(plainLayer(plainLayer(plainLayer(echo))))))
			}},
			{"kit", func(b *testing.B) {
				runChain(b, endpoint.Chain(kitLayer, kitLayer, kitLayer, kitLayer, kitLayer)(echo))
			}},
			{"go-kit", func(b *testing.B) {
				runChain(b, gokitendpoint.Chain(gokitLayer, gokitLayer, gokitLayer, gokitLayer, gokitLayer)(echo))
			}},
		},
	}
}
