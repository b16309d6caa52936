package transportdiff_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	gokittransport "github.com/go-kit/kit/transport"
	gokithttp "github.com/go-kit/kit/transport/http"
	kittransport "github.com/seedkit/kit/transport"
	kithttp "github.com/seedkit/kit/transport/http"
)

// Errors of every shape a service returns. They implement the interfaces
// structurally, so the same value means the same to both implementations.

type statusErr struct{ code int }

func (e statusErr) Error() string   { return fmt.Sprintf("status %d", e.code) }
func (e statusErr) StatusCode() int { return e.code }

type headerErr struct{ h http.Header }

func (e headerErr) Error() string        { return "with headers" }
func (e headerErr) Headers() http.Header { return e.h }

type jsonErr struct{ body string }

func (e jsonErr) Error() string                { return "json error" }
func (e jsonErr) MarshalJSON() ([]byte, error) { return []byte(e.body), nil }

type badJSONErr struct{}

func (badJSONErr) Error() string                { return "cannot marshal" }
func (badJSONErr) MarshalJSON() ([]byte, error) { return nil, errors.New("nope") }

type fullErr struct{}

func (fullErr) Error() string                { return "full" }
func (fullErr) StatusCode() int              { return http.StatusTeapot }
func (fullErr) Headers() http.Header         { return http.Header{"X-Full": {"1", "2"}, "x-lower": {"l"}} }
func (fullErr) MarshalJSON() ([]byte, error) { return []byte(`{"full":true}`), nil }

type statusHeaderErr struct{}

func (statusHeaderErr) Error() string { return "sh" }
func (statusHeaderErr) StatusCode() int {
	return http.StatusUnauthorized
}
func (statusHeaderErr) Headers() http.Header {
	return http.Header{"Www-Authenticate": {`Basic realm="x"`}, "Content-Type": {"text/x-custom"}}
}

// Responses.

type plainResp struct {
	V string `json:"v"`
}

type codedResp struct {
	V    string `json:"v"`
	code int
	h    http.Header
}

func (r codedResp) StatusCode() int      { return r.code }
func (r codedResp) Headers() http.Header { return r.h }

type failerResp struct {
	Err string `json:"err"`
}

func (r failerResp) Failed() error { return errors.New(r.Err) }

// serverSpec describes one server configuration in terms both
// implementations accept.
type serverSpec struct {
	endpoint     func(context.Context, any) (any, error)
	dec          func(context.Context, *http.Request) (any, error)
	enc          func(context.Context, http.ResponseWriter, any) error // nil: the side's EncodeJSONResponse
	before       []func(context.Context, *http.Request) context.Context
	after        []func(context.Context, http.ResponseWriter) context.Context
	errorEncoder func(context.Context, error, http.ResponseWriter)
	setters      bool   // add the side's SetContentType and SetResponseHeader
	sink         string // "handler", "logger" or "" for the error sink
	finalizers   int    // how many recording finalizers
}

func decodeOK(_ context.Context, r *http.Request) (any, error) {
	b, err := io.ReadAll(r.Body)
	return string(b), err
}

func echoEndpoint(ctx context.Context, req any) (any, error) {
	return plainResp{V: fmt.Sprint(req, "|", ctx.Value(ctxKey("before")))}, nil
}

func failWith(err error) func(context.Context, any) (any, error) {
	return func(context.Context, any) (any, error) { return nil, err }
}

func respondWith(resp any) func(context.Context, any) (any, error) {
	return func(context.Context, any) (any, error) { return resp, nil }
}

func beforeValue(v string) func(context.Context, *http.Request) context.Context {
	return func(ctx context.Context, r *http.Request) context.Context {
		return context.WithValue(ctx, ctxKey("before"), v)
	}
}

func afterHeader(k, v string) func(context.Context, http.ResponseWriter) context.Context {
	return func(ctx context.Context, w http.ResponseWriter) context.Context {
		w.Header().Add(k, v)
		return context.WithValue(ctx, ctxKey("after"), v)
	}
}

