package zipkin_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter/recorder"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	kitzipkin "github.com/seedkit/kit/tracing/zipkin"
	httptransport "github.com/seedkit/kit/transport/http"
)

func newTracer(t *testing.T, opts ...zipkin.TracerOption) (*zipkin.Tracer, *recorder.ReporterRecorder) {
	t.Helper()
	rec := recorder.NewReporter()
	t.Cleanup(func() { _ = rec.Close() })
	opts = append([]zipkin.TracerOption{zipkin.WithSampler(zipkin.AlwaysSample), zipkin.WithSharedSpans(false)}, opts...)
	tracer, err := zipkin.NewTracer(rec, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return tracer, rec
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func byName(t *testing.T, spans []model.SpanModel, name string) model.SpanModel {
	t.Helper()
	var found []model.SpanModel
	var names []string
	for _, s := range spans {
		names = append(names, s.Name)
		if s.Name == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one span %q, have %d among %q", name, len(found), names)
	}
	return found[0]
}

func assertChild(t *testing.T, parent, child model.SpanModel) {
	t.Helper()
	if child.TraceID != parent.TraceID {
		t.Errorf("%s: trace %s, want %s", child.Name, child.TraceID, parent.TraceID)
	}
	if child.ParentID == nil || *child.ParentID != parent.ID {
		t.Errorf("%s: parent %v, want %s (%s)", child.Name, child.ParentID, parent.ID, parent.Name)
	}
}

func TestTraceEndpoint(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	for _, tc := range []struct {
		name      string
		err       error
		wantError string
	}{
		{"ok", nil, ""},
		{"error", errBoom, "boom"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tracer, rec := newTracer(t)
			var inner zipkin.Span
			e := kitzipkin.TraceEndpoint(tracer, "op")(func(ctx context.Context, req any) (any, error) {
				inner = zipkin.SpanFromContext(ctx)
				return req, tc.err
			})
			parent, ctx := tracer.StartSpanFromContext(testContext(t), "parent")
			if _, err := e(ctx, "x"); !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			parent.Finish()
			spans := rec.Flush()
			op := byName(t, spans, "op")
			assertChild(t, byName(t, spans, "parent"), op)
			if inner == nil || inner.Context().ID != op.ID {
				t.Error("next endpoint did not see the endpoint span")
			}
			if got := op.Tags["error"]; got != tc.wantError {
				t.Errorf("error tag %q, want %q", got, tc.wantError)
			}
		})
	}
}

func TestTraceEndpointRootAndNilTracer(t *testing.T) {
	t.Parallel()
	tracer, rec := newTracer(t)
	if _, err := kitzipkin.TraceEndpoint(tracer, "root")(endpoint.Nop)(testContext(t), nil); err != nil {
		t.Fatal(err)
	}
	if s := byName(t, rec.Flush(), "root"); s.ParentID != nil {
		t.Errorf("root span has parent %v", s.ParentID)
	}
	// A nil tracer traces nothing and does not panic.
	if _, err := kitzipkin.TraceEndpoint(nil, "x")(endpoint.Nop)(testContext(t), nil); err != nil {
		t.Fatal(err)
	}
	for _, o := range []httptransport.ClientOption{kitzipkin.HTTPClientTrace(nil)} {
		o(&httptransport.Client{})
	}
	kitzipkin.HTTPServerTrace(nil)(&httptransport.Server{})
}

// A kit HTTP client calls a kit HTTP server; the client transport span is
// the child of the caller's endpoint span, the server span its child, and
// the server endpoint span the server span's child.
func TestHTTPHop(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		status     int
		wantClient string
		wantServer string
	}{
		{"ok", http.StatusOK, "", ""},
		{"teapot", http.StatusTeapot, "418", "I'm a teapot"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tracer, rec := newTracer(t)
			srv := httptest.NewServer(httptransport.NewServer(
				kitzipkin.TraceEndpoint(tracer, "server-endpoint")(endpoint.Nop),
				httptransport.NopRequestDecoder,
				func(_ context.Context, w http.ResponseWriter, _ any) error {
					w.WriteHeader(tc.status)
					_, err := w.Write([]byte("12345"))
					return err
				},
				kitzipkin.HTTPServerTrace(tracer, kitzipkin.Name("server"), kitzipkin.Tags(map[string]string{"side": "server"})),
			))
			defer srv.Close()
			target, _ := url.Parse(srv.URL + "/things")
			client := kitzipkin.TraceEndpoint(tracer, "client-endpoint")(httptransport.NewClient(http.MethodPut, target,
				httptransport.EncodeJSONRequest,
				func(context.Context, *http.Response) (any, error) { return nil, nil },
				kitzipkin.HTTPClientTrace(tracer, kitzipkin.Tags(map[string]string{"side": "client"})),
			).Endpoint())
			if _, err := client(testContext(t), "req"); err != nil {
				t.Fatal(err)
			}
			spans := rec.Flush()
			clientEndpoint := byName(t, spans, "client-endpoint")
			clientSpan := byName(t, spans, "PUT")
			serverSpan := byName(t, spans, "server")
			serverEndpoint := byName(t, spans, "server-endpoint")
			assertChild(t, clientEndpoint, clientSpan)
			assertChild(t, clientSpan, serverSpan)
			assertChild(t, serverSpan, serverEndpoint)
			if clientSpan.Kind != model.Client || serverSpan.Kind != model.Server {
				t.Errorf("kinds %q, %q", clientSpan.Kind, serverSpan.Kind)
			}
			for tag, want := range map[string]string{"side": "client", "http.method": "PUT", "http.url": target.String(), "error": tc.wantClient} {
				if got := clientSpan.Tags[tag]; got != want {
					t.Errorf("client tag %s = %q, want %q", tag, got, want)
				}
			}
			for tag, want := range map[string]string{"side": "server", "http.path": "/things", "http.status_code": itoa(tc.status), "http.response.size": "5", "error": tc.wantServer} {
				if got := serverSpan.Tags[tag]; got != want {
					t.Errorf("server tag %s = %q, want %q", tag, got, want)
				}
			}
		})
	}
}

