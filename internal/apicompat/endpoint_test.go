package apicompat_test

import (
	"context"
	"testing"

	"github.com/seedkit/kit/endpoint"
)

// type Endpoint func(ctx context.Context, request interface{}) (response interface{}, err error)
var (
	_ endpoint.Endpoint                                                     = func(context.Context, any) (any, error) { return nil, nil }
	_ func(context.Context, any) (any, error)                               = endpoint.Endpoint(nil)
	_ func(endpoint.Endpoint) endpoint.Endpoint                             = endpoint.Middleware(nil)
	_ endpoint.Middleware                                                   = func(endpoint.Endpoint) endpoint.Endpoint { return nil }
	_ func(context.Context, any) (any, error)                               = endpoint.Nop
	_ endpoint.Endpoint                                                     = endpoint.Nop
	_ func(endpoint.Middleware, ...endpoint.Middleware) endpoint.Middleware = endpoint.Chain
)

// type Failer interface { Failed() error }
var (
	_ endpoint.Failer             = (interface{ Failed() error })(nil)
	_ interface{ Failed() error } = endpoint.Failer(nil)
	_ endpoint.Failer             = failer{}
)

type failer struct{}

func (failer) Failed() error { return nil }

// Endpoint and Middleware are defined types, not aliases: with an
// alias the type switch cases below would be duplicates.
func _(v any) {
	switch v.(type) {
	case endpoint.Endpoint:
	case func(context.Context, any) (any, error):
	case endpoint.Middleware:
	case func(endpoint.Endpoint) endpoint.Endpoint:
	}
}

func TestEndpointValues(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := endpoint.Nop(ctx, "request"); err != nil {
		t.Errorf("Nop: got error %v, want nil", err)
	}
	var order []string
	mw := func(name string) endpoint.Middleware {
		return func(next endpoint.Endpoint) endpoint.Endpoint {
			return func(ctx context.Context, req any) (any, error) {
				order = append(order, name)
				return next(ctx, req)
			}
		}
	}
	e := endpoint.Chain(mw("outer"), mw("middle"), mw("inner"))(endpoint.Nop)
	if _, err := e(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := len(order), 3; got != want || order[0] != "outer" || order[1] != "middle" || order[2] != "inner" {
		t.Errorf("Chain order: got %v, want [outer middle inner]", order)
	}
}
