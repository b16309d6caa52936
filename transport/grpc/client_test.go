package grpc_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
	"github.com/seedkit/kit/transport/grpc/internal/testpb"
)

// Client errors before, during and after the RPC are returned as is, and
// the finalizers see them.
func TestClientErrors(t *testing.T) {
	t.Parallel()
	var calls atomic.Int64
	srv := kitgrpc.NewServer(
		func(ctx context.Context, req any) (any, error) {
			calls.Add(1)
			return formatEndpoint(ctx, req)
		},
		decodeRequest, encodeResponse)
	conn := serve(t, srv)
	errDecode := errors.New("cannot decode")

	for _, tc := range []struct {
		name      string
		req       any
		nilReply  bool
		nilConn   bool
		dec       kitgrpc.DecodeResponseFunc
		wantErr   func(error) bool
		wantCalls int64 // server endpoint calls this case makes
	}{
		{
			name:    "encoder rejects request",
			req:     "not a testRequest",
			wantErr: func(err error) bool { return err != nil && err.Error() == "request is string" },
		},
		{
			name:     "nil grpcReply",
			req:      testRequest{},
			nilReply: true,
			wantErr:  func(err error) bool { return errors.Is(err, kitgrpc.ErrNoReplyType) },
		},
		{
			name: "decoder fails",
			req:  testRequest{},
			dec: func(context.Context, any) (any, error) {
				return nil, errDecode
			},
			wantErr:   func(err error) bool { return errors.Is(err, errDecode) },
			wantCalls: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := calls.Load()
			dec := tc.dec
			if dec == nil {
				dec = decodeResponse
			}
			var reply any = &testpb.TestResponse{}
			if tc.nilReply {
				reply = nil
			}
			finals := make(chan error, 1)
			cc := conn
			if tc.nilConn {
				cc = nil
			}
			call := kitgrpc.NewClient(cc, serviceName, "Test", encodeRequest, dec, reply,
				kitgrpc.ClientFinalizer(func(_ context.Context, err error) { finals <- err })).Endpoint()
			resp, err := call(testContext(t), tc.req)
			if resp != nil || !tc.wantErr(err) {
				t.Errorf("got %v, %v", resp, err)
			}
			if f := <-finals; f != err {
				t.Errorf("finalizer got %v, want %v", f, err)
			}
			if got := calls.Load() - before; got != tc.wantCalls {
				t.Errorf("server endpoint called %d times, want %d", got, tc.wantCalls)
			}
		})
	}
}

// A server that is gone gives Unavailable, and finalizers see the method.
func TestClientUnavailable(t *testing.T) {
	t.Parallel()
	conn := serve(t, kitgrpc.NewServer(formatEndpoint, decodeRequest, encodeResponse))
	_ = conn.Close()
	finals := make(chan string, 1)
	call := newClient(conn, kitgrpc.ClientFinalizer(func(ctx context.Context, err error) {
		m, _ := ctx.Value(kitgrpc.ContextKeyRequestMethod).(string)
		finals <- m
	})).Endpoint()
	_, err := call(testContext(t), testRequest{})
	if status.Code(err) != codes.Canceled && status.Code(err) != codes.Unavailable {
		t.Errorf("got %v, want Canceled or Unavailable", err)
	}
	if m := <-finals; m != "/"+serviceName+"/Test" {
		t.Errorf("finalizer saw method %q", m)
	}
}

// The client context flows through its hooks to the decoder and the
// finalizers.
func TestClientContextFlow(t *testing.T) {
	t.Parallel()
	conn := serve(t, kitgrpc.NewServer(formatEndpoint, decodeRequest, encodeResponse))
	finals := make(chan context.Context, 1)
	decoded := make(chan context.Context, 1)
	call := kitgrpc.NewClient(conn, serviceName, "Test", encodeRequest,
		func(ctx context.Context, reply any) (any, error) {
			decoded <- ctx
			return decodeResponse(ctx, reply)
		},
		&testpb.TestResponse{},
		kitgrpc.ClientBefore(func(ctx context.Context, _ *metadata.MD) context.Context {
			return context.WithValue(ctx, ctxKey("before"), 1)
		}),
		kitgrpc.ClientAfter(func(ctx context.Context, _, _ metadata.MD) context.Context {
			return context.WithValue(ctx, ctxKey("after"), 2)
		}),
		kitgrpc.ClientFinalizer(func(ctx context.Context, _ error) { finals <- ctx }),
	).Endpoint()
	if _, err := call(testContext(t), testRequest{}); err != nil {
		t.Fatal(err)
	}
	for name, ctx := range map[string]context.Context{"decoder": <-decoded, "finalizer": <-finals} {
		if ctx.Value(ctxKey("before")) != 1 || ctx.Value(ctxKey("after")) != 2 {
			t.Errorf("%s context lacks the hooks' values", name)
		}
	}
}

func TestEncodeKeyValue(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ key, val, wantKey, wantVal string }{
		{"X-Request-ID", "Abc", "x-request-id", "Abc"},
		{"plain", "", "plain", ""},
		{"Trace-Bin", "\x00\xff", "trace-bin", "AP8="},
		{"trace-bin", "abc", "trace-bin", "YWJj"},
		{"bin", "abc", "bin", "abc"},
		{"", "v", "", "v"},
	} {
		k, v := kitgrpc.EncodeKeyValue(tc.key, tc.val)
		if k != tc.wantKey || v != tc.wantVal {
			t.Errorf("EncodeKeyValue(%q, %q) = %q, %q; want %q, %q", tc.key, tc.val, k, v, tc.wantKey, tc.wantVal)
		}
	}
}

// The Set* functions accept nil metadata maps (and nil pointers) without
// panicking.
func TestSetFunctionsNilMetadata(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)

	var md metadata.MD
	kitgrpc.SetRequestHeader("K", "v")(ctx, &md)
	kitgrpc.SetRequestHeader("k", "w")(ctx, &md)
	if got := md.Get("k"); len(got) != 2 || got[0] != "v" || got[1] != "w" {
		t.Errorf("request header k = %q", got)
	}
	kitgrpc.SetRequestHeader("k", "v")(ctx, nil)

	var header, trailer metadata.MD
	kitgrpc.SetResponseHeader("H", "1")(ctx, &header, &trailer)
	kitgrpc.SetResponseTrailer("T", "2")(ctx, &header, &trailer)
	if header.Get("h")[0] != "1" || trailer.Get("t")[0] != "2" || len(header) != 1 || len(trailer) != 1 {
		t.Errorf("header %v, trailer %v", header, trailer)
	}
	kitgrpc.SetResponseHeader("H", "1")(ctx, nil, nil)
	kitgrpc.SetResponseTrailer("T", "2")(ctx, nil, nil)
}
