//lint:file-ignore SA1019 deprecated identifiers are part of the API being checked.

package apicompat_test

import (
	"context"
	"reflect"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	grpctransport "github.com/seedkit/kit/transport/grpc"
)

// Interfaces, checked both ways.
type grpcHandler = interface {
	ServeGRPC(ctx context.Context, request any) (context.Context, any, error)
}

var (
	_ grpctransport.Handler = grpcHandler(nil)
	_ grpcHandler           = grpctransport.Handler(nil)
	_ grpctransport.Handler = grpctransport.Server{}
	_ grpctransport.Handler = (*grpctransport.Server)(nil)
)

// Defined func types, converted both ways.
var (
	_ grpctransport.ClientFinalizerFunc                                 = func(context.Context, error) {}
	_ func(context.Context, error)                                      = grpctransport.ClientFinalizerFunc(nil)
	_ grpctransport.ClientOption                                        = func(*grpctransport.Client) {}
	_ func(*grpctransport.Client)                                       = grpctransport.ClientOption(nil)
	_ grpctransport.ClientRequestFunc                                   = func(context.Context, *metadata.MD) context.Context { return nil }
	_ func(context.Context, *metadata.MD) context.Context               = grpctransport.ClientRequestFunc(nil)
	_ grpctransport.ClientResponseFunc                                  = func(context.Context, metadata.MD, metadata.MD) context.Context { return nil }
	_ func(context.Context, metadata.MD, metadata.MD) context.Context   = grpctransport.ClientResponseFunc(nil)
	_ grpctransport.DecodeRequestFunc                                   = func(context.Context, any) (any, error) { return nil, nil }
	_ func(context.Context, any) (any, error)                           = grpctransport.DecodeRequestFunc(nil)
	_ grpctransport.DecodeResponseFunc                                  = func(context.Context, any) (any, error) { return nil, nil }
	_ func(context.Context, any) (any, error)                           = grpctransport.DecodeResponseFunc(nil)
	_ grpctransport.EncodeRequestFunc                                   = func(context.Context, any) (any, error) { return nil, nil }
	_ func(context.Context, any) (any, error)                           = grpctransport.EncodeRequestFunc(nil)
	_ grpctransport.EncodeResponseFunc                                  = func(context.Context, any) (any, error) { return nil, nil }
	_ func(context.Context, any) (any, error)                           = grpctransport.EncodeResponseFunc(nil)
	_ grpctransport.ServerFinalizerFunc                                 = func(context.Context, error) {}
	_ func(context.Context, error)                                      = grpctransport.ServerFinalizerFunc(nil)
	_ grpctransport.ServerOption                                        = func(*grpctransport.Server) {}
	_ func(*grpctransport.Server)                                       = grpctransport.ServerOption(nil)
	_ grpctransport.ServerRequestFunc                                   = func(context.Context, metadata.MD) context.Context { return nil }
	_ func(context.Context, metadata.MD) context.Context                = grpctransport.ServerRequestFunc(nil)
	_ grpctransport.ServerResponseFunc                                  = func(context.Context, *metadata.MD, *metadata.MD) context.Context { return nil }
	_ func(context.Context, *metadata.MD, *metadata.MD) context.Context = grpctransport.ServerResponseFunc(nil)
)

// Methods: value receivers, as listed.
var (
	_ func(grpctransport.Client) endpoint.Endpoint                                   = grpctransport.Client.Endpoint
	_ func(grpctransport.Server, context.Context, any) (context.Context, any, error) = grpctransport.Server.ServeGRPC
)

// Functions.
var (
	_ func(...grpctransport.ClientResponseFunc) grpctransport.ClientOption                                                                                                = grpctransport.ClientAfter
	_ func(...grpctransport.ClientRequestFunc) grpctransport.ClientOption                                                                                                 = grpctransport.ClientBefore
	_ func(...grpctransport.ClientFinalizerFunc) grpctransport.ClientOption                                                                                               = grpctransport.ClientFinalizer
	_ func(string, string) (string, string)                                                                                                                               = grpctransport.EncodeKeyValue
	_ func(context.Context, any, *grpc.UnaryServerInfo, grpc.UnaryHandler) (any, error)                                                                                   = grpctransport.Interceptor
	_ grpc.UnaryServerInterceptor                                                                                                                                         = grpctransport.Interceptor
	_ func(*grpc.ClientConn, string, string, grpctransport.EncodeRequestFunc, grpctransport.DecodeResponseFunc, any, ...grpctransport.ClientOption) *grpctransport.Client = grpctransport.NewClient
	_ func(endpoint.Endpoint, grpctransport.DecodeRequestFunc, grpctransport.EncodeResponseFunc, ...grpctransport.ServerOption) *grpctransport.Server                     = grpctransport.NewServer
	_ func(...grpctransport.ServerResponseFunc) grpctransport.ServerOption                                                                                                = grpctransport.ServerAfter
	_ func(...grpctransport.ServerRequestFunc) grpctransport.ServerOption                                                                                                 = grpctransport.ServerBefore
	_ func(transport.ErrorHandler) grpctransport.ServerOption                                                                                                             = grpctransport.ServerErrorHandler
	_ func(log.Logger) grpctransport.ServerOption                                                                                                                         = grpctransport.ServerErrorLogger
	_ func(...grpctransport.ServerFinalizerFunc) grpctransport.ServerOption                                                                                               = grpctransport.ServerFinalizer
	_ func(string, string) grpctransport.ClientRequestFunc                                                                                                                = grpctransport.SetRequestHeader
	_ func(string, string) grpctransport.ServerResponseFunc                                                                                                               = grpctransport.SetResponseHeader
	_ func(string, string) grpctransport.ServerResponseFunc                                                                                                               = grpctransport.SetResponseTrailer
)

// Beyond Go kit: sentinel errors of misconfigured clients.
var (
	_ error = grpctransport.ErrNoReplyType
	_ error = grpctransport.ErrNilConn
)

// The named func types are defined types, not aliases.
func _(v any) {
	switch v.(type) {
	case grpctransport.ClientFinalizerFunc:
	case func(context.Context, error):
	case grpctransport.DecodeRequestFunc:
	case grpctransport.EncodeRequestFunc:
	case func(context.Context, any) (any, error):
	}
}

func TestGRPCValues(t *testing.T) {
	t.Parallel()
	k := grpctransport.ContextKeyRequestMethod
	kt := reflect.TypeOf(k)
	if kt.Name() != "contextKey" || kt.PkgPath() != "github.com/seedkit/kit/transport/grpc" || kt.Kind() != reflect.Int {
		t.Errorf("ContextKeyRequestMethod: type %s.%s (%v), want the unexported int transport/grpc.contextKey", kt.PkgPath(), kt.Name(), kt.Kind())
	}
	if reflect.ValueOf(k).Int() != 0 {
		t.Errorf("ContextKeyRequestMethod = %v, want 0 (iota)", k)
	}
}
