package opentelemetry_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/tracing/opentelemetry"
	httptransport "github.com/seedkit/kit/transport/http"
)

func decodeString(_ context.Context, r *http.Response) (any, error) {
	var s string
	err := json.NewDecoder(r.Body).Decode(&s)
	return s, err
}

func decodeNothing(context.Context, *http.Response) (any, error) { return nil, nil }

// The middleware-plus-propagation layout: TraceClient and ContextToHTTP on
// the client, HTTPToContext and TraceServer on the server.
func TestHTTPPropagationHop(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	provider := opentelemetry.WithTracerProvider(tp)

	var gotBaggage string
	srvEndpoint := opentelemetry.TraceServer("server", provider)(func(ctx context.Context, _ any) (any, error) {
		gotBaggage = baggage.FromContext(ctx).Member("user").Value()
		return "ok", nil
	})
	srv := httptest.NewServer(httptransport.NewServer(srvEndpoint,
		httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(opentelemetry.HTTPToContext()),
	))
	defer srv.Close()

	target, _ := url.Parse(srv.URL)
	client := opentelemetry.TraceClient("client", provider)(httptransport.NewClient(http.MethodGet, target,
		httptransport.EncodeJSONRequest, decodeString,
		httptransport.ClientBefore(opentelemetry.ContextToHTTP()),
	).Endpoint())

	member, _ := baggage.NewMember("user", "alice")
	bag, _ := baggage.New(member)
	ctx, root := tp.Tracer("test").Start(baggage.ContextWithBaggage(testContext(t), bag), "root")
	res, err := client(ctx, nil)
	root.End()
	if err != nil || res != "ok" {
		t.Fatalf("call: (%v, %v)", res, err)
	}

	rootSpan, clientSpan, serverSpan := spanNamed(t, rec, "root"), spanNamed(t, rec, "client"), spanNamed(t, rec, "server")
	assertChild(t, rootSpan, clientSpan)
	assertChild(t, clientSpan, serverSpan)
	if !serverSpan.Parent().IsRemote() {
		t.Error("server span's parent is not remote")
	}
	if kindOf(clientSpan) != trace.SpanKindClient || kindOf(serverSpan) != trace.SpanKindServer {
		t.Errorf("kinds %v, %v", kindOf(clientSpan), kindOf(serverSpan))
	}
	if gotBaggage != "alice" {
		t.Errorf("baggage user=%q, want alice", gotBaggage)
	}
}

// The transport-option layout: HTTPClientTrace and HTTPServerTrace, with an
// endpoint span inside the server span.
func TestHTTPTraceOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name             string
		status           int
		wantClientStatus codes.Code
		wantServerStatus codes.Code
	}{
		{"ok", http.StatusOK, codes.Unset, codes.Unset},
		{"not found", http.StatusNotFound, codes.Error, codes.Unset},
		{"internal error", http.StatusInternalServerError, codes.Error, codes.Error},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tp, rec := newProvider(t)
			provider := opentelemetry.WithTracerProvider(tp)
			e := opentelemetry.TraceEndpoint("endpoint", provider)(endpoint.Nop)
			srv := httptest.NewServer(httptransport.NewServer(e,
				httptransport.NopRequestDecoder,
				func(_ context.Context, w http.ResponseWriter, _ any) error {
					w.WriteHeader(tc.status)
					_, err := io.WriteString(w, "body")
					return err
				},
				opentelemetry.HTTPServerTrace(provider, opentelemetry.WithName("server")),
			))
			defer srv.Close()
			target, _ := url.Parse(srv.URL + "/path")
			client := httptransport.NewClient(http.MethodPost, target, httptransport.EncodeJSONRequest, decodeNothing,
				opentelemetry.HTTPClientTrace(provider),
			).Endpoint()

			ctx, root := tp.Tracer("test").Start(testContext(t), "root")
			if _, err := client(ctx, "x"); err != nil {
				t.Fatal(err)
			}
			root.End()

			clientSpan, serverSpan, endpointSpan := spanNamed(t, rec, "POST"), spanNamed(t, rec, "server"), spanNamed(t, rec, "endpoint")
			assertChild(t, spanNamed(t, rec, "root"), clientSpan)
			assertChild(t, clientSpan, serverSpan)
			assertChild(t, serverSpan, endpointSpan)
			if got := clientSpan.Status().Code; got != tc.wantClientStatus {
				t.Errorf("client status %v, want %v", got, tc.wantClientStatus)
			}
			if got := serverSpan.Status().Code; got != tc.wantServerStatus {
				t.Errorf("server status %v, want %v", got, tc.wantServerStatus)
			}
			for _, s := range []sdktrace.ReadOnlySpan{clientSpan, serverSpan} {
				if v, ok := attr(s, "http.response.status_code"); !ok || v.AsInt64() != int64(tc.status) {
					t.Errorf("%s: http.response.status_code = %v, want %d", s.Name(), v.AsInt64(), tc.status)
				}
				if v, _ := attr(s, "http.request.method"); v.AsString() != http.MethodPost {
					t.Errorf("%s: http.request.method = %q", s.Name(), v.AsString())
				}
			}
			if v, _ := attr(serverSpan, "url.path"); v.AsString() != "/path" {
				t.Errorf("server url.path = %q", v.AsString())
			}
			if v, _ := attr(clientSpan, "url.full"); v.AsString() != target.String() {
				t.Errorf("client url.full = %q, want %q", v.AsString(), target)
			}
		})
	}
}

