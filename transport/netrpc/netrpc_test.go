package netrpc_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/rpc"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedkit/kit/transport"
	"github.com/seedkit/kit/transport/netrpc"
)

// Wire types must be exported for net/rpc.
type SumRequest struct{ A, B int }

type SumReply struct{ V int }

type unexported struct{ A int }

func sumEndpoint(_ context.Context, request any) (any, error) {
	r := request.(SumRequest)
	return SumReply{V: r.A + r.B}, nil
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// serve registers each service on a new rpc.Server, serves it on a loopback
// listener and returns a client connected to it. Everything is closed when
// the test ends.
func serve(t testing.TB, register func(*rpc.Server) error) *rpc.Client {
	t.Helper()
	srv := rpc.NewServer()
	if err := register(srv); err != nil {
		t.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := lis.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				srv.ServeConn(conn)
			}()
		}
	}()
	client, err := rpc.Dial("tcp", lis.Addr().String())
	if err != nil {
		_ = lis.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = client.Close()
		_ = lis.Close()
		wg.Wait()
	})
	return client
}

func registerSum(options ...netrpc.ServerOption) func(*rpc.Server) error {
	return func(srv *rpc.Server) error {
		return netrpc.Register(srv, "Sum", netrpc.NewServer[SumRequest, SumReply](sumEndpoint, nil, nil, options...))
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	client := serve(t, func(srv *rpc.Server) error {
		if err := registerSum()(srv); err != nil {
			return err
		}
		// Built-in wire types with codecs to and from domain values.
		upper := netrpc.NewServer(
			func(_ context.Context, request any) (any, error) { return strings.ToUpper(request.(string)), nil },
			func(_ context.Context, req string) (any, error) { return strings.TrimSpace(req), nil },
			func(_ context.Context, response any) (string, error) { return "<" + response.(string) + ">", nil },
		)
		return netrpc.Register(srv, "Upper", upper)
	})

	sum := netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"), nil, nil)
	for _, tc := range []struct {
		req  SumRequest
		want int
	}{
		{SumRequest{2, 3}, 5},
		{SumRequest{}, 0},
		{SumRequest{-7, 7}, 0},
		{SumRequest{1 << 40, 1}, 1<<40 + 1},
	} {
		resp, err := sum(testContext(t), tc.req)
		if err != nil || resp.(SumReply).V != tc.want {
			t.Errorf("sum(%v) = %v, %v; want %d", tc.req, resp, err, tc.want)
		}
	}

	upper := netrpc.NewClient(client, netrpc.ServiceMethod("Upper"),
		func(_ context.Context, request any) (string, error) { return fmt.Sprint(request), nil },
		func(_ context.Context, resp string) (any, error) { return strings.Trim(resp, "<>"), nil },
	)
	resp, err := upper(testContext(t), "  héllo ")
	if err != nil || resp != "HÉLLO" {
		t.Errorf("upper = %q, %v", resp, err)
	}
}

var errPlain = errors.New("cannot sum negative numbers")

// Server errors reach the client as rpc.ServerError with the error's text,
// and the server's error handler and finalizers see the original error.
func TestErrorsCrossTheWire(t *testing.T) {
	t.Parallel()
	handled := make(chan error, 1)
	finals := make(chan error, 1)
	client := serve(t, func(srv *rpc.Server) error {
		s := netrpc.NewServer[SumRequest, SumReply](
			func(ctx context.Context, request any) (any, error) {
				if request.(SumRequest).A < 0 {
					return nil, fmt.Errorf("sum: %w", errPlain)
				}
				return sumEndpoint(ctx, request)
			}, nil, nil,
			netrpc.ServerErrorHandler(transport.ErrorHandlerFunc(func(_ context.Context, err error) { handled <- err })),
			netrpc.ServerFinalizer(func(_ context.Context, err error) { finals <- err }),
		)
		return netrpc.Register(srv, "Sum", s)
	})
	sum := netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"), nil, nil)

	_, err := sum(testContext(t), SumRequest{A: -1})
	var serr rpc.ServerError
	if !errors.As(err, &serr) || string(serr) != "sum: cannot sum negative numbers" {
		t.Errorf("client got %#v, want rpc.ServerError with the server's text", err)
	}
	if h := <-handled; !errors.Is(h, errPlain) {
		t.Errorf("error handler got %v", h)
	}
	if f := <-finals; !errors.Is(f, errPlain) {
		t.Errorf("finalizer got %v", f)
	}

	// The connection still works after an error.
	resp, err := sum(testContext(t), SumRequest{A: 1, B: 1})
	if err != nil || resp.(SumReply).V != 2 {
		t.Errorf("after an error: %v, %v", resp, err)
	}
	if f := <-finals; f != nil {
		t.Errorf("finalizer got %v on success", f)
	}
}

// Values of the wrong type give errors on either side, never a panic. (A
// gob type mismatch may leave that connection unusable, so each case has its
// own.)
func TestBadTypes(t *testing.T) {
	t.Parallel()
	var endpointCalls atomic.Int64
	register := func(srv *rpc.Server) error {
		if err := registerSum()(srv); err != nil {
			return err
		}
		counted := netrpc.NewServer[SumRequest, SumReply](func(ctx context.Context, request any) (any, error) {
			endpointCalls.Add(1)
			return sumEndpoint(ctx, request)
		}, nil, nil)
		if err := netrpc.Register(srv, "Counted", counted); err != nil {
			return err
		}
		// The endpoint answers a string where the Server needs a SumReply.
		wrong := netrpc.NewServer[SumRequest, SumReply](func(context.Context, any) (any, error) { return "five", nil }, nil, nil)
		return netrpc.Register(srv, "Wrong", wrong)
	}
	ctx := testContext(t)

	for _, tc := range []struct {
		name  string
		call  func(client *rpc.Client) (any, error)
		check func(error) bool
	}{
		{
			name: "request of the wrong wire type",
			call: func(client *rpc.Client) (any, error) {
				return netrpc.NewClient[string, SumReply](client, netrpc.ServiceMethod("Counted"), nil, nil)(ctx, "2+3")
			},
			check: isServerError("gob"),
		},
		{
			name: "reply of the wrong wire type",
			call: func(client *rpc.Client) (any, error) {
				return netrpc.NewClient[SumRequest, string](client, netrpc.ServiceMethod("Sum"), nil, nil)(ctx, SumRequest{1, 2})
			},
			check: func(err error) bool { return err != nil && strings.Contains(err.Error(), "gob") },
		},
		{
			name: "request value not a Req, no encoder",
			call: func(client *rpc.Client) (any, error) {
				return netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"), nil, nil)(ctx, "2+3")
			},
			check: func(err error) bool {
				return errors.Is(err, netrpc.ErrType) && strings.Contains(err.Error(), "request is string, want netrpc_test.SumRequest")
			},
		},
		{
			name: "nil request, no encoder",
			call: func(client *rpc.Client) (any, error) {
				return netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"), nil, nil)(ctx, nil)
			},
			check: func(err error) bool { return errors.Is(err, netrpc.ErrType) },
		},
		{
			name: "endpoint response not a Resp, no encoder",
			call: func(client *rpc.Client) (any, error) {
				return netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Wrong"), nil, nil)(ctx, SumRequest{})
			},
			check: isServerError("netrpc: unexpected type: endpoint response is string, want netrpc_test.SumReply"),
		},
		{
			name: "unknown service",
			call: func(client *rpc.Client) (any, error) {
				return netrpc.NewClient[SumRequest, SumReply](client, "Nope.Call", nil, nil)(ctx, SumRequest{})
			},
			check: isServerError("can't find service"),
		},
		{
			name: "encoder error",
			call: func(client *rpc.Client) (any, error) {
				return netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"),
					func(context.Context, any) (SumRequest, error) { return SumRequest{}, errPlain }, nil)(ctx, nil)
			},
			check: func(err error) bool { return errors.Is(err, errPlain) },
		},
		{
			name: "decoder error",
			call: func(client *rpc.Client) (any, error) {
				return netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"), nil,
					func(context.Context, SumReply) (any, error) { return "ignored", errPlain })(ctx, SumRequest{})
			},
			check: func(err error) bool { return errors.Is(err, errPlain) },
		},
		{
			name: "nil client",
			call: func(client *rpc.Client) (any, error) {
				return netrpc.NewClient[SumRequest, SumReply](nil, netrpc.ServiceMethod("Sum"), nil, nil)(ctx, SumRequest{})
			},
			check: func(err error) bool { return errors.Is(err, netrpc.ErrNilClient) },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := tc.call(serve(t, register))
			if resp != nil || !tc.check(err) {
				t.Errorf("got %v, %v", resp, err)
			}
		})
	}
	if n := endpointCalls.Load(); n != 0 {
		t.Errorf("endpoint called %d times with bad input", n)
	}
}

