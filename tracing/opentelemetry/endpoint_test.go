package opentelemetry_test

import (
	"context"
	"errors"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/tracing/opentelemetry"
)

type failed struct{ err error }

func (f failed) Failed() error { return f.err }

func TestTraceEndpoint(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	errBusiness := errors.New("no such user")
	type mw func(string, ...opentelemetry.Option) endpoint.Middleware
	for _, tc := range []struct {
		name       string
		mw         mw
		spanName   string
		opts       []opentelemetry.Option
		resp       any
		err        error
		wantName   string
		wantKind   trace.SpanKind
		wantStatus codes.Code
		wantEvents int
		wantAttrs  map[attribute.Key]string
	}{
		{name: "ok", mw: opentelemetry.TraceEndpoint, spanName: "op", resp: "fine",
			wantName: "op", wantKind: trace.SpanKindInternal, wantStatus: codes.Unset},
		{name: "default name", mw: opentelemetry.TraceEndpoint,
			wantName: opentelemetry.DefaultSpanName, wantKind: trace.SpanKindInternal},
		{name: "server kind", mw: opentelemetry.TraceServer, spanName: "op",
			wantName: "op", wantKind: trace.SpanKindServer},
		{name: "client kind", mw: opentelemetry.TraceClient, spanName: "op",
			wantName: "op", wantKind: trace.SpanKindClient},
		{name: "explicit kind", mw: opentelemetry.TraceEndpoint, spanName: "op",
			opts:     []opentelemetry.Option{opentelemetry.WithSpanKind(trace.SpanKindConsumer)},
			wantName: "op", wantKind: trace.SpanKindConsumer},
		{name: "error", mw: opentelemetry.TraceEndpoint, spanName: "op", err: errBoom,
			wantName: "op", wantKind: trace.SpanKindInternal, wantStatus: codes.Error, wantEvents: 1},
		{name: "business error", mw: opentelemetry.TraceEndpoint, spanName: "op", resp: failed{errBusiness},
			wantName: "op", wantKind: trace.SpanKindInternal, wantStatus: codes.Error, wantEvents: 1,
			wantAttrs: map[attribute.Key]string{opentelemetry.BusinessErrorKey: "no such user"}},
		{name: "ignored business error", mw: opentelemetry.TraceEndpoint, spanName: "op", resp: failed{errBusiness},
			opts:     []opentelemetry.Option{opentelemetry.WithIgnoreBusinessError(true)},
			wantName: "op", wantKind: trace.SpanKindInternal, wantStatus: codes.Unset,
			wantAttrs: map[attribute.Key]string{opentelemetry.BusinessErrorKey: "no such user"}},
		{name: "failer without error", mw: opentelemetry.TraceEndpoint, spanName: "op", resp: failed{},
			wantName: "op", wantKind: trace.SpanKindInternal},
		{name: "name func", mw: opentelemetry.TraceEndpoint, spanName: "op",
			opts: []opentelemetry.Option{opentelemetry.WithSpanNameFunc(func(_ context.Context, n string) string {
				return "renamed-" + n
			})},
			wantName: "renamed-op", wantKind: trace.SpanKindInternal},
		{name: "empty name func result", mw: opentelemetry.TraceEndpoint, spanName: "op",
			opts:     []opentelemetry.Option{opentelemetry.WithSpanNameFunc(func(context.Context, string) string { return "" })},
			wantName: "op", wantKind: trace.SpanKindInternal},
		{name: "attributes", mw: opentelemetry.TraceServer, spanName: "op",
			opts: []opentelemetry.Option{
				opentelemetry.WithRPC("grpc", "pkg.Users", "Get"),
				opentelemetry.WithAttributes(attribute.String("a", "1")),
				opentelemetry.WithAttributes(attribute.String("b", "2")),
				opentelemetry.WithAttributesFunc(func(ctx context.Context) []attribute.KeyValue {
					if !trace.SpanFromContext(ctx).IsRecording() {
						return nil
					}
					return []attribute.KeyValue{attribute.String("c", "3")}
				}),
			},
			wantName: "op", wantKind: trace.SpanKindServer,
			wantAttrs: map[attribute.Key]string{
				"rpc.system": "grpc", "rpc.service": "pkg.Users", "rpc.method": "Get",
				"a": "1", "b": "2", "c": "3",
			}},
		{name: "nil option", mw: opentelemetry.TraceEndpoint, spanName: "op", opts: []opentelemetry.Option{nil},
			wantName: "op", wantKind: trace.SpanKindInternal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tp, rec := newProvider(t)
			opts := append([]opentelemetry.Option{opentelemetry.WithTracerProvider(tp)}, tc.opts...)
			var inner trace.Span
			e := tc.mw(tc.spanName, opts...)(func(ctx context.Context, _ any) (any, error) {
				inner = trace.SpanFromContext(ctx)
				return tc.resp, tc.err
			})
			resp, err := e(testContext(t), "req")
			if !errors.Is(err, tc.err) || resp != tc.resp {
				t.Fatalf("got (%v, %v), want (%v, %v)", resp, err, tc.resp, tc.err)
			}
			s := spanNamed(t, rec, tc.wantName)
			if inner.SpanContext().SpanID() != s.SpanContext().SpanID() {
				t.Errorf("next endpoint saw span %s, want %s", inner.SpanContext().SpanID(), s.SpanContext().SpanID())
			}
			if got := kindOf(s); got != tc.wantKind {
				t.Errorf("kind %v, want %v", got, tc.wantKind)
			}
			if got := s.Status().Code; got != tc.wantStatus {
				t.Errorf("status %v, want %v", got, tc.wantStatus)
			}
			if got := len(s.Events()); got != tc.wantEvents {
				t.Errorf("%d events, want %d", got, tc.wantEvents)
			}
			for k, want := range tc.wantAttrs {
				if got, ok := attr(s, k); !ok || got.AsString() != want {
					t.Errorf("attribute %s = %q (present %v), want %q", k, got.AsString(), ok, want)
				}
			}
			if s.InstrumentationScope().Name != opentelemetry.ScopeName {
				t.Errorf("scope %q, want %q", s.InstrumentationScope().Name, opentelemetry.ScopeName)
			}
		})
	}
}

