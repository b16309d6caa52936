package transportdiff2_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	gokitgrpc "github.com/go-kit/kit/transport/grpc"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

// A one-method service without generated code: its messages are
// wrapperspb.StringValue and its implementation is a kit or Go kit Handler.
const (
	echoService    = "kit.difftest.Echo"
	echoMethod     = "Echo"
	echoFullMethod = "/" + echoService + "/" + echoMethod
)

// grpcHandler is the method set of both libraries' grpc.Handler.
type grpcHandler interface {
	ServeGRPC(ctx context.Context, request any) (context.Context, any, error)
}

var echoDesc = grpc.ServiceDesc{
	ServiceName: echoService,
	HandlerType: (*grpcHandler)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: echoMethod,
		Handler: func(srv any, ctx context.Context, dec func(any) error, icpt grpc.UnaryServerInterceptor) (any, error) {
			in := new(wrapperspb.StringValue)
			if err := dec(in); err != nil {
				return nil, err
			}
			handle := func(ctx context.Context, req any) (any, error) {
				_, resp, err := srv.(grpcHandler).ServeGRPC(ctx, req)
				return resp, err
			}
			if icpt == nil {
				return handle(ctx, in)
			}
			return icpt(ctx, in, &grpc.UnaryServerInfo{Server: srv, FullMethod: echoFullMethod}, handle)
		},
	}},
}

