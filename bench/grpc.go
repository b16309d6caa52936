package bench

import (
	"context"
	"errors"
	"net"
	"testing"

	gokitgrpc "github.com/go-kit/kit/transport/grpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/wrapperspb"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

// The gRPC cases make one unary call over loopback: the client sends an
// Int64Value 21, the server doubles it and answers an Int64Value 42. All
// contenders share the messages and a hand-written service description;
// each has its own server and connection. The kit and Go kit servers sit
// behind the same kind of binding a generated service uses, with codecs that
// convert between the messages and int64 domain values.

const grpcMethod = "/bench.Doubler/Double"

// doubler is the service interface behind grpcDesc.
type doubler interface {
	Double(context.Context, *wrapperspb.Int64Value) (*wrapperspb.Int64Value, error)
}

var grpcDesc = grpc.ServiceDesc{
	ServiceName: "bench.Doubler",
	HandlerType: (*doubler)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: "Double",
		Handler: func(srv any, ctx context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
			in := new(wrapperspb.Int64Value)
			if err := dec(in); err != nil {
				return nil, err
			}
			return srv.(doubler).Double(ctx, in)
		},
	}},
	Metadata: "bench.proto",
}

// rawDoubler is the plain grpc-go implementation.
type rawDoubler struct{}

func (rawDoubler) Double(_ context.Context, in *wrapperspb.Int64Value) (*wrapperspb.Int64Value, error) {
	return &wrapperspb.Int64Value{Value: 2 * in.GetValue()}, nil
}

// handlerDoubler is the binding for both kit's and Go kit's Handler.
type handlerDoubler struct {
	serve func(context.Context, any) (context.Context, any, error)
}

func (d handlerDoubler) Double(ctx context.Context, in *wrapperspb.Int64Value) (*wrapperspb.Int64Value, error) {
	_, resp, err := d.serve(ctx, in)
	if err != nil {
		return nil, err
	}
	return resp.(*wrapperspb.Int64Value), nil
}

func doubleEndpoint(_ context.Context, req any) (any, error) { return 2 * req.(int64), nil }

func decodeInt64Value(_ context.Context, m any) (any, error) {
	return m.(*wrapperspb.Int64Value).GetValue(), nil
}

func encodeInt64Value(_ context.Context, v any) (any, error) {
	return &wrapperspb.Int64Value{Value: v.(int64)}, nil
}

// runGRPC serves impl on a loopback port and calls the function that mk
// builds for a connection to it b.N times.
func runGRPC(b *testing.B, impl doubler, mk func(*grpc.ClientConn) func(context.Context) error) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := grpc.NewServer()
	srv.RegisterService(&grpcDesc, impl)
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	conn, err := grpc.NewClient("passthrough:///"+lis.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	call := mk(conn)
	ctx := context.Background()
	if err := call(ctx); err != nil { // connect outside the measurement
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := call(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

var errBadDouble = errors.New("bad doubled value")

func checkDouble(v int64) error {
	if v != 42 {
		return errBadDouble
	}
	return nil
}

func grpcGroup() Group {
	return Group{
		Name:     "grpc: unary call over loopback",
		Baseline: "grpc-go",
		Target:   "kit <= 1.03x raw, allocs within +5 of raw (Go kit adds 32)",
		Cases: []Case{
			{"grpc-go", func(b *testing.B) {
				runGRPC(b, rawDoubler{}, func(conn *grpc.ClientConn) func(context.Context) error {
					return func(ctx context.Context) error {
						out := new(wrapperspb.Int64Value)
						if err := conn.Invoke(ctx, grpcMethod, &wrapperspb.Int64Value{Value: 21}, out); err != nil {
							return err
						}
						return checkDouble(out.GetValue())
					}
				})
			}},
			{"kit", func(b *testing.B) {
				s := kitgrpc.NewServer(doubleEndpoint, decodeInt64Value, encodeInt64Value)
				runGRPC(b, handlerDoubler{s.ServeGRPC}, func(conn *grpc.ClientConn) func(context.Context) error {
					e := kitgrpc.NewClient(conn, "bench.Doubler", "Double",
						encodeInt64Value, decodeInt64Value, wrapperspb.Int64Value{}).Endpoint()
					return func(ctx context.Context) error {
						v, err := e(ctx, int64(21))
						if err != nil {
							return err
						}
						return checkDouble(v.(int64))
					}
				})
			}},
			{"go-kit", func(b *testing.B) {
				s := gokitgrpc.NewServer(doubleEndpoint, decodeInt64Value, encodeInt64Value)
				runGRPC(b, handlerDoubler{s.ServeGRPC}, func(conn *grpc.ClientConn) func(context.Context) error {
					e := gokitgrpc.NewClient(conn, "bench.Doubler", "Double",
						encodeInt64Value, decodeInt64Value, wrapperspb.Int64Value{}).Endpoint()
					return func(ctx context.Context) error {
						v, err := e(ctx, int64(21))
						if err != nil {
							return err
						}
						return checkDouble(v.(int64))
					}
				})
			}},
		},
	}
}
