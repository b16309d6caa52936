package opentracing_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/opentracing/opentracing-go"
	"github.com/opentracing/opentracing-go/ext"
	"github.com/opentracing/opentracing-go/mocktracer"
	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/tracing/internal/grpctest"
	kitot "github.com/seedkit/kit/tracing/opentracing"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
	httptransport "github.com/seedkit/kit/transport/http"
)

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

type failed struct{ err error }

func (f failed) Failed() error { return f.err }

func byName(t *testing.T, tracer *mocktracer.MockTracer, name string) *mocktracer.MockSpan {
	t.Helper()
	var found []*mocktracer.MockSpan
	var names []string
	for _, s := range tracer.FinishedSpans() {
		names = append(names, s.OperationName)
		if s.OperationName == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one finished span %q, have %d among %q", name, len(found), names)
	}
	return found[0]
}

func assertChild(t *testing.T, parent, child *mocktracer.MockSpan) {
	t.Helper()
	if child.SpanContext.TraceID != parent.SpanContext.TraceID || child.ParentID != parent.SpanContext.SpanID {
		t.Errorf("%s: trace %d parent %d, want trace %d parent %d (%s)", child.OperationName,
			child.SpanContext.TraceID, child.ParentID, parent.SpanContext.TraceID, parent.SpanContext.SpanID, parent.OperationName)
	}
}

func TestTraceEndpoint(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	for _, tc := range []struct {
		name      string
		mw        func(opentracing.Tracer, string, ...kitot.EndpointOption) endpoint.Middleware
		opts      []kitot.EndpointOption
		resp      any
		err       error
		wantName  string
		wantTags  map[string]any
		wantLogs  int
		wantError bool
	}{
		{name: "ok", mw: kitot.TraceEndpoint, wantName: "op", wantTags: map[string]any{}},
		{name: "error", mw: kitot.TraceEndpoint, err: errBoom, wantName: "op", wantLogs: 1, wantError: true,
			wantTags: map[string]any{"error": true}},
		{name: "business error", mw: kitot.TraceEndpoint, resp: failed{errBoom}, wantName: "op", wantLogs: 2, wantError: true,
			wantTags: map[string]any{"error": true}},
		{name: "ignored business error", mw: kitot.TraceEndpoint, resp: failed{errBoom},
			opts: []kitot.EndpointOption{kitot.WithIgnoreBusinessError(true)}, wantName: "op", wantLogs: 1, wantTags: map[string]any{}},
		{name: "operation name func", mw: kitot.TraceEndpoint,
			opts:     []kitot.EndpointOption{kitot.WithOperationNameFunc(func(_ context.Context, n string) string { return "new-" + n })},
			wantName: "new-op", wantTags: map[string]any{}},
		{name: "tags", mw: kitot.TraceEndpoint,
			opts: []kitot.EndpointOption{
				kitot.WithTags(opentracing.Tags{"a": 1, "b": 2}),
				kitot.WithTags(opentracing.Tags{"b": 3}),
				kitot.WithTagsFunc(func(context.Context) opentracing.Tags { return opentracing.Tags{"c": 4} }),
			},
			wantName: "op", wantTags: map[string]any{"a": 1, "b": 3, "c": 4}},
		{name: "options struct", mw: kitot.TraceEndpoint,
			opts:     []kitot.EndpointOption{kitot.WithOptions(kitot.EndpointOptions{}), kitot.WithTags(opentracing.Tags{"x": "y"})},
			wantName: "op", wantTags: map[string]any{"x": "y"}},
		{name: "server", mw: kitot.TraceServer, wantName: "op",
			wantTags: map[string]any{string(ext.SpanKind): ext.SpanKindRPCServerEnum}},
		{name: "client", mw: kitot.TraceClient, wantName: "op",
			wantTags: map[string]any{string(ext.SpanKind): ext.SpanKindRPCClientEnum}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tracer := mocktracer.New()
			e := tc.mw(tracer, "op", tc.opts...)(func(ctx context.Context, _ any) (any, error) {
				if opentracing.SpanFromContext(ctx) == nil {
					t.Error("next endpoint has no span in its context")
				}
				return tc.resp, tc.err
			})
			if _, err := e(testContext(t), nil); !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			s := byName(t, tracer, tc.wantName)
			tags := s.Tags()
			if len(tags) != len(tc.wantTags) {
				t.Errorf("tags %v, want %v", tags, tc.wantTags)
			}
			for k, v := range tc.wantTags {
				if tags[k] != v {
					t.Errorf("tag %s = %v, want %v", k, tags[k], v)
				}
			}
			if got := len(s.Logs()); got != tc.wantLogs {
				t.Errorf("%d logs, want %d", got, tc.wantLogs)
			}
		})
	}
}

func TestTraceEndpointChildAndNameFuncPerCall(t *testing.T) {
	t.Parallel()
	tracer := mocktracer.New()
	type key struct{}
	e := kitot.TraceEndpoint(tracer, "op", kitot.WithOperationNameFunc(func(ctx context.Context, n string) string {
		v, _ := ctx.Value(key{}).(string)
		return v
	}))(endpoint.Nop)
	parent := tracer.StartSpan("parent")
	ctx := opentracing.ContextWithSpan(testContext(t), parent)
	for _, v := range []string{"first", ""} {
		if _, err := e(context.WithValue(ctx, key{}, v), nil); err != nil {
			t.Fatal(err)
		}
	}
	parent.Finish()
	p := byName(t, tracer, "parent")
	assertChild(t, p, byName(t, tracer, "first"))
	assertChild(t, p, byName(t, tracer, "op"))
}