func isServerError(substr string) func(error) bool {
	return func(err error) bool {
		var serr rpc.ServerError
		return errors.As(err, &serr) && strings.Contains(string(serr), substr)
	}
}

func TestRegister(t *testing.T) {
	t.Parallel()
	srv := rpc.NewServer()
	ok := netrpc.NewServer[SumRequest, SumReply](sumEndpoint, nil, nil)
	if err := netrpc.Register(srv, "Sum", ok); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		err     error
		errType bool
	}{
		{"duplicate", netrpc.Register(srv, "Sum", ok), false},
		{"empty name", netrpc.Register(srv, "", ok), false},
		{"nil server", netrpc.Register[SumRequest, SumReply](nil, "X", ok), false},
		{"nil Server", netrpc.Register[SumRequest, SumReply](srv, "X", nil), false},
		{"unexported request", netrpc.Register(srv, "U1", netrpc.NewServer[unexported, SumReply](sumEndpoint, nil, nil)), true},
		{"unexported reply", netrpc.Register(srv, "U2", netrpc.NewServer[SumRequest, *unexported](sumEndpoint, nil, nil)), true},
	} {
		if tc.err == nil || errors.Is(tc.err, netrpc.ErrType) != tc.errType {
			t.Errorf("%s: got %v", tc.name, tc.err)
		}
	}
	// Built-in and pointer wire types are fine.
	if err := netrpc.Register(srv, "Ptr", netrpc.NewServer[*SumRequest, []int](sumEndpoint, nil, nil)); err != nil {
		t.Errorf("pointer and slice types: %v", err)
	}
}

