package opencensus_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"go.opencensus.io/plugin/ochttp/propagation/tracecontext"
	"go.opencensus.io/trace"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/tracing/internal/grpctest"
	"github.com/seedkit/kit/tracing/opencensus"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/http/jsonrpc"
)

type failed struct{ err error }

func (f failed) Failed() error { return f.err }

func TestTraceEndpoint(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	for _, tc := range []struct {
		name     string
		spanName string
		opts     []opencensus.EndpointOption
		resp     any
		err      error
		wantName string
		wantCode int32
		wantMsg  string
		wantAttr map[string]any
	}{
		{name: "ok", spanName: "op", wantName: "op", wantCode: trace.StatusCodeOK},
		{name: "default name", wantName: opencensus.TraceEndpointDefaultName, wantCode: trace.StatusCodeOK},
		{name: "error", spanName: "op", err: errBoom, wantName: "op", wantCode: trace.StatusCodeUnknown, wantMsg: "boom"},
		{name: "business error", spanName: "op", resp: failed{errBoom}, wantName: "op",
			wantCode: trace.StatusCodeUnknown, wantMsg: "boom", wantAttr: map[string]any{"gokit.business.error": "boom"}},
		{name: "ignored business error", spanName: "op", resp: failed{errBoom},
			opts:     []opencensus.EndpointOption{opencensus.WithIgnoreBusinessError(true)},
			wantName: "op", wantCode: trace.StatusCodeOK, wantAttr: map[string]any{"gokit.business.error": "boom"}},
		{name: "attributes", spanName: "op",
			opts: []opencensus.EndpointOption{
				opencensus.WithEndpointAttributes(trace.StringAttribute("a", "1")),
				opencensus.WithSpanAttributes(func(context.Context) []trace.Attribute {
					return []trace.Attribute{trace.Int64Attribute("b", 2)}
				}),
			},
			wantName: "op", wantCode: trace.StatusCodeOK, wantAttr: map[string]any{"a": "1", "b": int64(2)}},
		{name: "span name func", spanName: "op",
			opts: []opencensus.EndpointOption{
				opencensus.WithEndpointConfig(opencensus.EndpointOptions{}),
				opencensus.WithSpanName(func(_ context.Context, n string) string { return n + "-renamed" }),
			},
			wantName: "op-renamed", wantCode: trace.StatusCodeOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, r := root(t)
			e := opencensus.TraceEndpoint(tc.spanName, tc.opts...)(func(ctx context.Context, _ any) (any, error) {
				if trace.FromContext(ctx) == nil {
					t.Error("no span in the endpoint's context")
				}
				return tc.resp, tc.err
			})
			if _, err := e(ctx, nil); !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			r.End()
			spans := exporter.inTrace(r.SpanContext().TraceID)
			s := byName(t, spans, tc.wantName)
			assertChild(t, byName(t, spans, t.Name()+"/root"), s)
			if s.Code != tc.wantCode || s.Message != tc.wantMsg {
				t.Errorf("status (%d, %q), want (%d, %q)", s.Code, s.Message, tc.wantCode, tc.wantMsg)
			}
			for k, v := range tc.wantAttr {
				if s.Attributes[k] != v {
					t.Errorf("attribute %s = %v, want %v", k, s.Attributes[k], v)
				}
			}
		})
	}
}

