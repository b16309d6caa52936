package apicompat_test

import (
	"context"

	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/http/jsonrpc"
)

// Missing from kit: type ClientFinalizerFunc func(ctx context.Context, err error)
var (
	_ jsonrpc.ClientFinalizerFunc  = func(context.Context, error) {}
	_ func(context.Context, error) = jsonrpc.ClientFinalizerFunc(nil)
)

func _(v any) {
	switch v.(type) {
	case jsonrpc.ClientFinalizerFunc:
	case httptransport.ClientFinalizerFunc:
	case func(context.Context, error):
	}
}
