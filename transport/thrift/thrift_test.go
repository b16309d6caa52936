package thrift_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/seedkit/kit/transport"
	"github.com/seedkit/kit/transport/thrift"
)

func identity(_ context.Context, v any) (any, error) { return v, nil }

func TestServerOrderAndErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	tests := []struct {
		name      string
		dec, enc  func(context.Context, any) (any, error)
		endpoint  func(context.Context, any) (any, error)
		wantErr   error
		wantSteps []string
	}{
		{"ok", identity, identity, identity, nil, []string{"before", "after", "finalizer <nil>"}},
		{"decode error", func(context.Context, any) (any, error) { return nil, boom }, identity, identity, boom,
			[]string{"before", "handled boom", "finalizer boom"}},
		{"endpoint error", identity, identity, func(context.Context, any) (any, error) { return nil, boom }, boom,
			[]string{"before", "handled boom", "finalizer boom"}},
		{"encode error", identity, func(context.Context, any) (any, error) { return nil, boom }, identity, boom,
			[]string{"before", "after", "handled boom", "finalizer boom"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var steps []string
			s := thrift.NewServer(tt.endpoint, tt.dec, tt.enc,
				thrift.ServerBefore(func(ctx context.Context) context.Context { steps = append(steps, "before"); return ctx }),
				thrift.ServerAfter(func(ctx context.Context, _ any) context.Context { steps = append(steps, "after"); return ctx }),
				thrift.ServerFinalizer(func(_ context.Context, err error) { steps = append(steps, fmt.Sprint("finalizer ", err)) }),
				thrift.ServerErrorHandler(transport.ErrorHandlerFunc(func(_ context.Context, err error) {
					steps = append(steps, fmt.Sprint("handled ", err))
				})),
			)
			_, reply, err := s.Serve(context.Background(), 7)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && reply != 7 {
				t.Fatalf("reply = %v, want 7", reply)
			}
			if !reflect.DeepEqual(steps, tt.wantSteps) {
				t.Fatalf("steps = %q, want %q", steps, tt.wantSteps)
			}
		})
	}
}

func TestClientOrderAndErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	okCall := func(_ context.Context, req any) (any, error) { return req.(int) * 2, nil }
	tests := []struct {
		name      string
		enc, dec  func(context.Context, any) (any, error)
		call      thrift.CallFunc
		want      any
		wantErr   error
		wantSteps []string
	}{
		{"ok", identity, identity, okCall, 6, nil, []string{"before", "after 6", "finalizer <nil>"}},
		{"encode error", func(context.Context, any) (any, error) { return nil, boom }, identity, okCall, nil, boom,
			[]string{"finalizer boom"}},
		{"call error", identity, identity, func(context.Context, any) (any, error) { return nil, boom }, nil, boom,
			[]string{"before", "finalizer boom"}},
		{"decode error", identity, func(context.Context, any) (any, error) { return nil, boom }, okCall, nil, boom,
			[]string{"before", "after 6", "finalizer boom"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var steps []string
			e := thrift.NewClient(tt.call, tt.enc, tt.dec,
				thrift.ClientBefore(func(ctx context.Context) context.Context { steps = append(steps, "before"); return ctx }),
				thrift.ClientAfter(func(ctx context.Context, r any) context.Context {
					steps = append(steps, fmt.Sprint("after ", r))
					return ctx
				}),
				thrift.ClientFinalizer(func(_ context.Context, err error) { steps = append(steps, fmt.Sprint("finalizer ", err)) }),
			).Endpoint()
			got, err := e(context.Background(), 3)
			if !errors.Is(err, tt.wantErr) || got != tt.want {
				t.Fatalf("got %v, %v; want %v, %v", got, err, tt.want, tt.wantErr)
			}
			if !reflect.DeepEqual(steps, tt.wantSteps) {
				t.Fatalf("steps = %q, want %q", steps, tt.wantSteps)
			}
		})
	}
}

func TestSetRequestHeaderWithoutTHeader(t *testing.T) {
	t.Parallel()
	ctx := thrift.SetRequestHeader("k", "v")(context.Background())
	ctx = thrift.SetRequestHeader("k", "w")(ctx)
	// Without a THeader connection the server side reads the request's own
	// context: nothing was received.
	if _, ok := thrift.ServerHeader(context.Background(), "k"); ok {
		t.Fatal("ServerHeader on an empty context: ok = true")
	}
	if ctx == nil {
		t.Fatal("nil context")
	}
}