func kitServer(s serverSpec, ev *events) http.Handler {
	enc := kithttp.EncodeResponseFunc(kithttp.EncodeJSONResponse)
	if s.enc != nil {
		enc = s.enc
	}
	var opts []kithttp.ServerOption
	for _, f := range s.before {
		opts = append(opts, kithttp.ServerBefore(f))
	}
	for _, f := range s.after {
		opts = append(opts, kithttp.ServerAfter(f))
	}
	if s.setters {
		opts = append(opts, kithttp.ServerAfter(kithttp.SetContentType("text/x-set"), kithttp.SetResponseHeader("X-Set", "yes")))
	}
	if s.errorEncoder != nil {
		opts = append(opts, kithttp.ServerErrorEncoder(s.errorEncoder))
	}
	switch s.sink {
	case "handler":
		opts = append(opts, kithttp.ServerErrorHandler(kittransport.ErrorHandlerFunc(func(ctx context.Context, err error) {
			ev.add("handle %v before=%v", err, ctx.Value(ctxKey("before")))
		})))
	case "logger":
		//lint:ignore SA1019 the deprecated option is part of the compared API
		opts = append(opts, kithttp.ServerErrorLogger(recLogger{ev}))
	}
	for i := range s.finalizers {
		opts = append(opts, kithttp.ServerFinalizer(func(ctx context.Context, code int, r *http.Request) {
			ev.add("final%d code=%d headers=%v size=%v(%T) before=%v after=%v path=%s", i, code,
				ctx.Value(kithttp.ContextKeyResponseHeaders), ctx.Value(kithttp.ContextKeyResponseSize),
				ctx.Value(kithttp.ContextKeyResponseSize), ctx.Value(ctxKey("before")), ctx.Value(ctxKey("after")), r.URL.Path)
		}))
	}
	return kithttp.NewServer(s.endpoint, s.dec, enc, opts...)
}

func gokitServer(s serverSpec, ev *events) http.Handler {
	enc := gokithttp.EncodeResponseFunc(gokithttp.EncodeJSONResponse)
	if s.enc != nil {
		enc = s.enc
	}
	var opts []gokithttp.ServerOption
	for _, f := range s.before {
		opts = append(opts, gokithttp.ServerBefore(f))
	}
	for _, f := range s.after {
		opts = append(opts, gokithttp.ServerAfter(f))
	}
	if s.setters {
		opts = append(opts, gokithttp.ServerAfter(gokithttp.SetContentType("text/x-set"), gokithttp.SetResponseHeader("X-Set", "yes")))
	}
	if s.errorEncoder != nil {
		opts = append(opts, gokithttp.ServerErrorEncoder(s.errorEncoder))
	}
	switch s.sink {
	case "handler":
		opts = append(opts, gokithttp.ServerErrorHandler(gokittransport.ErrorHandlerFunc(func(ctx context.Context, err error) {
			ev.add("handle %v before=%v", err, ctx.Value(ctxKey("before")))
		})))
	case "logger":
		opts = append(opts, gokithttp.ServerErrorLogger(recLogger{ev}))
	}
	for i := range s.finalizers {
		opts = append(opts, gokithttp.ServerFinalizer(func(ctx context.Context, code int, r *http.Request) {
			ev.add("final%d code=%d headers=%v size=%v(%T) before=%v after=%v path=%s", i, code,
				ctx.Value(gokithttp.ContextKeyResponseHeaders), ctx.Value(gokithttp.ContextKeyResponseSize),
				ctx.Value(gokithttp.ContextKeyResponseSize), ctx.Value(ctxKey("before")), ctx.Value(ctxKey("after")), r.URL.Path)
		}))
	}
	return gokithttp.NewServer(s.endpoint, s.dec, enc, opts...)
}