// A public server starts a new trace and links the caller's span context; a
// public client propagates nothing.
func TestHTTPPublicEndpoint(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	provider := opentelemetry.WithTracerProvider(tp)
	var sawHeader string
	srv := httptest.NewServer(httptransport.NewServer(endpoint.Nop,
		func(_ context.Context, r *http.Request) (any, error) {
			sawHeader = r.Header.Get("traceparent")
			return nil, nil
		},
		httptransport.EncodeJSONResponse,
		opentelemetry.HTTPServerTrace(provider, opentelemetry.WithName("server"), opentelemetry.WithPublicEndpoint(true)),
	))
	defer srv.Close()
	target, _ := url.Parse(srv.URL)

	for _, public := range []bool{false, true} {
		client := httptransport.NewClient(http.MethodGet, target, httptransport.EncodeJSONRequest, decodeNothing,
			opentelemetry.HTTPClientTrace(provider, opentelemetry.WithName("client"), opentelemetry.WithPublicEndpoint(public)),
		).Endpoint()
		if _, err := client(testContext(t), nil); err != nil {
			t.Fatal(err)
		}
		if got := sawHeader != ""; got == public {
			t.Errorf("public client %v: server saw traceparent %q", public, sawHeader)
		}
	}
	var clients, servers []sdktrace.ReadOnlySpan
	for _, s := range rec.Ended() {
		switch s.Name() {
		case "client":
			clients = append(clients, s)
		case "server":
			servers = append(servers, s)
		}
	}
	if len(clients) != 2 || len(servers) != 2 {
		t.Fatalf("have %d client and %d server spans, want 2 and 2", len(clients), len(servers))
	}
	// First call: propagated, so the public server links it.
	if servers[0].Parent().IsValid() {
		t.Error("public server span has a parent")
	}
	if links := servers[0].Links(); len(links) != 1 || links[0].SpanContext.SpanID() != clients[0].SpanContext().SpanID() {
		t.Errorf("public server span links %v, want the client span", links)
	}
	if servers[0].SpanContext().TraceID() == clients[0].SpanContext().TraceID() {
		t.Error("public server continued the caller's trace")
	}
	// Second call: nothing propagated, nothing linked.
	if links := servers[1].Links(); len(links) != 0 {
		t.Errorf("links %v, want none", links)
	}
}

// A client call that fails before its request exists has no span, and the
// client's finalizer does not end the span of the surrounding context.
func TestHTTPClientTraceEncodeError(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	errEncode := errors.New("cannot encode")
	target, _ := url.Parse("http://127.0.0.1:1/")
	client := httptransport.NewClient(http.MethodGet, target,
		func(context.Context, *http.Request, any) error { return errEncode }, decodeNothing,
		opentelemetry.HTTPClientTrace(opentelemetry.WithTracerProvider(tp)),
	).Endpoint()
	ctx, outer := tp.Tracer("test").Start(testContext(t), "outer")
	if _, err := client(ctx, nil); !errors.Is(err, errEncode) {
		t.Fatalf("err %v, want %v", err, errEncode)
	}
	if n := len(rec.Ended()); n != 0 {
		t.Fatalf("%d spans ended, want 0", n)
	}
	outer.End()
}