// A client endpoint stops waiting when its context ends; the server's call
// runs to its end.
func TestClientContext(t *testing.T) {
	t.Parallel()
	entered := make(chan struct{})
	release := make(chan struct{})
	done := make(chan struct{})
	client := serve(t, func(srv *rpc.Server) error {
		s := netrpc.NewServer[SumRequest, SumReply](func(ctx context.Context, request any) (any, error) {
			close(entered)
			<-release
			return sumEndpoint(ctx, request)
		}, nil, nil, netrpc.ServerFinalizer(func(context.Context, error) { close(done) }))
		return netrpc.Register(srv, "Slow", s)
	})
	ctx, cancel := context.WithCancel(testContext(t))
	go func() {
		<-entered
		cancel()
	}()
	finals := make(chan error, 1)
	_, err := netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Slow"), nil, nil,
		netrpc.ClientFinalizer(func(_ context.Context, err error) { finals <- err }))(ctx, SumRequest{1, 1})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if f := <-finals; f != err {
		t.Errorf("finalizer got %v", f)
	}
	close(release)
	<-done
}

// ServerBefore functions build the context the codecs and endpoint see.
func TestServerBefore(t *testing.T) {
	t.Parallel()
	type key struct{}
	client := serve(t, func(srv *rpc.Server) error {
		s := netrpc.NewServer(
			func(ctx context.Context, _ any) (any, error) { return ctx.Value(key{}).(string), nil },
			func(ctx context.Context, req string) (any, error) { return req, nil },
			func(ctx context.Context, response any) (string, error) { return response.(string) + "!", nil },
			netrpc.ServerBefore(func(ctx context.Context) context.Context { return context.WithValue(ctx, key{}, "a") }),
			netrpc.ServerBefore(func(ctx context.Context) context.Context {
				return context.WithValue(ctx, key{}, ctx.Value(key{}).(string)+"b")
			}),
		)
		return netrpc.Register(srv, "Ctx", s)
	})
	resp, err := netrpc.NewClient[string, string](client, netrpc.ServiceMethod("Ctx"), nil, nil)(testContext(t), "")
	if err != nil || resp != "ab!" {
		t.Errorf("got %v, %v", resp, err)
	}
}

// A closed client fails fast with rpc.ErrShutdown.
func TestClosedClient(t *testing.T) {
	t.Parallel()
	client := serve(t, registerSum())
	_ = client.Close()
	_, err := netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"), nil, nil)(testContext(t), SumRequest{})
	if !errors.Is(err, rpc.ErrShutdown) {
		t.Errorf("got %v, want rpc.ErrShutdown", err)
	}
}

// Server.Call can be called directly, as net/rpc does.
func TestServerCallDirect(t *testing.T) {
	t.Parallel()
	s := netrpc.NewServer[SumRequest, SumReply](sumEndpoint, nil, nil)
	var reply SumReply
	if err := s.Call(SumRequest{4, 5}, &reply); err != nil || reply.V != 9 {
		t.Errorf("got %v, %v", reply, err)
	}
	enc := netrpc.NewServer[SumRequest, SumReply](sumEndpoint, nil, func(context.Context, any) (SumReply, error) { return SumReply{}, errPlain })
	if err := enc.Call(SumRequest{}, &reply); !errors.Is(err, errPlain) {
		t.Errorf("encoder error: got %v", err)
	}
	dec := netrpc.NewServer[SumRequest, SumReply](sumEndpoint,
		func(context.Context, SumRequest) (any, error) { return nil, errPlain }, nil)
	if err := dec.Call(SumRequest{}, &reply); !errors.Is(err, errPlain) {
		t.Errorf("decoder error: got %v", err)
	}
}

// Many concurrent calls over one connection (run with -race).
func TestConcurrentCalls(t *testing.T) {
	t.Parallel()
	client := serve(t, registerSum())
	sum := netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"), nil, nil)
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := sum(testContext(t), SumRequest{i, i})
			if err != nil || resp.(SumReply).V != 2*i {
				t.Errorf("sum(%d, %d) = %v, %v", i, i, resp, err)
			}
		}()
	}
	wg.Wait()
}