func itoa(i int) string {
	b := []byte{}
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func TestHTTPPropagationOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		clientOpts    []kitzipkin.TracerOption
		serverOpts    []kitzipkin.TracerOption
		wantJoined    bool
		wantSampled   bool
		wantB3Headers bool
	}{
		{"propagate", nil, nil, true, true, true},
		{"client does not propagate", []kitzipkin.TracerOption{kitzipkin.AllowPropagation(false)}, nil, false, true, false},
		{"server ignores propagation", nil, []kitzipkin.TracerOption{kitzipkin.AllowPropagation(false)}, false, true, true},
		{"request sampler decides without propagation",
			[]kitzipkin.TracerOption{kitzipkin.AllowPropagation(false)},
			[]kitzipkin.TracerOption{kitzipkin.RequestSampler(func(r *http.Request) bool { return r.URL.Path == "/sampled" })},
			false, false, false},
		{"propagated decision beats request sampler", nil,
			[]kitzipkin.TracerOption{kitzipkin.RequestSampler(func(*http.Request) bool { return false })},
			true, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tracer, rec := newTracer(t)
			var sawB3 bool
			srv := httptest.NewServer(httptransport.NewServer(endpoint.Nop,
				func(_ context.Context, r *http.Request) (any, error) {
					sawB3 = r.Header.Get("X-B3-TraceId") != ""
					return nil, nil
				},
				httptransport.EncodeJSONResponse,
				kitzipkin.HTTPServerTrace(tracer, append(tc.serverOpts, kitzipkin.Name("server"))...),
			))
			defer srv.Close()
			target, _ := url.Parse(srv.URL + "/unsampled")
			client := httptransport.NewClient(http.MethodGet, target, httptransport.EncodeJSONRequest,
				func(context.Context, *http.Response) (any, error) { return nil, nil },
				kitzipkin.HTTPClientTrace(tracer, append(tc.clientOpts, kitzipkin.Name("client"))...),
			).Endpoint()
			if _, err := client(testContext(t), nil); err != nil {
				t.Fatal(err)
			}
			if sawB3 != tc.wantB3Headers {
				t.Errorf("server saw B3 headers: %v, want %v", sawB3, tc.wantB3Headers)
			}
			spans := rec.Flush()
			clientSpan := byName(t, spans, "client")
			var serverSpan *model.SpanModel
			for i := range spans {
				if spans[i].Name == "server" {
					serverSpan = &spans[i]
				}
			}
			if !tc.wantSampled {
				if serverSpan != nil {
					t.Error("unsampled server span was reported")
				}
				return
			}
			if serverSpan == nil {
				t.Fatal("no server span reported")
			}
			if joined := serverSpan.TraceID == clientSpan.TraceID; joined != tc.wantJoined {
				t.Errorf("server joined client trace: %v, want %v", joined, tc.wantJoined)
			}
		})
	}
}

// An encoder failure happens before the client's span exists: the finalizer
// must not finish or flush the caller's span.
func TestHTTPClientEncodeErrorLeavesCallerSpan(t *testing.T) {
	t.Parallel()
	tracer, rec := newTracer(t)
	target, _ := url.Parse("http://127.0.0.1:1/")
	client := httptransport.NewClient(http.MethodGet, target,
		func(context.Context, *http.Request, any) error { return errors.New("no") },
		func(context.Context, *http.Response) (any, error) { return nil, nil },
		kitzipkin.HTTPClientTrace(tracer),
	).Endpoint()
	outer := tracer.StartSpan("outer", zipkin.FlushOnFinish(false))
	if _, err := client(zipkin.NewContext(testContext(t), outer), nil); err == nil {
		t.Fatal("want an error")
	}
	if n := len(rec.Flush()); n != 0 {
		t.Fatalf("%d spans reported, want 0", n)
	}
}

// A transport error is tagged and the span still reported.
func TestHTTPClientTransportError(t *testing.T) {
	t.Parallel()
	tracer, rec := newTracer(t)
	srv := httptest.NewServer(http.NotFoundHandler())
	target, _ := url.Parse(srv.URL)
	srv.Close()
	client := httptransport.NewClient(http.MethodGet, target, httptransport.EncodeJSONRequest,
		func(context.Context, *http.Response) (any, error) { return nil, nil },
		kitzipkin.HTTPClientTrace(tracer),
	).Endpoint()
	if _, err := client(testContext(t), nil); err == nil {
		t.Fatal("want an error")
	}
	if s := byName(t, rec.Flush(), "GET"); s.Tags["error"] == "" {
		t.Error("no error tag")
	}
}

// Malformed B3 headers are logged and the server starts a new trace.
func TestHTTPServerBadHeaders(t *testing.T) {
	t.Parallel()
	tracer, rec := newTracer(t)
	var logs bytes.Buffer
	h := httptransport.NewServer(endpoint.Nop, httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		kitzipkin.HTTPServerTrace(tracer, kitzipkin.Logger(log.NewLogfmtLogger(&logs)), kitzipkin.Logger(nil)))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("X-B3-TraceId", "not-hex")
	r.Header.Set("X-B3-SpanId", "zz")
	h.ServeHTTP(httptest.NewRecorder(), r)
	s := byName(t, rec.Flush(), "GET")
	if s.ParentID != nil {
		t.Errorf("span has parent %v", s.ParentID)
	}
	if logs.Len() == 0 {
		t.Error("extraction error not logged")
	}
}
