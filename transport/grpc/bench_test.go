package grpc_test

import (
	"context"
	"testing"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
	"github.com/seedkit/kit/transport/grpc/internal/testpb"
)

// ServeGRPC without hooks, as a binding calls it: only the codecs and the
// endpoint allocate.
func BenchmarkServeGRPC(b *testing.B) {
	srv := kitgrpc.NewServer(
		func(_ context.Context, req any) (any, error) { return req, nil },
		func(_ context.Context, req any) (any, error) { return req, nil },
		func(_ context.Context, resp any) (any, error) { return resp, nil },
	)
	ctx := context.Background()
	req := &testpb.TestRequest{A: "a", B: 1}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, _, err := srv.ServeGRPC(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// A client and server round trip over loopback, in parallel.
func BenchmarkRoundTrip(b *testing.B) {
	conn := serve(b, kitgrpc.NewServer(formatEndpoint, decodeRequest, encodeResponse))
	call := newClient(conn).Endpoint()
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := call(ctx, testRequest{"a", 1}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
