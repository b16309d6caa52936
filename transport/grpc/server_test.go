package grpc_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
	"github.com/seedkit/kit/transport/grpc/internal/testpb"
)

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	conn := serve(t, kitgrpc.NewServer(formatEndpoint, decodeRequest, encodeResponse))
	call := newClient(conn).Endpoint()

	for _, tc := range []struct {
		req  testRequest
		want string
	}{
		{testRequest{"a", 1}, "a = 1"},
		{testRequest{"", 0}, " = 0"},
		{testRequest{"größe", -42}, "größe = -42"},
		{testRequest{strings.Repeat("x", 1<<16), 7}, strings.Repeat("x", 1<<16) + " = 7"},
	} {
		resp, err := call(testContext(t), tc.req)
		if err != nil {
			t.Fatalf("%.20v: %v", tc.req, err)
		}
		if got := resp.(testResponse).V; got != tc.want {
			t.Errorf("%.20v: got %.30q, want %.30q", tc.req, got, tc.want)
		}
	}
}

// Both reply type forms of Go kit's NewClient work: a struct value and a
// (possibly nil) pointer to one.
func TestClientReplyTypes(t *testing.T) {
	t.Parallel()
	conn := serve(t, kitgrpc.NewServer(formatEndpoint, decodeRequest, encodeResponse))
	for _, tc := range []struct {
		name  string
		reply any
	}{
		{"struct", testpb.TestResponse{}},
		{"pointer", &testpb.TestResponse{}},
		{"nil pointer", (*testpb.TestResponse)(nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			call := kitgrpc.NewClient(conn, serviceName, "Test", encodeRequest, decodeResponse, tc.reply).Endpoint()
			resp, err := call(testContext(t), testRequest{"b", 2})
			if err != nil || resp.(testResponse).V != "b = 2" {
				t.Fatalf("got %v, %v", resp, err)
			}
		})
	}
}

type ctxKey string

// Metadata travels both ways: request headers from ClientBefore to
// ServerBefore, response headers and trailers from ServerAfter to
// ClientAfter.
func TestMetadata(t *testing.T) {
	t.Parallel()
	srv := kitgrpc.NewServer(
		func(ctx context.Context, request any) (any, error) {
			id, _ := ctx.Value(ctxKey("id")).(string)
			caller, _ := ctx.Value(ctxKey("caller")).(string)
			bin, _ := ctx.Value(ctxKey("bin")).(string)
			return testResponse{V: id + "|" + caller + "|" + bin}, nil
		},
		decodeRequest, encodeResponse,
		kitgrpc.ServerBefore(func(ctx context.Context, md metadata.MD) context.Context {
			if v := md.Get("correlation-id"); len(v) > 0 {
				ctx = context.WithValue(ctx, ctxKey("id"), v[len(v)-1])
			}
			if v := md.Get("caller"); len(v) > 0 {
				ctx = context.WithValue(ctx, ctxKey("caller"), v[0])
			}
			return ctx
		}),
		kitgrpc.ServerBefore(func(ctx context.Context, md metadata.MD) context.Context {
			if v := md.Get("blob-bin"); len(v) > 0 {
				ctx = context.WithValue(ctx, ctxKey("bin"), v[0])
			}
			return ctx
		}),
		kitgrpc.ServerAfter(
			kitgrpc.SetResponseHeader("X-Resp", "h1"),
			kitgrpc.SetResponseTrailer("X-Trail", "t1"),
		),
		kitgrpc.ServerAfter(func(ctx context.Context, header, trailer *metadata.MD) context.Context {
			// ServerAfter's maps are never nil.
			header.Append("x-resp", "h2")
			trailer.Set("x-count", "2")
			return ctx
		}),
	)
	conn := serve(t, srv)

	type seen struct{ header, trailer metadata.MD }
	got := make(chan seen, 1)
	call := newClient(conn,
		kitgrpc.ClientBefore(
			kitgrpc.SetRequestHeader("Correlation-ID", "abc"),
			func(ctx context.Context, md *metadata.MD) context.Context {
				// The caller's outgoing metadata is visible here.
				if v := md.Get("caller"); len(v) != 1 || v[0] != "test" {
					t.Errorf("ClientBefore saw caller %q", v)
				}
				return ctx
			},
			kitgrpc.SetRequestHeader("blob-bin", "\x00\x01"),
		),
		kitgrpc.ClientAfter(func(ctx context.Context, header, trailer metadata.MD) context.Context {
			got <- seen{header, trailer}
			return ctx
		}),
	).Endpoint()

	ctx := metadata.AppendToOutgoingContext(testContext(t), "caller", "test")
	resp, err := call(ctx, testRequest{"m", 1})
	if err != nil {
		t.Fatal(err)
	}
	// EncodeKeyValue base64-encodes binary values, so the server sees text.
	if want := "abc|test|AAE="; resp.(testResponse).V != want {
		t.Errorf("server saw %q, want %q", resp.(testResponse).V, want)
	}
	s := <-got
	if v := s.header.Get("x-resp"); !reflect.DeepEqual(v, []string{"h1", "h2"}) {
		t.Errorf("header x-resp = %q", v)
	}
	if v := s.trailer.Get("x-trail"); !reflect.DeepEqual(v, []string{"t1"}) {
		t.Errorf("trailer x-trail = %q", v)
	}
	if v := s.trailer.Get("x-count"); !reflect.DeepEqual(v, []string{"2"}) {
		t.Errorf("trailer x-count = %q", v)
	}
}

