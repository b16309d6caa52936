package grpc_test

import (
	"context"
	"fmt"
	"net"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
	"github.com/seedkit/kit/transport/grpc/internal/testpb"
)

// exampleBinding implements the generated TestServer interface with a kit
// Handler.
type exampleBinding struct {
	testpb.UnimplementedTestServer
	test kitgrpc.Handler
}

func (b exampleBinding) Test(ctx context.Context, req *testpb.TestRequest) (*testpb.TestResponse, error) {
	_, resp, err := b.test.ServeGRPC(ctx, req)
	if err != nil {
		return nil, err
	}
	return resp.(*testpb.TestResponse), nil
}

// runExample serves h on a loopback port and passes a connection to it to
// use.
func runExample(h kitgrpc.Handler, use func(*grpc.ClientConn)) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
	testpb.RegisterTestServer(srv, exampleBinding{test: h})
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()

	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer conn.Close()
	use(conn)
}

// A server and a client for one endpoint over a loopback connection, with a
// request header one way and a response trailer the other.
func Example() {
	type upperRequest struct{ S string }
	upper := func(ctx context.Context, request any) (any, error) {
		user, _ := ctx.Value(ctxKey("user")).(string)
		return user + ": " + strings.ToUpper(request.(upperRequest).S), nil
	}
	server := kitgrpc.NewServer(upper,
		func(_ context.Context, req any) (any, error) {
			return upperRequest{S: req.(*testpb.TestRequest).GetA()}, nil
		},
		func(_ context.Context, resp any) (any, error) {
			return &testpb.TestResponse{V: resp.(string)}, nil
		},
		kitgrpc.ServerBefore(func(ctx context.Context, md metadata.MD) context.Context {
			if v := md.Get("user"); len(v) > 0 {
				ctx = context.WithValue(ctx, ctxKey("user"), v[0])
			}
			return ctx
		}),
		kitgrpc.ServerAfter(kitgrpc.SetResponseTrailer("Served-By", "example")),
	)

	runExample(server, func(conn *grpc.ClientConn) {
		client := kitgrpc.NewClient(conn, "seedkit.kit.transport.grpc.testpb.Test", "Test",
			func(_ context.Context, req any) (any, error) {
				return &testpb.TestRequest{A: req.(string)}, nil
			},
			func(ctx context.Context, reply any) (any, error) {
				by := ctx.Value(ctxKey("served-by"))
				return fmt.Sprintf("%s (served by %v)", reply.(*testpb.TestResponse).GetV(), by), nil
			},
			testpb.TestResponse{},
			kitgrpc.ClientBefore(kitgrpc.SetRequestHeader("User", "ann")),
			kitgrpc.ClientAfter(func(ctx context.Context, _, trailer metadata.MD) context.Context {
				return context.WithValue(ctx, ctxKey("served-by"), trailer.Get("served-by")[0])
			}),
		)
		resp, err := client.Endpoint()(context.Background(), "hello")
		fmt.Println(resp, err)
	})
	// Output: ann: HELLO (served by example) <nil>
}

// An endpoint error that carries a gRPC status keeps its code on the wire,
// even wrapped; other errors arrive as Unknown.
func ExampleServer_errors() {
	lookup := func(_ context.Context, request any) (any, error) {
		switch id := request.(string); id {
		case "missing":
			return nil, fmt.Errorf("lookup %s: %w", id, status.Error(codes.NotFound, "no such item"))
		case "broken":
			return nil, fmt.Errorf("lookup %s: disk on fire", id)
		default:
			return "item " + id, nil
		}
	}
	server := kitgrpc.NewServer(lookup,
		func(_ context.Context, req any) (any, error) {
			a := req.(*testpb.TestRequest).GetA()
			if a == "" {
				return nil, status.Error(codes.InvalidArgument, "empty id")
			}
			return a, nil
		},
		func(_ context.Context, resp any) (any, error) { return &testpb.TestResponse{V: resp.(string)}, nil },
	)
	runExample(server, func(conn *grpc.ClientConn) {
		get := kitgrpc.NewClient(conn, "seedkit.kit.transport.grpc.testpb.Test", "Test",
			func(_ context.Context, req any) (any, error) { return &testpb.TestRequest{A: req.(string)}, nil },
			func(_ context.Context, reply any) (any, error) { return reply.(*testpb.TestResponse).GetV(), nil },
			&testpb.TestResponse{},
		).Endpoint()
		for _, id := range []string{"7", "missing", "broken", ""} {
			resp, err := get(context.Background(), id)
			fmt.Printf("%q: %v %v\n", id, resp, status.Code(err))
		}
	})
	// Output:
	// "7": item 7 OK
	// "missing": <nil> NotFound
	// "broken": <nil> Unknown
	// "": <nil> InvalidArgument
}