// serverCases is the table shared by the recorder and the real-server
// comparisons.
func serverCases() []struct {
	name string
	spec serverSpec
} {
	full := func(s serverSpec) serverSpec {
		s.before = append(s.before, beforeValue("b1"))
		s.after = append(s.after, afterHeader("X-After", "a1"))
		s.sink = "handler"
		s.finalizers = 2
		return s
	}
	return []struct {
		name string
		spec serverSpec
	}{
		{"ok", serverSpec{endpoint: echoEndpoint, dec: decodeOK}},
		{"ok all hooks", full(serverSpec{endpoint: echoEndpoint, dec: decodeOK})},
		{"ok setters", full(serverSpec{endpoint: echoEndpoint, dec: decodeOK, setters: true})},
		{"nop decoder", full(serverSpec{endpoint: echoEndpoint, dec: kithttp.NopRequestDecoder})},
		{"status+headers response", full(serverSpec{dec: decodeOK, endpoint: respondWith(codedResp{V: "c", code: 201, h: http.Header{"X-R": {"1", "2"}, "Content-Type": {"application/x-r"}}})})},
		{"204 response", full(serverSpec{dec: decodeOK, endpoint: respondWith(codedResp{V: "c", code: 204})})},
		{"nil response", full(serverSpec{dec: decodeOK, endpoint: respondWith(nil)})},
		{"failer response", full(serverSpec{dec: decodeOK, endpoint: respondWith(failerResp{Err: "business"})})},
		{"unencodable response", full(serverSpec{dec: decodeOK, endpoint: respondWith(map[string]any{"c": make(chan int)})})},
		{"decode error", full(serverSpec{endpoint: echoEndpoint, dec: func(context.Context, *http.Request) (any, error) { return nil, errors.New("bad request body") }})},
		{"plain error", full(serverSpec{dec: decodeOK, endpoint: failWith(errors.New("boom"))})},
		{"plain error logger", serverSpec{dec: decodeOK, endpoint: failWith(errors.New("boom")), sink: "logger"}},
		{"status error", full(serverSpec{dec: decodeOK, endpoint: failWith(statusErr{404})})},
		{"header error", full(serverSpec{dec: decodeOK, endpoint: failWith(headerErr{http.Header{"X-E": {"1", "2"}, "Retry-After": {"3"}}})})},
		{"json error", full(serverSpec{dec: decodeOK, endpoint: failWith(jsonErr{`{"e":1}`})})},
		{"bad json error", full(serverSpec{dec: decodeOK, endpoint: failWith(badJSONErr{})})},
		{"full error", full(serverSpec{dec: decodeOK, endpoint: failWith(fullErr{})})},
		{"status header error", full(serverSpec{dec: decodeOK, endpoint: failWith(statusHeaderErr{})})},
		{"encoder error", full(serverSpec{dec: decodeOK, endpoint: echoEndpoint, enc: func(context.Context, http.ResponseWriter, any) error { return statusErr{409} }})},
		{"encoder writes nothing", full(serverSpec{dec: decodeOK, endpoint: echoEndpoint, enc: func(context.Context, http.ResponseWriter, any) error { return nil }})},
		{"encoder writes body only", full(serverSpec{dec: decodeOK, endpoint: echoEndpoint, enc: func(_ context.Context, w http.ResponseWriter, _ any) error {
			_, err := io.WriteString(w, "raw body")
			return err
		}})},
		{"custom error encoder", full(serverSpec{dec: decodeOK, endpoint: failWith(errors.New("x")), errorEncoder: func(ctx context.Context, err error, w http.ResponseWriter) {
			w.Header().Set("X-Custom", fmt.Sprint(ctx.Value(ctxKey("before"))))
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprintf(w, "custom: %v", err)
		}})},
		{"multiple before and after", serverSpec{dec: decodeOK, endpoint: echoEndpoint,
			before: []func(context.Context, *http.Request) context.Context{beforeValue("first"), beforeValue("second")},
			after:  []func(context.Context, http.ResponseWriter) context.Context{afterHeader("X-A", "1"), afterHeader("X-A", "2")}, finalizers: 1}},
	}
}

func TestServerRecorder(t *testing.T) {
	t.Parallel()
	for _, tc := range serverCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var kev, gev events
			k := record(kitServer(tc.spec, &kev), httptest.NewRequest(http.MethodPost, "/p", strings.NewReader("in")))
			g := record(gokitServer(tc.spec, &gev), httptest.NewRequest(http.MethodPost, "/p", strings.NewReader("in")))
			same(t, "response", k.String(), g.String())
			same(t, "hook events", kev.get(), gev.get())
		})
	}
}

func TestServerReal(t *testing.T) {
	t.Parallel()
	for _, tc := range serverCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var kev, gev events
			ku := startServer(t, kitServer(tc.spec, &kev))
			gu := startServer(t, gokitServer(tc.spec, &gev))
			k := fetch(t, ku, http.MethodPost, "/p", "in", nil)
			g := fetch(t, gu, http.MethodPost, "/p", "in", nil)
			same(t, "response", k.String(), g.String())
			same(t, "hook events", kev.get(), gev.get())
		})
	}
}

// Wrapped errors: kit looks StatusCoder, Headerer and json.Marshaler up
// through the wrap chain with errors.As (documented on kit's
// DefaultErrorEncoder); Go kit only type-asserts the error itself. This
// pins both behaviours.
func TestDefaultErrorEncoderWrapped(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("wrapped: %w", fullErr{})
	kr, gr := httptest.NewRecorder(), httptest.NewRecorder()
	kithttp.DefaultErrorEncoder(context.Background(), err, kr)
	gokithttp.DefaultErrorEncoder(context.Background(), err, gr)
	if kr.Code != http.StatusTeapot || kr.Body.String() != `{"full":true}` || kr.Header().Get("X-Full") != "1" {
		t.Errorf("kit: %d %v %q", kr.Code, kr.Header(), kr.Body)
	}
	if gr.Code != http.StatusInternalServerError || gr.Body.String() != "wrapped: full" {
		t.Errorf("gokit: %d %v %q", gr.Code, gr.Header(), gr.Body)
	}
}