// Without ClientBefore functions the client leaves the caller's outgoing
// metadata as it is, and without ServerBefore the server does not need it.
func TestMetadataUntouchedWithoutHooks(t *testing.T) {
	t.Parallel()
	srv := kitgrpc.NewServer(
		func(ctx context.Context, request any) (any, error) {
			md, _ := metadata.FromIncomingContext(ctx)
			return testResponse{V: strings.Join(md.Get("k"), ",")}, nil
		},
		decodeRequest, encodeResponse)
	call := newClient(serve(t, srv)).Endpoint()
	ctx := metadata.AppendToOutgoingContext(testContext(t), "k", "v1", "k", "v2")
	resp, err := call(ctx, testRequest{})
	if err != nil || resp.(testResponse).V != "v1,v2" {
		t.Fatalf("got %v, %v", resp, err)
	}
}

type codedError struct{ code codes.Code }

func (e codedError) Error() string              { return "coded " + e.code.String() }
func (e codedError) GRPCStatus() *status.Status { return status.New(e.code, e.Error()) }

var errPlain = errors.New("plain failure")

// Errors from the endpoint and the codecs reach the client with their gRPC
// status code, wrapped or not; other errors become Unknown.
func TestErrorStatus(t *testing.T) {
	t.Parallel()
	notFound := status.Error(codes.NotFound, "no such thing")
	for _, tc := range []struct {
		name     string
		endpoint error // returned by the endpoint
		decode   error // returned by the request decoder
		encode   error // returned by the response encoder
		code     codes.Code
		msg      string
	}{
		{name: "status", endpoint: notFound, code: codes.NotFound, msg: "no such thing"},
		{name: "wrapped status", endpoint: fmt.Errorf("lookup: %w", notFound), code: codes.NotFound, msg: "lookup: rpc error: code = NotFound desc = no such thing"},
		{name: "GRPCStatus method", endpoint: codedError{codes.PermissionDenied}, code: codes.PermissionDenied, msg: "coded PermissionDenied"},
		{name: "wrapped GRPCStatus method", endpoint: fmt.Errorf("auth: %w", codedError{codes.Unauthenticated}), code: codes.Unauthenticated, msg: "auth: coded Unauthenticated"},
		{name: "joined", endpoint: errors.Join(errPlain, codedError{codes.Aborted}), code: codes.Aborted},
		{name: "plain", endpoint: errPlain, code: codes.Unknown, msg: "plain failure"},
		{name: "deadline", endpoint: fmt.Errorf("db: %w", context.DeadlineExceeded), code: codes.DeadlineExceeded},
		{name: "decoder status", decode: status.Error(codes.InvalidArgument, "b must be positive"), code: codes.InvalidArgument, msg: "b must be positive"},
		{name: "decoder plain", decode: errPlain, code: codes.Unknown, msg: "plain failure"},
		{name: "encoder", encode: errPlain, code: codes.Unknown, msg: "plain failure"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			handled := newErrorRecorder()
			srv := kitgrpc.NewServer(
				func(context.Context, any) (any, error) {
					if tc.endpoint != nil {
						return nil, tc.endpoint
					}
					return testResponse{V: "ok"}, nil
				},
				func(ctx context.Context, req any) (any, error) {
					if tc.decode != nil {
						return nil, tc.decode
					}
					return decodeRequest(ctx, req)
				},
				func(ctx context.Context, resp any) (any, error) {
					if tc.encode != nil {
						return nil, tc.encode
					}
					return encodeResponse(ctx, resp)
				},
				kitgrpc.ServerErrorHandler(handled),
			)
			call := newClient(serve(t, srv)).Endpoint()
			resp, err := call(testContext(t), testRequest{"x", 1})
			if err == nil {
				t.Fatalf("got %v, want an error", resp)
			}
			st, ok := status.FromError(err)
			if !ok {
				t.Fatalf("client error %v has no status", err)
			}
			if st.Code() != tc.code {
				t.Errorf("code %v, want %v (%v)", st.Code(), tc.code, err)
			}
			if tc.msg != "" && st.Message() != tc.msg {
				t.Errorf("message %q, want %q", st.Message(), tc.msg)
			}
			want := errors.Join(tc.endpoint, tc.decode, tc.encode)
			if h := <-handled.errs; !errors.Is(want, h) {
				t.Errorf("error handler got %v, want %v", h, want)
			}
		})
	}
}