func TestHTTPHop(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		status   int
		format   opencensus.TracerOption
		wantCode int32
	}{
		{"ok b3", http.StatusOK, nil, trace.StatusCodeOK},
		{"not found tracecontext", http.StatusNotFound, opencensus.WithHTTPPropagation(&tracecontext.HTTPFormat{}), trace.StatusCodeNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(httptransport.NewServer(
				opencensus.TraceEndpoint("server-endpoint")(endpoint.Nop),
				httptransport.NopRequestDecoder,
				func(_ context.Context, w http.ResponseWriter, _ any) error {
					w.WriteHeader(tc.status)
					_, err := io.WriteString(w, "abc")
					return err
				},
				opencensus.HTTPServerTrace(tc.format, opencensus.WithName("server")),
			))
			defer srv.Close()
			target, _ := url.Parse(srv.URL + "/p")
			client := httptransport.NewClient(http.MethodGet, target, httptransport.EncodeJSONRequest,
				func(context.Context, *http.Response) (any, error) { return nil, nil },
				opencensus.HTTPClientTrace(tc.format, opencensus.WithSampler(trace.AlwaysSample())),
			).Endpoint()
			ctx, r := root(t)
			if _, err := client(ctx, nil); err != nil {
				t.Fatal(err)
			}
			r.End()
			spans := exporter.inTrace(r.SpanContext().TraceID)
			clientSpan := byName(t, spans, "GET /p")
			serverSpan := byName(t, spans, "server")
			assertChild(t, byName(t, spans, t.Name()+"/root"), clientSpan)
			assertChild(t, clientSpan, serverSpan)
			assertChild(t, serverSpan, byName(t, spans, "server-endpoint"))
			if !serverSpan.HasRemoteParent {
				t.Error("server span's parent is not remote")
			}
			if clientSpan.Code != tc.wantCode || serverSpan.Code != tc.wantCode {
				t.Errorf("status codes %d, %d, want %d", clientSpan.Code, serverSpan.Code, tc.wantCode)
			}
			if got := serverSpan.Attributes["http.response_size"]; got != int64(3) {
				t.Errorf("response size %v", got)
			}
			if got := clientSpan.Attributes["http.status_code"]; got != int64(tc.status) {
				t.Errorf("client status code attribute %v", got)
			}
		})
	}
}

// A public server starts a new trace linked to the caller's; a public
// client propagates nothing.
func TestHTTPPublic(t *testing.T) {
	t.Parallel()
	name := uniqueName(t, "server")
	srv := httptest.NewServer(httptransport.NewServer(endpoint.Nop, httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		opencensus.HTTPServerTrace(opencensus.IsPublic(true), opencensus.WithName(name)),
	))
	defer srv.Close()
	target, _ := url.Parse(srv.URL)
	for _, public := range []bool{false, true} {
		client := httptransport.NewClient(http.MethodGet, target, httptransport.EncodeJSONRequest,
			func(context.Context, *http.Response) (any, error) { return nil, nil },
			opencensus.HTTPClientTrace(opencensus.IsPublic(public)),
		).Endpoint()
		ctx, r := root(t)
		if _, err := client(ctx, nil); err != nil {
			t.Fatal(err)
		}
		r.End()
	}
	servers := exporter.named(name)
	if len(servers) != 2 {
		t.Fatalf("%d server spans, want 2", len(servers))
	}
	if servers[0].ParentSpanID != (trace.SpanID{}) || len(servers[0].Links) != 1 {
		t.Errorf("first server span: parent %s, links %v; want no parent and one link", servers[0].ParentSpanID, servers[0].Links)
	}
	if len(servers[1].Links) != 0 {
		t.Errorf("second server span links %v, want none", servers[1].Links)
	}
}

// The client finalizer ends only its own span.
func TestHTTPClientEncodeError(t *testing.T) {
	t.Parallel()
	target, _ := url.Parse("http://127.0.0.1:1/")
	client := httptransport.NewClient(http.MethodGet, target,
		func(context.Context, *http.Request, any) error { return errors.New("no") },
		func(context.Context, *http.Response) (any, error) { return nil, nil },
		opencensus.HTTPClientTrace(),
	).Endpoint()
	ctx, r := root(t)
	if _, err := client(ctx, nil); err == nil {
		t.Fatal("want an error")
	}
	if n := len(exporter.inTrace(r.SpanContext().TraceID)); n != 0 {
		t.Fatalf("%d spans ended before the root, want 0", n)
	}
	r.End()
}

