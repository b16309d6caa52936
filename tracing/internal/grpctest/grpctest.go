// Package grpctest runs a one-method gRPC service in memory for the tests of
// kit's tracing packages. The service has no generated code: its messages
// are protobuf's wrapperspb.StringValue, and its handler is a kit
// transport/grpc Handler.
package grpctest

import (
	"context"
	"net"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/types/known/wrapperspb"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

// Names of the test service and its method.
const (
	Service    = "kit.tracing.test.Echo"
	Method     = "Echo"
	FullMethod = "/" + Service + "/" + Method
)

// Start serves h on an in-memory listener and returns a connection to it.
// Server and connection are closed when the test ends. The server installs
// kitgrpc.Interceptor.
func Start(t testing.TB, h kitgrpc.Handler) *grpc.ClientConn {
	t.Helper()
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
	srv.RegisterService(&desc, h)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(lis)
	}()
	cc, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cc.Close()
		srv.Stop()
		<-done
	})
	return cc
}

var desc = grpc.ServiceDesc{
	ServiceName: Service,
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: Method,
		Handler: func(srv any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
			in := new(wrapperspb.StringValue)
			if err := dec(in); err != nil {
				return nil, err
			}
			h := srv.(kitgrpc.Handler)
			handle := func(ctx context.Context, req any) (any, error) {
				_, resp, err := h.ServeGRPC(ctx, req)
				return resp, err
			}
			if interceptor == nil {
				return handle(ctx, in)
			}
			return interceptor(ctx, in, &grpc.UnaryServerInfo{Server: srv, FullMethod: FullMethod}, handle)
		},
	}},
}

// EncodeString turns a string request or response into a StringValue.
func EncodeString(_ context.Context, v any) (any, error) {
	s, _ := v.(string)
	return wrapperspb.String(s), nil
}

// DecodeString turns a StringValue into a string.
func DecodeString(_ context.Context, v any) (any, error) {
	return v.(*wrapperspb.StringValue).GetValue(), nil
}

// NewClient returns a kit gRPC client of the test method on cc.
func NewClient(cc *grpc.ClientConn, opts ...kitgrpc.ClientOption) *kitgrpc.Client {
	return kitgrpc.NewClient(cc, Service, Method, EncodeString, DecodeString, (*wrapperspb.StringValue)(nil), opts...)
}