// An *http.MaxBytesError (a body over http.MaxBytesReader's limit) is 413
// in kit and 500 in Go kit: a documented kit improvement for hostile input.
func TestDefaultErrorEncoderMaxBytes(t *testing.T) {
	t.Parallel()
	err := &http.MaxBytesError{Limit: 1}
	kr, gr := httptest.NewRecorder(), httptest.NewRecorder()
	kithttp.DefaultErrorEncoder(context.Background(), err, kr)
	gokithttp.DefaultErrorEncoder(context.Background(), err, gr)
	same(t, "body", kr.Body.String(), gr.Body.String())
	same(t, "header", kr.Header(), gr.Header())
	if kr.Code != http.StatusRequestEntityTooLarge || gr.Code != http.StatusInternalServerError {
		t.Errorf("codes: kit %d, gokit %d", kr.Code, gr.Code)
	}
}

func TestEncodeJSONResponse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		resp any
		pre  http.Header // headers already on the writer
	}{
		{"struct", plainResp{V: "x"}, nil},
		{"nil", nil, nil},
		{"string", "s<>&", nil},
		{"map", map[string]int{"b": 2, "a": 1}, nil},
		{"status+headers", codedResp{V: "y", code: 202, h: http.Header{"X-H": {"1"}, "Content-Type": {"text/override"}}}, http.Header{"X-H": {"0"}}},
		{"204", codedResp{V: "z", code: 204}, nil},
		{"204 with headers", codedResp{code: 204, h: http.Header{"X-H": {"1"}}}, nil},
		{"500", codedResp{V: "z", code: 500}, nil},
		{"unencodable", make(chan int), nil},
		{"pre-set content type", plainResp{V: "x"}, http.Header{"Content-Type": {"text/pre"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kr, gr := httptest.NewRecorder(), httptest.NewRecorder()
			for k, vs := range tc.pre {
				kr.Header()[k] = append([]string(nil), vs...)
				gr.Header()[k] = append([]string(nil), vs...)
			}
			kerr := kithttp.EncodeJSONResponse(context.Background(), kr, tc.resp)
			gerr := gokithttp.EncodeJSONResponse(context.Background(), gr, tc.resp)
			same(t, "error", fmt.Sprint(kerr), fmt.Sprint(gerr))
			same(t, "code", kr.Code, gr.Code)
			same(t, "header", kr.Header(), gr.Header())
			same(t, "body", kr.Body.String(), gr.Body.String())
		})
	}
}

func TestDefaultErrorEncoder(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		err  error
	}{
		{"plain", errors.New("plain")},
		{"empty message", errors.New("")},
		{"status", statusErr{503}},
		{"header", headerErr{http.Header{"X-A": {"1"}, "Content-Type": {"text/h"}}}},
		{"json", jsonErr{`{"a":[1,2]}`}},
		{"json invalid bytes", jsonErr{`not json`}},
		{"bad json", badJSONErr{}},
		{"full", fullErr{}},
		{"status header", statusHeaderErr{}},
		{"joined", errors.Join(errors.New("a"), errors.New("b"))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kr, gr := httptest.NewRecorder(), httptest.NewRecorder()
			kithttp.DefaultErrorEncoder(context.Background(), tc.err, kr)
			gokithttp.DefaultErrorEncoder(context.Background(), tc.err, gr)
			same(t, "code", kr.Code, gr.Code)
			same(t, "header", kr.Header(), gr.Header())
			same(t, "body", kr.Body.String(), gr.Body.String())
		})
	}
}