func TestGRPCHop(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		err      error
		wantCode int32
	}{
		{"ok", nil, 0},
		{"status", status.Error(codes.NotFound, "gone"), int32(codes.NotFound)},
		{"plain error", errors.New("broken"), int32(codes.Unknown)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := kitgrpc.NewServer(
				opencensus.TraceEndpoint("server-endpoint")(func(_ context.Context, req any) (any, error) { return req, tc.err }),
				grpctest.DecodeString, grpctest.EncodeString,
				opencensus.GRPCServerTrace(),
			)
			cc := grpctest.Start(t, srv)
			client := grpctest.NewClient(cc, opencensus.GRPCClientTrace(opencensus.WithName("client"))).Endpoint()
			ctx, r := root(t)
			_, _ = client(ctx, "x")
			r.End()
			spans := exporter.inTrace(r.SpanContext().TraceID)
			clientSpan := byName(t, spans, "client")
			serverSpan := byName(t, spans, grpctest.FullMethod)
			assertChild(t, clientSpan, serverSpan)
			assertChild(t, serverSpan, byName(t, spans, "server-endpoint"))
			if clientSpan.Code != tc.wantCode {
				t.Errorf("client status %d, want %d", clientSpan.Code, tc.wantCode)
			}
			wantServer := tc.wantCode
			if tc.name == "plain error" {
				wantServer = int32(codes.Internal) // as Go kit: no gRPC status on the server side
			}
			if serverSpan.Code != wantServer {
				t.Errorf("server status %d, want %d", serverSpan.Code, wantServer)
			}
		})
	}
}

func TestJSONRPCHop(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(jsonrpc.NewServer(jsonrpc.EndpointCodecMap{
		"echo": jsonrpc.EndpointCodec{
			Endpoint: opencensus.TraceEndpoint("server-endpoint")(func(_ context.Context, req any) (any, error) { return req, nil }),
			Decode:   func(_ context.Context, m json.RawMessage) (any, error) { return m, nil },
			Encode:   func(_ context.Context, v any) (json.RawMessage, error) { return v.(json.RawMessage), nil },
		},
	}, opencensus.JSONRPCServerTrace()))
	defer srv.Close()
	target, _ := url.Parse(srv.URL + "/rpc")
	client := jsonrpc.NewClient(target, "echo", opencensus.JSONRPCClientTrace(opencensus.WithName("client"))).Endpoint()
	ctx, r := root(t)
	if _, err := client(ctx, []int{1}); err != nil {
		t.Fatal(err)
	}
	r.End()
	spans := exporter.inTrace(r.SpanContext().TraceID)
	clientSpan, serverSpan := byName(t, spans, "client"), byName(t, spans, "echo")
	assertChild(t, clientSpan, serverSpan)
	assertChild(t, serverSpan, byName(t, spans, "server-endpoint"))
	if serverSpan.Code != trace.StatusCodeOK {
		t.Errorf("server status %d", serverSpan.Code)
	}
}

// Each request of a JSON-RPC batch has its own span, all ended.
func TestJSONRPCBatch(t *testing.T) {
	t.Parallel()
	name := uniqueName(t, "server")
	h := jsonrpc.NewServer(jsonrpc.EndpointCodecMap{
		"echo": jsonrpc.EndpointCodec{
			Endpoint: func(_ context.Context, req any) (any, error) { return req, nil },
			Decode:   func(_ context.Context, m json.RawMessage) (any, error) { return m, nil },
			Encode:   func(_ context.Context, v any) (json.RawMessage, error) { return v.(json.RawMessage), nil },
		},
	}, opencensus.JSONRPCServerTrace(opencensus.WithName(name)))
	body := `[{"jsonrpc":"2.0","method":"echo","params":1,"id":1},{"jsonrpc":"2.0","method":"nope","id":2},{"jsonrpc":"2.0","method":"echo","params":2,"id":3}]`
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", bytes.NewBufferString(body)))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if n := len(exporter.named(name)); n != 3 {
		t.Errorf("%d spans, want 3", n)
	}
}