func TestTraceEndpointChildOfContextSpan(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	ctx, parent := tp.Tracer("test").Start(testContext(t), "parent")
	e := endpoint.Chain(
		opentelemetry.TraceEndpoint("outer", opentelemetry.WithTracerProvider(tp)),
		opentelemetry.TraceEndpoint("inner", opentelemetry.WithTracerProvider(tp)),
	)(endpoint.Nop)
	if _, err := e(ctx, nil); err != nil {
		t.Fatal(err)
	}
	parent.End()
	assertChild(t, spanNamed(t, rec, "parent"), spanNamed(t, rec, "outer"))
	assertChild(t, spanNamed(t, rec, "outer"), spanNamed(t, rec, "inner"))
}

// Each call of one middleware gets its own name from the name function: the
// result of one call does not leak into the next.
func TestTraceEndpointNameFuncPerCall(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	type key struct{}
	e := opentelemetry.TraceEndpoint("op",
		opentelemetry.WithTracerProvider(tp),
		opentelemetry.WithSpanNameFunc(func(ctx context.Context, name string) string {
			s, _ := ctx.Value(key{}).(string)
			if s == "" {
				return ""
			}
			return name + "/" + s
		}),
	)(endpoint.Nop)
	ctx := testContext(t)
	for _, v := range []string{"a", "", "b"} {
		if _, err := e(context.WithValue(ctx, key{}, v), nil); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	for _, s := range rec.Ended() {
		names = append(names, s.Name())
	}
	if want := []string{"op/a", "op", "op/b"}; len(names) != 3 || names[0] != want[0] || names[1] != want[1] || names[2] != want[2] {
		t.Errorf("span names %q, want %q", names, want)
	}
}

// A panicking endpoint still ends its span.
func TestTraceEndpointPanicEndsSpan(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	e := opentelemetry.TraceEndpoint("op", opentelemetry.WithTracerProvider(tp))(func(context.Context, any) (any, error) {
		panic("bad")
	})
	func() {
		defer func() { _ = recover() }()
		_, _ = e(testContext(t), nil)
	}()
	spanNamed(t, rec, "op")
}
