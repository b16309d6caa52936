package apicompat_test

import (
	"context"
	"net/rpc"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/transport"
	"github.com/seedkit/kit/transport/netrpc"
)

// Go kit's transport/netrpc is a README only; these pin kit's own API, which
// goes beyond it.

type netrpcReq struct{ A int }
type netrpcResp struct{ V int }

var (
	_ string                                                  = netrpc.MethodName
	_ func(string) string                                     = netrpc.ServiceMethod
	_ error                                                   = netrpc.ErrType
	_ error                                                   = netrpc.ErrNilClient
	_ func(...netrpc.ServerRequestFunc) netrpc.ServerOption   = netrpc.ServerBefore
	_ func(...netrpc.ServerFinalizerFunc) netrpc.ServerOption = netrpc.ServerFinalizer
	_ func(transport.ErrorHandler) netrpc.ServerOption        = netrpc.ServerErrorHandler
	_ func(...netrpc.ClientFinalizerFunc) netrpc.ClientOption = netrpc.ClientFinalizer

	_ func(endpoint.Endpoint, netrpc.DecodeRequestFunc[netrpcReq], netrpc.EncodeResponseFunc[netrpcResp], ...netrpc.ServerOption) *netrpc.Server[netrpcReq, netrpcResp] = netrpc.NewServer[netrpcReq, netrpcResp]
	_ func(*rpc.Server, string, *netrpc.Server[netrpcReq, netrpcResp]) error                                                                                            = netrpc.Register[netrpcReq, netrpcResp]
	_ func(*rpc.Client, string, netrpc.EncodeRequestFunc[netrpcReq], netrpc.DecodeResponseFunc[netrpcResp], ...netrpc.ClientOption) endpoint.Endpoint                   = netrpc.NewClient[netrpcReq, netrpcResp]
	_ func(*netrpc.Server[netrpcReq, netrpcResp], netrpcReq, *netrpcResp) error                                                                                         = (*netrpc.Server[netrpcReq, netrpcResp]).Call

	_ netrpc.DecodeRequestFunc[netrpcReq]   = func(context.Context, netrpcReq) (any, error) { return nil, nil }
	_ netrpc.EncodeResponseFunc[netrpcResp] = func(context.Context, any) (netrpcResp, error) { return netrpcResp{}, nil }
	_ netrpc.EncodeRequestFunc[netrpcReq]   = func(context.Context, any) (netrpcReq, error) { return netrpcReq{}, nil }
	_ netrpc.DecodeResponseFunc[netrpcResp] = func(context.Context, netrpcResp) (any, error) { return nil, nil }
	_ netrpc.ServerRequestFunc              = func(context.Context) context.Context { return nil }
	_ netrpc.ServerFinalizerFunc            = func(context.Context, error) {}
	_ netrpc.ClientFinalizerFunc            = func(context.Context, error) {}
)