// serveGRPC serves h on a loopback port with the interceptor icpt and
// returns a connection to it; both are closed when the test ends.
func serveGRPC(t *testing.T, h grpcHandler, icpt grpc.UnaryServerInterceptor) *grpc.ClientConn {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer(grpc.UnaryInterceptor(icpt))
	srv.RegisterService(&echoDesc, h)
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

const mdKey ctxKey = "incoming-md"

// mdString renders the test's own keys of md ("x-" prefixed or binary),
// sorted.
func mdString(md metadata.MD) string {
	var keys []string
	for k := range md {
		if strings.HasPrefix(k, "x-") || strings.HasSuffix(k, "-bin") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%q;", k, md[k])
	}
	return b.String()
}

func incoming(ctx context.Context) string {
	md, _ := ctx.Value(mdKey).(metadata.MD)
	return mdString(md)
}

// echoEndpoint's behaviour is chosen by the request text.
func echoEndpoint(ctx context.Context, request any) (any, error) {
	s := request.(string)
	switch {
	case strings.HasPrefix(s, "status:"):
		n, _ := strconv.Atoi(strings.TrimPrefix(s, "status:"))
		return nil, status.Error(codes.Code(n), "refused "+s)
	case s == "plain":
		return nil, errors.New("plain failure")
	case s == "wrapped":
		return nil, fmt.Errorf("wrapped: %w", status.Error(codes.NotFound, "missing"))
	case s == "deadline":
		return nil, context.DeadlineExceeded
	case s == "canceled":
		return nil, context.Canceled
	case s == "server-encode":
		return "unencodable", nil
	}
	return "echo:" + s + " md=" + incoming(ctx), nil
}

func decodeStringValue(_ context.Context, req any) (any, error) {
	v, ok := req.(*wrapperspb.StringValue)
	if !ok {
		return nil, fmt.Errorf("request is %T", req)
	}
	if v.GetValue() == "server-decode" {
		return nil, status.Error(codes.InvalidArgument, "cannot decode")
	}
	return v.GetValue(), nil
}

func encodeServerResponse(_ context.Context, resp any) (any, error) {
	if resp == "unencodable" {
		return nil, errors.New("server cannot encode")
	}
	return wrapperspb.String(resp.(string)), nil
}

func encodeClientRequest(_ context.Context, req any) (any, error) {
	if req == "client-encode" {
		return nil, errors.New("client cannot encode")
	}
	return wrapperspb.String(req.(string)), nil
}

func decodeClientResponse(_ context.Context, reply any) (any, error) {
	v := reply.(*wrapperspb.StringValue).GetValue()
	if strings.HasPrefix(v, "echo:client-decode") {
		return nil, errors.New("client cannot decode")
	}
	return v, nil
}

func saveIncoming(ctx context.Context, md metadata.MD) context.Context {
	return context.WithValue(ctx, mdKey, md)
}

// grpcObserved is everything one call shows on both sides.
type grpcObserved struct {
	Resp      any
	Err       string
	Code      codes.Code
	Header    string // the client's ClientAfter view
	Trailer   string
	ClientFin string
	ServerFin string
}

func finString(method any, err error, md string) string {
	return fmt.Sprintf("method=%v err=%v code=%v md=%s", method, err, status.Code(err), md)
}

// serverReport holds the last finalizer report of one server, whose calls
// are sequential.
type serverReport chan string

// put keeps the report of a call; a report nobody took is replaced.
func (r serverReport) put(s string) {
	select {
	case <-r:
	default:
	}
	r <- s
}

func (r serverReport) take() string {
	select {
	case s := <-r:
		return s
	default:
		return "<none>"
	}
}

func newKitGRPCServer() (*kitgrpc.Server, serverReport) {
	rep := make(serverReport, 1)
	return kitgrpc.NewServer(echoEndpoint, decodeStringValue, encodeServerResponse,
		kitgrpc.ServerBefore(saveIncoming),
		kitgrpc.ServerAfter(
			kitgrpc.SetResponseHeader("X-Resp", "h1"),
			kitgrpc.SetResponseHeader("x-resp", "h2"),
			kitgrpc.SetResponseTrailer("X-Trail", "t1"),
			kitgrpc.SetResponseTrailer("trail-bin", "\x00\xffbytes"),
		),
		kitgrpc.ServerFinalizer(func(ctx context.Context, err error) {
			rep.put(finString(ctx.Value(kitgrpc.ContextKeyRequestMethod), err, incoming(ctx)))
		}),
	), rep
}

// gokitInitMD works around Go kit's nil header and trailer maps: its
// ServerAfter functions get pointers to nil metadata.MD and its Set*
// functions assign into them, which panics (kit documents that its Set*
// functions and ServerAfter maps never panic on nil metadata; see
// TestGRPCNilMetadataPanicsOnlyInGokit).
func gokitInitMD(ctx context.Context, header, trailer *metadata.MD) context.Context {
	if *header == nil {
		*header = metadata.MD{}
	}
	if *trailer == nil {
		*trailer = metadata.MD{}
	}
	return ctx
}

func newGokitGRPCServer() (*gokitgrpc.Server, serverReport) {
	rep := make(serverReport, 1)
	return gokitgrpc.NewServer(echoEndpoint, decodeStringValue, encodeServerResponse,
		gokitgrpc.ServerBefore(saveIncoming),
		gokitgrpc.ServerAfter(
			gokitInitMD,
			gokitgrpc.SetResponseHeader("X-Resp", "h1"),
			gokitgrpc.SetResponseHeader("x-resp", "h2"),
			gokitgrpc.SetResponseTrailer("X-Trail", "t1"),
			gokitgrpc.SetResponseTrailer("trail-bin", "\x00\xffbytes"),
		),
		gokitgrpc.ServerFinalizer(func(ctx context.Context, err error) {
			rep.put(finString(ctx.Value(gokitgrpc.ContextKeyRequestMethod), err, incoming(ctx)))
		}),
	), rep
}

func outgoing(ctx context.Context) string {
	md, _ := metadata.FromOutgoingContext(ctx)
	return mdString(md)
}

func kitGRPCCall(ctx context.Context, conn *grpc.ClientConn, req string) grpcObserved {
	var o grpcObserved
	c := kitgrpc.NewClient(conn, echoService, echoMethod, encodeClientRequest, decodeClientResponse, wrapperspb.StringValue{},
		kitgrpc.ClientBefore(
			kitgrpc.SetRequestHeader("X-Req", "r1"),
			kitgrpc.SetRequestHeader("x-req", "r2"),
			kitgrpc.SetRequestHeader("data-bin", "raw\x00bytes"),
		),
		kitgrpc.ClientAfter(func(ctx context.Context, header, trailer metadata.MD) context.Context {
			o.Header, o.Trailer = mdString(header), mdString(trailer)
			return ctx
		}),
		kitgrpc.ClientFinalizer(func(ctx context.Context, err error) {
			o.ClientFin = finString(ctx.Value(kitgrpc.ContextKeyRequestMethod), err, outgoing(ctx))
		}),
	)
	resp, err := c.Endpoint()(ctx, req)
	o.Resp, o.Code = resp, status.Code(err)
	if err != nil {
		o.Err = err.Error()
	}
	return o
}

func gokitGRPCCall(ctx context.Context, conn *grpc.ClientConn, req string) grpcObserved {
	var o grpcObserved
	c := gokitgrpc.NewClient(conn, echoService, echoMethod, encodeClientRequest, decodeClientResponse, wrapperspb.StringValue{},
		gokitgrpc.ClientBefore(
			gokitgrpc.SetRequestHeader("X-Req", "r1"),
			gokitgrpc.SetRequestHeader("x-req", "r2"),
			gokitgrpc.SetRequestHeader("data-bin", "raw\x00bytes"),
		),
		gokitgrpc.ClientAfter(func(ctx context.Context, header, trailer metadata.MD) context.Context {
			o.Header, o.Trailer = mdString(header), mdString(trailer)
			return ctx
		}),
		gokitgrpc.ClientFinalizer(func(ctx context.Context, err error) {
			o.ClientFin = finString(ctx.Value(gokitgrpc.ContextKeyRequestMethod), err, outgoing(ctx))
		}),
	)
	resp, err := c.Endpoint()(ctx, req)
	o.Resp, o.Code = resp, status.Code(err)
	if err != nil {
		o.Err = err.Error()
	}
	return o
}

// TestGRPCInterop makes every call through the four pairings of client and
// server library (kit→kit, gokit→gokit, kit→gokit, gokit→kit) and requires
// the same observations from all four.
func TestGRPCInterop(t *testing.T) {
	t.Parallel()
	cases := []struct {
		req      string
		wantCode codes.Code
	}{
		{"hello", codes.OK},
		{"", codes.OK},
		{"status:5", codes.NotFound},
		{"status:3", codes.InvalidArgument},
		{"status:7", codes.PermissionDenied},
		{"status:14", codes.Unavailable},
		{"status:16", codes.Unauthenticated},
		{"plain", codes.Unknown},
		{"wrapped", codes.NotFound},
		{"deadline", codes.DeadlineExceeded},
		{"canceled", codes.Canceled},
		{"server-decode", codes.InvalidArgument},
		{"server-encode", codes.Unknown},
		{"client-encode", codes.Unknown},
		{"client-decode", codes.Unknown},
	}
	for _, tc := range cases {
		t.Run(tc.req, func(t *testing.T) {
			t.Parallel()
			ks, krep := newKitGRPCServer()
			gs, grep := newGokitGRPCServer()
			kconn := serveGRPC(t, ks, kitgrpc.Interceptor)
			gconn := serveGRPC(t, gs, gokitgrpc.Interceptor)
			ctx := testContext(t)

			type pairing struct {
				name string
				call func(context.Context, *grpc.ClientConn, string) grpcObserved
				conn *grpc.ClientConn
				rep  serverReport
			}
			pairs := []pairing{
				{"kit→kit", kitGRPCCall, kconn, krep},
				{"gokit→gokit", gokitGRPCCall, gconn, grep},
				{"kit→gokit", kitGRPCCall, gconn, grep},
				{"gokit→kit", gokitGRPCCall, kconn, krep},
			}
			var first grpcObserved
			for i, p := range pairs {
				o := p.call(ctx, p.conn, tc.req)
				o.ServerFin = p.rep.take()
				if i == 0 {
					first = o
					if o.Code != tc.wantCode {
						t.Errorf("%s: code %v, want %v (%s)", p.name, o.Code, tc.wantCode, o.Err)
					}
					continue
				}
				if o != first {
					t.Errorf("%s differs from kit→kit:\n  %s: %+v\n  kit→kit: %+v", p.name, p.name, o, first)
				}
			}
			if tc.req == "hello" {
				// The metadata hooks worked end to end, in all directions.
				want := grpcObserved{
					Resp:      `echo:hello md=data-bin=["cmF3AGJ5dGVz"];x-req=["r1" "r2"];`,
					Code:      codes.OK,
					Header:    `x-resp=["h1" "h2"];`,
					Trailer:   `trail-bin=["AP9ieXRlcw=="];x-trail=["t1"];`,
					ClientFin: `method=/kit.difftest.Echo/Echo err=<nil> code=OK md=data-bin=["cmF3AGJ5dGVz"];x-req=["r1" "r2"];`,
					ServerFin: `method=/kit.difftest.Echo/Echo err=<nil> code=OK md=data-bin=["cmF3AGJ5dGVz"];x-req=["r1" "r2"];`,
				}
				if first != want {
					t.Errorf("kit→kit:\n  got  %+v\n  want %+v", first, want)
				}
			}
		})
	}
}

// TestGRPCNilMetadataPanicsOnlyInGokit pins a documented difference: Go
// kit's Server hands its ServerAfter functions pointers to nil metadata, and
// its SetResponseHeader/SetResponseTrailer assign into them and panic; kit's
// allocate ("the Set* functions and ServerAfter's maps never panic on nil
// metadata").
func TestGRPCNilMetadataPanicsOnlyInGokit(t *testing.T) {
	t.Parallel()
	type setFn = func(context.Context, *metadata.MD, *metadata.MD) context.Context
	cases := []struct {
		name       string
		kit, gokit setFn
	}{
		{"header", kitgrpc.SetResponseHeader("X-K", "v"), gokitgrpc.SetResponseHeader("X-K", "v")},
		{"trailer", kitgrpc.SetResponseTrailer("X-K", "v"), gokitgrpc.SetResponseTrailer("X-K", "v")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var h, tr metadata.MD
			tc.kit(context.Background(), &h, &tr)
			got := mdString(h) + mdString(tr)
			same(t, "kit metadata", got, `x-k=["v"];`)

			var gh, gtr metadata.MD
			panicked := func() (p bool) {
				defer func() { p = recover() != nil }()
				tc.gokit(context.Background(), &gh, &gtr)
				return false
			}()
			if !panicked {
				t.Errorf("gokit %s on nil metadata did not panic: the pinned difference is gone", tc.name)
			}
			// On metadata that exists both write the same.
			kh, ktr, gh2, gtr2 := metadata.MD{}, metadata.MD{}, metadata.MD{}, metadata.MD{}
			tc.kit(context.Background(), &kh, &ktr)
			tc.gokit(context.Background(), &gh2, &gtr2)
			same(t, "header", mdString(kh), mdString(gh2))
			same(t, "trailer", mdString(ktr), mdString(gtr2))
		})
	}
}