func TestNilTracerAndLogger(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	if _, err := kitot.TraceEndpoint(nil, "op")(endpoint.Nop)(ctx, nil); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if got := kitot.HTTPToContext(nil, "op", nil)(ctx, r); got != ctx {
		t.Error("nil tracer changed the context")
	}
	tracer := mocktracer.New()
	sctx := opentracing.ContextWithSpan(ctx, tracer.StartSpan("s"))
	kitot.ContextToHTTP(nil, nil)(sctx, r)
	kitot.ContextToGRPC(tracer, nil)(sctx, nil)
	var md metadata.MD
	kitot.ContextToGRPC(tracer, nil)(sctx, &md)
	if len(md) == 0 {
		t.Error("nothing injected into nil metadata")
	}
}

func TestHTTPHop(t *testing.T) {
	t.Parallel()
	tracer := mocktracer.New()
	logger := log.NewNopLogger()
	srv := httptest.NewServer(httptransport.NewServer(
		kitot.TraceServer(tracer, "server-endpoint")(endpoint.Nop),
		httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(kitot.HTTPToContext(tracer, "http-server", logger)),
		httptransport.ServerFinalizer(func(ctx context.Context, _ int, _ *http.Request) {
			opentracing.SpanFromContext(ctx).Finish()
		}),
	))
	defer srv.Close()
	target, _ := url.Parse(srv.URL + "/x")
	client := kitot.TraceClient(tracer, "client-endpoint")(httptransport.NewClient(http.MethodGet, target,
		httptransport.EncodeJSONRequest,
		func(context.Context, *http.Response) (any, error) { return nil, nil },
		httptransport.ClientBefore(kitot.ContextToHTTP(tracer, logger)),
	).Endpoint())
	root := tracer.StartSpan("root")
	root.SetBaggageItem("user", "alice")
	if _, err := client(opentracing.ContextWithSpan(testContext(t), root), nil); err != nil {
		t.Fatal(err)
	}
	root.Finish()
	clientSpan, httpServer := byName(t, tracer, "client-endpoint"), byName(t, tracer, "http-server")
	assertChild(t, byName(t, tracer, "root"), clientSpan)
	assertChild(t, clientSpan, httpServer)
	assertChild(t, httpServer, byName(t, tracer, "server-endpoint"))
	if got := httpServer.BaggageItem("user"); got != "alice" {
		t.Errorf("baggage %q, want alice", got)
	}
	host, _, _ := strings.Cut(target.Host, ":")
	for k, want := range map[string]any{"http.method": "GET", "http.url": target.String(), "peer.hostname": host} {
		if got := clientSpan.Tag(k); got != want {
			t.Errorf("client tag %s = %v, want %v", k, got, want)
		}
	}
	if got := httpServer.Tag(string(ext.SpanKind)); got != ext.SpanKindRPCServerEnum {
		t.Errorf("server span.kind %v", got)
	}
}

func TestHTTPToContextBadHeaders(t *testing.T) {
	t.Parallel()
	tracer := corruptTracer{mocktracer.New()}
	var logs bytes.Buffer
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	ctx := kitot.HTTPToContext(tracer, "op", log.NewLogfmtLogger(&logs))(testContext(t), r)
	span := opentracing.SpanFromContext(ctx).(*mocktracer.MockSpan)
	if span.ParentID != 0 {
		t.Errorf("span has parent %d", span.ParentID)
	}
	if logs.Len() == 0 {
		t.Error("extraction error not logged")
	}
}

// corruptTracer fails every extraction as a tracer does on corrupt headers.
type corruptTracer struct{ *mocktracer.MockTracer }

func (corruptTracer) Extract(any, any) (opentracing.SpanContext, error) {
	return nil, opentracing.ErrSpanContextCorrupted
}

func TestGRPCHop(t *testing.T) {
	t.Parallel()
	tracer := mocktracer.New()
	logger := log.NewNopLogger()
	srv := kitgrpc.NewServer(kitot.TraceServer(tracer, "server-endpoint")(func(_ context.Context, req any) (any, error) { return req, nil }),
		grpctest.DecodeString, grpctest.EncodeString,
		kitgrpc.ServerBefore(kitot.GRPCToContext(tracer, "grpc-server", logger)),
		kitgrpc.ServerFinalizer(func(ctx context.Context, _ error) { opentracing.SpanFromContext(ctx).Finish() }),
	)
	cc := grpctest.Start(t, srv)
	client := kitot.TraceClient(tracer, "client-endpoint")(grpctest.NewClient(cc,
		kitgrpc.ClientBefore(kitot.ContextToGRPC(tracer, logger)),
	).Endpoint())
	if res, err := client(testContext(t), "x"); err != nil || res != "x" {
		t.Fatalf("call: (%v, %v)", res, err)
	}
	clientSpan, grpcServer := byName(t, tracer, "client-endpoint"), byName(t, tracer, "grpc-server")
	assertChild(t, clientSpan, grpcServer)
	assertChild(t, grpcServer, byName(t, tracer, "server-endpoint"))
}
