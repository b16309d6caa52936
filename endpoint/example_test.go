package endpoint_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/seedkit/kit/endpoint"
)

func ExampleChain() {
	e := endpoint.Chain(
		annotateExample("first"),
		annotateExample("second"),
		annotateExample("third"),
	)(myEndpoint)

	if _, err := e(context.Background(), nil); err != nil {
		panic(err)
	}

	// Output:
	// first pre
	// second pre
	// third pre
	// my endpoint!
	// third post
	// second post
	// first post
}

var myEndpoint = func(context.Context, any) (any, error) {
	fmt.Println("my endpoint!")
	return struct{}{}, nil
}

func annotateExample(s string) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (any, error) {
			fmt.Println(s, "pre")
			defer fmt.Println(s, "post")
			return next(ctx, request)
		}
	}
}

func ExampleTyped() {
	upper := endpoint.Typed[string, string](func(_ context.Context, s string) (string, error) {
		return strings.ToUpper(s), nil
	})

	// The untyped form composes with any Middleware and any transport.
	e := upper.Endpoint()
	resp, err := e(context.Background(), "hello")
	fmt.Println(resp, err)

	// A request of the wrong type is an error, not a panic.
	_, err = e(context.Background(), 42)
	fmt.Println(errors.Is(err, endpoint.ErrUnexpectedType), err)

	// Output:
	// HELLO <nil>
	// true endpoint: request has type int, want string
}

func ExampleFromEndpoint() {
	var untyped endpoint.Endpoint = func(_ context.Context, req any) (any, error) {
		return len(req.(string)), nil
	}
	length := endpoint.FromEndpoint[string, int](untyped)
	n, err := length(context.Background(), "kit")
	fmt.Println(n, err)
	// Output: 3 <nil>
}