// TestGRPCOutgoingMetadataKept pins a documented difference: metadata
// already on a client's context (metadata.NewOutgoingContext) reaches the
// server through a kit Client, with or without ClientBefore functions; Go
// kit's Client replaces it with the metadata its ClientBefore functions
// build. Both are checked against both servers.
func TestGRPCOutgoingMetadataKept(t *testing.T) {
	t.Parallel()
	ks, _ := newKitGRPCServer()
	gs, _ := newGokitGRPCServer()
	conns := map[string]*grpc.ClientConn{
		"kit server":   serveGRPC(t, ks, kitgrpc.Interceptor),
		"gokit server": serveGRPC(t, gs, gokitgrpc.Interceptor),
	}
	ctx := metadata.NewOutgoingContext(testContext(t), metadata.Pairs("x-pre", "p"))
	echo := func(e func(context.Context, any) (any, error)) string {
		resp, err := e(ctx, "pre")
		if err != nil {
			t.Fatal(err)
		}
		return resp.(string)
	}
	for name, conn := range conns {
		kitBare := kitgrpc.NewClient(conn, echoService, echoMethod, encodeClientRequest, decodeClientResponse, wrapperspb.StringValue{})
		kitHook := kitgrpc.NewClient(conn, echoService, echoMethod, encodeClientRequest, decodeClientResponse, wrapperspb.StringValue{},
			kitgrpc.ClientBefore(kitgrpc.SetRequestHeader("x-req", "r")))
		gokitBare := gokitgrpc.NewClient(conn, echoService, echoMethod, encodeClientRequest, decodeClientResponse, wrapperspb.StringValue{})
		gokitHook := gokitgrpc.NewClient(conn, echoService, echoMethod, encodeClientRequest, decodeClientResponse, wrapperspb.StringValue{},
			gokitgrpc.ClientBefore(gokitgrpc.SetRequestHeader("x-req", "r")))

		same(t, name+": kit without hooks", echo(kitBare.Endpoint()), `echo:pre md=x-pre=["p"];`)
		same(t, name+": kit with hooks", echo(kitHook.Endpoint()), `echo:pre md=x-pre=["p"];x-req=["r"];`)
		same(t, name+": gokit without hooks", echo(gokitBare.Endpoint()), `echo:pre md=`)
		same(t, name+": gokit with hooks", echo(gokitHook.Endpoint()), `echo:pre md=x-req=["r"];`)
	}
}