// A client that gives up cancels the server's context.
func TestCancellationReachesServer(t *testing.T) {
	t.Parallel()
	entered := make(chan struct{})
	serverErr := make(chan error, 1)
	srv := kitgrpc.NewServer(
		func(ctx context.Context, _ any) (any, error) {
			close(entered)
			<-ctx.Done()
			serverErr <- ctx.Err()
			return nil, ctx.Err()
		},
		decodeRequest, encodeResponse)
	call := newClient(serve(t, srv)).Endpoint()

	ctx, cancel := context.WithCancel(testContext(t))
	defer cancel()
	go func() {
		<-entered
		cancel()
	}()
	_, err := call(ctx, testRequest{"slow", 1})
	if status.Code(err) != codes.Canceled {
		t.Errorf("client got %v, want Canceled", err)
	}
	if err := <-serverErr; !errors.Is(err, context.Canceled) {
		t.Errorf("server context ended with %v, want context.Canceled", err)
	}
}

// A client deadline travels to the server.
func TestDeadlineReachesServer(t *testing.T) {
	t.Parallel()
	deadlines := make(chan bool, 1)
	srv := kitgrpc.NewServer(
		func(ctx context.Context, _ any) (any, error) {
			_, ok := ctx.Deadline()
			deadlines <- ok
			return testResponse{}, nil
		},
		decodeRequest, encodeResponse)
	call := newClient(serve(t, srv)).Endpoint()
	if _, err := call(testContext(t), testRequest{}); err != nil {
		t.Fatal(err)
	}
	if !<-deadlines {
		t.Error("server context has no deadline")
	}
}

