package grpc_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
	"github.com/seedkit/kit/transport/grpc/internal/testpb"
)

// The domain types of the test service: the endpoint sees these, the wire
// carries testpb messages.
type testRequest struct {
	A string
	B int64
}

type testResponse struct {
	V string
}

const serviceName = "seedkit.kit.transport.grpc.testpb.Test"

// binding implements testpb.TestServer with a kit Handler, as a service's
// generated-code binding does.
type binding struct {
	testpb.UnimplementedTestServer
	test kitgrpc.Handler
}

func (b *binding) Test(ctx context.Context, req *testpb.TestRequest) (*testpb.TestResponse, error) {
	_, resp, err := b.test.ServeGRPC(ctx, req)
	if err != nil {
		return nil, err
	}
	r, ok := resp.(*testpb.TestResponse)
	if !ok {
		return nil, status.Errorf(codes.Internal, "binding: response is %T", resp)
	}
	return r, nil
}

func formatEndpoint(_ context.Context, request any) (any, error) {
	r := request.(testRequest)
	return testResponse{V: fmt.Sprintf("%s = %d", r.A, r.B)}, nil
}

func decodeRequest(_ context.Context, req any) (any, error) {
	r, ok := req.(*testpb.TestRequest)
	if !ok {
		return nil, status.Errorf(codes.InvalidArgument, "request is %T", req)
	}
	return testRequest{A: r.GetA(), B: r.GetB()}, nil
}

func encodeResponse(_ context.Context, resp any) (any, error) {
	r, ok := resp.(testResponse)
	if !ok {
		return nil, fmt.Errorf("response is %T", resp)
	}
	return &testpb.TestResponse{V: r.V}, nil
}

func encodeRequest(_ context.Context, req any) (any, error) {
	r, ok := req.(testRequest)
	if !ok {
		return nil, fmt.Errorf("request is %T", req)
	}
	return &testpb.TestRequest{A: r.A, B: r.B}, nil
}

func decodeResponse(_ context.Context, reply any) (any, error) {
	r, ok := reply.(*testpb.TestResponse)
	if !ok {
		return nil, fmt.Errorf("reply is %T", reply)
	}
	return testResponse{V: r.GetV()}, nil
}

// serve starts a gRPC server on a loopback port with h behind the Test
// method (and Interceptor installed), and returns a connection to it. Both
// are closed when the test ends.
func serve(t testing.TB, h kitgrpc.Handler) *grpc.ClientConn {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
	testpb.RegisterTestServer(srv, &binding{test: h})
	done := make(chan error, 1)
	go func() { done <- srv.Serve(lis) }()

	conn, err := grpc.NewClient("passthrough:///"+lis.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		srv.Stop()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = conn.Close()
		srv.Stop()
		if err := <-done; err != nil && !errors.Is(err, grpc.ErrServerStopped) {
			t.Errorf("Serve: %v", err)
		}
	})
	return conn
}

// newClient is a kit client endpoint for the Test method on conn.
func newClient(conn *grpc.ClientConn, options ...kitgrpc.ClientOption) *kitgrpc.Client {
	return kitgrpc.NewClient(conn, serviceName, "Test", encodeRequest, decodeResponse, testpb.TestResponse{}, options...)
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// errorRecorder is a transport.ErrorHandler that keeps what it is given.
type errorRecorder struct{ errs chan error }

func newErrorRecorder() *errorRecorder { return &errorRecorder{errs: make(chan error, 16)} }

func (r *errorRecorder) Handle(_ context.Context, err error) { r.errs <- err }