// A transport error fails the client span and still ends it.
func TestHTTPClientTraceTransportError(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	srv := httptest.NewServer(http.NotFoundHandler())
	target, _ := url.Parse(srv.URL)
	srv.Close() // connection refused from now on
	client := httptransport.NewClient(http.MethodGet, target, httptransport.EncodeJSONRequest, decodeNothing,
		opentelemetry.HTTPClientTrace(opentelemetry.WithTracerProvider(tp), opentelemetry.WithName("client")),
	).Endpoint()
	if _, err := client(testContext(t), nil); err == nil {
		t.Fatal("want an error")
	}
	s := spanNamed(t, rec, "client")
	if s.Status().Code != codes.Error || len(s.Events()) != 1 {
		t.Errorf("status %v with %d events, want Error with 1", s.Status(), len(s.Events()))
	}
}

// Malformed or absent trace headers start a new trace instead of failing.
func TestHTTPToContextBadHeaders(t *testing.T) {
	t.Parallel()
	for _, tp := range []string{"", "garbage", "00-00000000000000000000000000000000-0000000000000000-01", "ff-" + string(make([]byte, 80))} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if tp != "" {
			r.Header.Set("traceparent", tp)
		}
		ctx := opentelemetry.HTTPToContext()(testContext(t), r)
		if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
			t.Errorf("traceparent %q: extracted %v", tp, sc)
		}
	}
}

// A custom propagator replaces the default one.
func TestHTTPWithPropagator(t *testing.T) {
	t.Parallel()
	tp, _ := newProvider(t)
	ctx, span := tp.Tracer("test").Start(testContext(t), "s")
	defer span.End()
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	opentelemetry.ContextToHTTP(opentelemetry.WithPropagator(propagation.Baggage{}))(ctx, r)
	if h := r.Header.Get("traceparent"); h != "" {
		t.Errorf("baggage-only propagator wrote traceparent %q", h)
	}
	opentelemetry.ContextToHTTP()(ctx, r)
	if h := r.Header.Get("traceparent"); h == "" {
		t.Error("default propagator wrote no traceparent")
	}
}

// TestHTTPInjectNilHeader is a regression test: injecting into a request
// whose Header is nil (built by hand, or cleared by an encoder) panicked.
func TestHTTPInjectNilHeader(t *testing.T) {
	t.Parallel()
	t.Run("ContextToHTTP", func(t *testing.T) {
		t.Parallel()
		tp, _ := newProvider(t)
		ctx, span := tp.Tracer("test").Start(testContext(t), "s")
		defer span.End()
		r := &http.Request{Method: http.MethodGet, URL: &url.URL{Scheme: "http", Host: "example"}}
		opentelemetry.ContextToHTTP()(ctx, r)
		if r.Header.Get("traceparent") == "" {
			t.Fatalf("no traceparent injected: %v", r.Header)
		}
		opentelemetry.ContextToHTTP()(ctx, nil) // nothing to inject into
	})
	t.Run("HTTPClientTrace", func(t *testing.T) {
		t.Parallel()
		tp, rec := newProvider(t)
		got := make(chan string, 1)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got <- r.Header.Get("traceparent")
		}))
		defer srv.Close()
		target, _ := url.Parse(srv.URL)
		clearHeader := func(_ context.Context, r *http.Request, _ any) error {
			r.Header = nil
			return nil
		}
		client := httptransport.NewClient(http.MethodGet, target, clearHeader, decodeNothing,
			opentelemetry.HTTPClientTrace(opentelemetry.WithTracerProvider(tp), opentelemetry.WithName("client")),
		).Endpoint()
		if _, err := client(testContext(t), nil); err != nil {
			t.Fatal(err)
		}
		want := spanNamed(t, rec, "client").SpanContext().TraceID().String()
		if tp := <-got; len(tp) < 35 || tp[3:35] != want {
			t.Fatalf("server saw traceparent %q, want trace %s", tp, want)
		}
	})
}
