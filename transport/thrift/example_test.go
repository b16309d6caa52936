package thrift_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/seedkit/kit/transport/thrift"
)

// A Thrift handler method calls a Server; a client endpoint wraps the
// generated client's method. Here the "generated client" is a function
// calling the handler directly, to keep the example offline.
func Example() {
	upper := thrift.NewServer(
		func(_ context.Context, req any) (any, error) { return strings.ToUpper(req.(string)), nil },
		func(_ context.Context, args any) (any, error) { return args, nil },
		func(_ context.Context, resp any) (any, error) { return resp, nil },
	)
	handlerMethod := func(ctx context.Context, s string) (string, error) {
		_, reply, err := upper.Serve(ctx, s)
		if err != nil {
			return "", err
		}
		return reply.(string), nil
	}
	e := thrift.NewClient(
		func(ctx context.Context, req any) (any, error) { return handlerMethod(ctx, req.(string)) },
		func(_ context.Context, req any) (any, error) { return req, nil },
		func(_ context.Context, reply any) (any, error) { return reply, nil },
	).Endpoint()
	fmt.Println(e(context.Background(), "kit"))
	// Output: KIT <nil>
}
