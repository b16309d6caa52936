package endpoint_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

// annotate returns a middleware that records its name before and after the
// call into *trace.
func annotate(trace *[]string, name string) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, req any) (any, error) {
			*trace = append(*trace, name+">")
			defer func() { *trace = append(*trace, "<"+name) }()
			return next(ctx, req)
		}
	}
}

func TestChainOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		others []string
		want   string
	}{
		{"only outer", nil, "a> e <a"},
		{"two", []string{"b"}, "a> b> e <b <a"},
		{"five", []string{"b", "c", "d", "e2"}, "a> b> c> d> e2> e <e2 <d <c <b <a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var trace []string
			var others []endpoint.Middleware
			for _, n := range tt.others {
				others = append(others, annotate(&trace, n))
			}
			e := endpoint.Chain(annotate(&trace, "a"), others...)(func(context.Context, any) (any, error) {
				trace = append(trace, "e")
				return "ok", nil
			})
			resp, err := e(context.Background(), nil)
			if err != nil || resp != "ok" {
				t.Fatalf("got %v, %v", resp, err)
			}
			if got := strings.Join(trace, " "); got != tt.want {
				t.Errorf("order: got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestChainReusable(t *testing.T) {
	t.Parallel()
	var trace []string
	mw := endpoint.Chain(annotate(&trace, "a"), annotate(&trace, "b"))
	e1, e2 := mw(endpoint.Nop), mw(endpoint.Nop)
	if _, err := e1(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e2(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(trace, " "), "a> b> <b <a a> b> <b <a"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNop(t *testing.T) {
	t.Parallel()
	resp, err := endpoint.Nop(context.Background(), "anything")
	if err != nil {
		t.Fatal(err)
	}
	if resp != (struct{}{}) {
		t.Errorf("Nop response = %#v, want struct{}{}", resp)
	}
}

type sumRequest struct{ A, B int }

type sumResponse struct {
	V   int
	Err error
}

func (r sumResponse) Failed() error { return r.Err }

var _ endpoint.Failer = sumResponse{}

func sum(_ context.Context, req sumRequest) (sumResponse, error) {
	if req.A < 0 {
		return sumResponse{Err: errors.New("negative")}, nil
	}
	return sumResponse{V: req.A + req.B}, nil
}

func TestTypedEndpoint(t *testing.T) {
	t.Parallel()
	e := endpoint.Typed[sumRequest, sumResponse](sum).Endpoint()
	tests := []struct {
		name    string
		req     any
		want    any
		wantErr bool
	}{
		{"right type", sumRequest{1, 2}, sumResponse{V: 3}, false},
		{"wrong type", "1+2", nil, true},
		{"pointer instead of value", &sumRequest{1, 2}, nil, true},
		{"nil for a struct type", nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := e(context.Background(), tt.req)
			if tt.wantErr {
				var te *endpoint.TypeError
				if !errors.As(err, &te) || !errors.Is(err, endpoint.ErrUnexpectedType) {
					t.Fatalf("err = %v, want a *TypeError", err)
				}
				if te.Role != "request" || te.Want != reflect.TypeFor[sumRequest]() {
					t.Errorf("TypeError = %+v", te)
				}
				if got != nil {
					t.Errorf("response = %v, want nil", got)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestTypedNilRequests(t *testing.T) {
	t.Parallel()
	ptr := endpoint.Typed[*sumRequest, int](func(_ context.Context, r *sumRequest) (int, error) {
		if r == nil {
			return -1, nil
		}
		return r.A, nil
	}).Endpoint()
	if got, err := ptr(context.Background(), nil); err != nil || got != -1 {
		t.Errorf("nil pointer request: got %v, %v", got, err)
	}
	iface := endpoint.Typed[error, string](func(_ context.Context, e error) (string, error) {
		return "ok", nil
	}).Endpoint()
	if got, err := iface(context.Background(), nil); err != nil || got != "ok" {
		t.Errorf("nil interface request: got %v, %v", got, err)
	}
}

func TestFromEndpoint(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	tests := []struct {
		name    string
		e       endpoint.Endpoint
		want    int
		wantErr error
	}{
		{"ok", func(context.Context, any) (any, error) { return 7, nil }, 7, nil},
		{"endpoint error", func(context.Context, any) (any, error) { return nil, boom }, 0, boom},
		{"wrong response type", func(context.Context, any) (any, error) { return "7", nil }, 0, endpoint.ErrUnexpectedType},
		{"nil response for int", func(context.Context, any) (any, error) { return nil, nil }, 0, endpoint.ErrUnexpectedType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := endpoint.FromEndpoint[string, int](tt.e)(context.Background(), "x")
			if !errors.Is(err, tt.wantErr) || got != tt.want {
				t.Errorf("got %v, %v; want %v, %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
	var te *endpoint.TypeError
	_, err := endpoint.FromEndpoint[string, int](tests[2].e)(context.Background(), "x")
	if !errors.As(err, &te) || te.Role != "response" || te.Got != reflect.TypeFor[string]() {
		t.Errorf("TypeError = %+v", te)
	}
	if !strings.Contains(err.Error(), "response has type string, want int") {
		t.Errorf("message = %q", err)
	}
}

func TestTypedRoundTripIsLossless(t *testing.T) {
	t.Parallel()
	typed := endpoint.Typed[sumRequest, sumResponse](sum)
	back := endpoint.FromEndpoint[sumRequest, sumResponse](typed.Endpoint())
	for _, req := range []sumRequest{{1, 2}, {-1, 5}, {0, 0}} {
		a, errA := typed(context.Background(), req)
		b, errB := back(context.Background(), req)
		if !reflect.DeepEqual(a, b) || errA != errB {
			t.Errorf("%v: direct %v, %v; round trip %v, %v", req, a, errA, b, errB)
		}
	}
}

func TestTypedUse(t *testing.T) {
	t.Parallel()
	var trace []string
	typed := endpoint.Typed[sumRequest, sumResponse](sum)
	if got := typed.Use(); got == nil {
		t.Fatal("Use() returned nil")
	}
	wrapped := typed.Use(annotate(&trace, "a"), annotate(&trace, "b"))
	resp, err := wrapped(context.Background(), sumRequest{2, 3})
	if err != nil || resp.V != 5 {
		t.Fatalf("got %v, %v", resp, err)
	}
	if got, want := strings.Join(trace, " "), "a> b> <b <a"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func passThrough(next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) { return next(ctx, req) }
}

func BenchmarkChain5(b *testing.B) {
	e := endpoint.Chain(passThrough, passThrough, passThrough, passThrough, passThrough)(endpoint.Nop)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = e(ctx, nil)
	}
}