// TestGRPCNilReplyType pins a documented difference: a nil grpcReply makes
// Go kit's NewClient panic; kit's endpoint returns ErrNoReplyType.
func TestGRPCNilReplyType(t *testing.T) {
	t.Parallel()
	ks, _ := newKitGRPCServer()
	conn := serveGRPC(t, ks, kitgrpc.Interceptor)
	_, err := kitgrpc.NewClient(conn, echoService, echoMethod, encodeClientRequest, decodeClientResponse, nil).Endpoint()(testContext(t), "x")
	if !errors.Is(err, kitgrpc.ErrNoReplyType) {
		t.Errorf("kit: %v, want ErrNoReplyType", err)
	}
	panicked := func() (p bool) {
		defer func() { p = recover() != nil }()
		gokitgrpc.NewClient(conn, echoService, echoMethod, encodeClientRequest, decodeClientResponse, nil)
		return false
	}()
	if !panicked {
		t.Error("gokit NewClient with a nil grpcReply did not panic: the pinned difference is gone")
	}
}

// TestGRPCEncodeKeyValue compares the key/value encoding of both libraries.
func TestGRPCEncodeKeyValue(t *testing.T) {
	t.Parallel()
	for _, kv := range [][2]string{
		{"X-Req", "v"}, {"plain", ""}, {"DATA-BIN", "\x00\x01"}, {"a-bin", ""}, {"x-bin-not", "v"}, {"Ünï", "ü"},
	} {
		kk, kv2 := kitgrpc.EncodeKeyValue(kv[0], kv[1])
		gk, gv := gokitgrpc.EncodeKeyValue(kv[0], kv[1])
		same(t, fmt.Sprintf("EncodeKeyValue%q", kv), [2]string{kk, kv2}, [2]string{gk, gv})
	}
}