// Interceptor puts the full method name into the server's context; a
// client puts it into its own.
func TestContextKeyRequestMethod(t *testing.T) {
	t.Parallel()
	srv := kitgrpc.NewServer(
		func(ctx context.Context, _ any) (any, error) {
			m, _ := ctx.Value(kitgrpc.ContextKeyRequestMethod).(string)
			return testResponse{V: m}, nil
		},
		decodeRequest, encodeResponse)
	clientMethod := make(chan string, 1)
	call := kitgrpc.NewClient(serve(t, srv), serviceName, "Test",
		func(ctx context.Context, req any) (any, error) {
			m, _ := ctx.Value(kitgrpc.ContextKeyRequestMethod).(string)
			clientMethod <- m
			return encodeRequest(ctx, req)
		},
		decodeResponse, testpb.TestResponse{}).Endpoint()
	resp, err := call(testContext(t), testRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.(testResponse).V; got != testpb.Test_Test_FullMethodName {
		t.Errorf("server saw method %q, want %q", got, testpb.Test_Test_FullMethodName)
	}
	if got := <-clientMethod; got != testpb.Test_Test_FullMethodName {
		t.Errorf("client saw method %q, want %q", got, testpb.Test_Test_FullMethodName)
	}
}

func TestInterceptorNilInfo(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	resp, err := kitgrpc.Interceptor(ctx, "req", nil, func(got context.Context, req any) (any, error) {
		if got != ctx {
			t.Error("context changed")
		}
		return req, nil
	})
	if resp != "req" || err != nil {
		t.Errorf("got %v, %v", resp, err)
	}
}

// ServeGRPC runs its steps in order and the finalizers last, in all cases;
// here without a network, as a binding test would.
func TestServeGRPCOrder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		failAt    string
		withAfter bool
		want      string
	}{
		{"ok", "", false, "before1 before2 decode endpoint encode final1(<nil>) final2(<nil>)"},
		{"decoder fails", "decode", false, "before1 before2 decode handle(decode) final1(decode) final2(decode)"},
		{"endpoint fails", "endpoint", false, "before1 before2 decode endpoint handle(endpoint) final1(endpoint) final2(endpoint)"},
		{"encoder fails", "encode", false, "before1 before2 decode endpoint encode handle(encode) final1(encode) final2(encode)"},
		// Outside a gRPC server there is no stream to send metadata on.
		{"header not sendable", "", true, "before1 before2 decode endpoint after encode handle(send) final1(send) final2(send)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var steps []string
			step := func(s string) error {
				steps = append(steps, s)
				if s == tc.failAt {
					return errors.New(s)
				}
				return nil
			}
			errName := func(err error) string {
				if err != nil && strings.Contains(err.Error(), "stream") {
					return "send"
				}
				return fmt.Sprint(err)
			}
			options := []kitgrpc.ServerOption{
				kitgrpc.ServerBefore(func(ctx context.Context, md metadata.MD) context.Context {
					if md == nil {
						t.Error("ServerBefore got a nil MD")
					}
					_ = step("before1")
					return ctx
				}),
				kitgrpc.ServerBefore(func(ctx context.Context, _ metadata.MD) context.Context { _ = step("before2"); return ctx }),
				kitgrpc.ServerErrorHandler(handlerFunc(func(_ context.Context, err error) { steps = append(steps, "handle("+errName(err)+")") })),
				kitgrpc.ServerFinalizer(
					func(_ context.Context, err error) { steps = append(steps, "final1("+errName(err)+")") },
					func(_ context.Context, err error) { steps = append(steps, "final2("+errName(err)+")") },
				),
			}
			if tc.withAfter {
				options = append(options, kitgrpc.ServerAfter(func(ctx context.Context, header, _ *metadata.MD) context.Context {
					_ = step("after")
					header.Set("k", "v")
					return ctx
				}))
			}
			srv := kitgrpc.NewServer(
				func(context.Context, any) (any, error) { return "resp", step("endpoint") },
				func(context.Context, any) (any, error) { return "req", step("decode") },
				func(context.Context, any) (any, error) { return "out", step("encode") },
				options...,
			)
			_, resp, err := srv.ServeGRPC(testContext(t), "in")
			if got := strings.Join(steps, " "); got != tc.want {
				t.Errorf("steps:\n got %s\nwant %s", got, tc.want)
			}
			if (err == nil) != (resp == "out") {
				t.Errorf("got %v, %v", resp, err)
			}
		})
	}
}

type handlerFunc func(context.Context, error)

func (f handlerFunc) Handle(ctx context.Context, err error) { f(ctx, err) }

// The context ServeGRPC returns and the finalizers see carries what the
// hooks added.
func TestServerContextFlow(t *testing.T) {
	t.Parallel()
	final := make(chan context.Context, 1)
	srv := kitgrpc.NewServer(
		func(context.Context, any) (any, error) { return "resp", nil },
		func(context.Context, any) (any, error) { return "req", nil },
		func(context.Context, any) (any, error) { return "out", nil },
		kitgrpc.ServerBefore(func(ctx context.Context, _ metadata.MD) context.Context {
			return context.WithValue(ctx, ctxKey("before"), 1)
		}),
		kitgrpc.ServerFinalizer(func(ctx context.Context, _ error) { final <- ctx }),
	)
	ctx, _, err := srv.ServeGRPC(testContext(t), nil)
	if err != nil || ctx.Value(ctxKey("before")) != 1 {
		t.Errorf("returned context lacks the hook's value (err %v)", err)
	}
	if (<-final).Value(ctxKey("before")) != 1 {
		t.Error("finalizer context lacks the hook's value")
	}
}

// A server behind grpc.NewServer that never sees valid input still answers
// with a status: here the binding hands the decoder a value of the wrong
// type.
func TestServerBadInputType(t *testing.T) {
	t.Parallel()
	srv := kitgrpc.NewServer(formatEndpoint, decodeRequest, encodeResponse)
	_, _, err := srv.ServeGRPC(testContext(t), "not a message")
	if status.Code(err) != codes.InvalidArgument {
		t.Errorf("got %v, want InvalidArgument", err)
	}
}

var _ grpc.UnaryServerInterceptor = kitgrpc.Interceptor