func TestResponseFuncs(t *testing.T) {
	t.Parallel()
	kr, gr := httptest.NewRecorder(), httptest.NewRecorder()
	ctx := context.Background()
	for _, w := range []http.ResponseWriter{kr, gr} {
		w.Header().Set("X-Set", "old")
	}
	kithttp.SetContentType("text/k")(ctx, kr)
	kithttp.SetResponseHeader("x-set", "new")(ctx, kr)
	gokithttp.SetContentType("text/k")(ctx, gr)
	gokithttp.SetResponseHeader("x-set", "new")(ctx, gr)
	same(t, "response header", kr.Header(), gr.Header())

	kq := httptest.NewRequest(http.MethodGet, "/", nil)
	gq := httptest.NewRequest(http.MethodGet, "/", nil)
	kq.Header.Add("X-Req", "a")
	gq.Header.Add("X-Req", "a")
	kc := kithttp.SetRequestHeader("x-req", "b")(ctx, kq)
	gc := gokithttp.SetRequestHeader("x-req", "b")(ctx, gq)
	same(t, "request header", kq.Header, gq.Header)
	same(t, "ctx unchanged", kc == ctx, gc == ctx)

	kv, kerr := kithttp.NopRequestDecoder(ctx, kq)
	gv, gerr := gokithttp.NopRequestDecoder(ctx, gq)
	same(t, "nop decoder", fmt.Sprint(kv, kerr), fmt.Sprint(gv, gerr))
}

func TestPopulateRequestContext(t *testing.T) {
	t.Parallel()
	type key struct {
		name  string
		kit   any
		gokit any
	}
	keys := []key{
		{"Method", kithttp.ContextKeyRequestMethod, gokithttp.ContextKeyRequestMethod},
		{"URI", kithttp.ContextKeyRequestURI, gokithttp.ContextKeyRequestURI},
		{"Path", kithttp.ContextKeyRequestPath, gokithttp.ContextKeyRequestPath},
		{"Proto", kithttp.ContextKeyRequestProto, gokithttp.ContextKeyRequestProto},
		{"Host", kithttp.ContextKeyRequestHost, gokithttp.ContextKeyRequestHost},
		{"RemoteAddr", kithttp.ContextKeyRequestRemoteAddr, gokithttp.ContextKeyRequestRemoteAddr},
		{"XForwardedFor", kithttp.ContextKeyRequestXForwardedFor, gokithttp.ContextKeyRequestXForwardedFor},
		{"XForwardedProto", kithttp.ContextKeyRequestXForwardedProto, gokithttp.ContextKeyRequestXForwardedProto},
		{"Authorization", kithttp.ContextKeyRequestAuthorization, gokithttp.ContextKeyRequestAuthorization},
		{"Referer", kithttp.ContextKeyRequestReferer, gokithttp.ContextKeyRequestReferer},
		{"UserAgent", kithttp.ContextKeyRequestUserAgent, gokithttp.ContextKeyRequestUserAgent},
		{"XRequestID", kithttp.ContextKeyRequestXRequestID, gokithttp.ContextKeyRequestXRequestID},
		{"Accept", kithttp.ContextKeyRequestAccept, gokithttp.ContextKeyRequestAccept},
		{"ResponseHeaders", kithttp.ContextKeyResponseHeaders, gokithttp.ContextKeyResponseHeaders},
		{"ResponseSize", kithttp.ContextKeyResponseSize, gokithttp.ContextKeyResponseSize},
	}
	// The keys' underlying values are part of the API shape (iota order).
	for _, k := range keys {
		same(t, "key value "+k.name, fmt.Sprint(k.kit), fmt.Sprint(k.gokit))
	}
	reqs := map[string]func() *http.Request{
		"full": func() *http.Request {
			r := httptest.NewRequest(http.MethodPut, "http://example.test/a/b%20c?q=1", nil)
			r.Header.Set("X-Forwarded-For", "1.2.3.4, 5.6.7.8")
			r.Header.Set("X-Forwarded-Proto", "https")
			r.Header.Set("Authorization", "Bearer t")
			r.Header.Set("Referer", "http://ref")
			r.Header.Set("User-Agent", "ua/1")
			r.Header.Set("X-Request-Id", "rid")
			r.Header.Add("Accept", "a/b")
			r.Header.Add("Accept", "c/d")
			return r
		},
		"bare": func() *http.Request { return httptest.NewRequest(http.MethodGet, "/", nil) },
		"client-side": func() *http.Request {
			r, _ := http.NewRequest(http.MethodGet, "http://h/x", nil)
			return r
		},
	}
	for name, mk := range reqs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			kc := kithttp.PopulateRequestContext(context.Background(), mk())
			gc := gokithttp.PopulateRequestContext(context.Background(), mk())
			for _, k := range keys {
				kv, gv := kc.Value(k.kit), gc.Value(k.gokit)
				same(t, k.name, fmt.Sprintf("%#v", kv), fmt.Sprintf("%#v", gv))
			}
		})
	}
}
