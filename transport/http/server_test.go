package http_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

type ctxKey string

func TestServerPipelineOrder(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		steps []string
	)
	step := func(s string) { mu.Lock(); steps = append(steps, s); mu.Unlock() }

	srv := httptransport.NewServer(
		func(ctx context.Context, req any) (any, error) {
			step("endpoint:" + ctx.Value(ctxKey("b")).(string))
			return req, nil
		},
		func(ctx context.Context, r *http.Request) (any, error) {
			step("decode:" + ctx.Value(ctxKey("b")).(string))
			return "req", nil
		},
		func(ctx context.Context, w http.ResponseWriter, res any) error {
			step("encode:" + ctx.Value(ctxKey("a")).(string))
			_, err := io.WriteString(w, res.(string))
			return err
		},
		httptransport.ServerBefore(
			func(ctx context.Context, r *http.Request) context.Context {
				step("before1")
				return context.WithValue(ctx, ctxKey("b"), "x")
			},
			func(ctx context.Context, r *http.Request) context.Context {
				step("before2:" + ctx.Value(ctxKey("b")).(string))
				return ctx
			},
		),
		httptransport.ServerAfter(func(ctx context.Context, w http.ResponseWriter) context.Context {
			step("after")
			w.Header().Set("X-After", "1")
			return context.WithValue(ctx, ctxKey("a"), "y")
		}),
		httptransport.ServerFinalizer(func(ctx context.Context, code int, r *http.Request) {
			step(fmt.Sprintf("finalizer:%d", code))
		}),
	)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))

	want := []string{"before1", "before2:x", "decode:x", "endpoint:x", "after", "encode:y", "finalizer:200"}
	if fmt.Sprint(steps) != fmt.Sprint(want) {
		t.Errorf("steps = %v, want %v", steps, want)
	}
	if got := rec.Body.String(); got != "req" {
		t.Errorf("body = %q", got)
	}
	if got := rec.Header().Get("X-After"); got != "1" {
		t.Errorf("X-After = %q", got)
	}
}

type failedResponse struct{ err error }

func (r failedResponse) Failed() error { return r.err }

var _ endpoint.Failer = failedResponse{}

func TestServerErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	okDec := func(context.Context, *http.Request) (any, error) { return struct{}{}, nil }
	okEnc := func(_ context.Context, w http.ResponseWriter, _ any) error {
		_, err := io.WriteString(w, "ok")
		return err
	}
	okEp := func(context.Context, any) (any, error) { return "fine", nil }

	for _, tc := range []struct {
		name      string
		ep        endpoint.Endpoint
		dec       httptransport.DecodeRequestFunc
		enc       httptransport.EncodeResponseFunc
		wantCode  int
		wantErr   error
		wantAfter bool
	}{
		{"ok", okEp, okDec, okEnc, http.StatusOK, nil, true},
		{"decode", okEp, func(context.Context, *http.Request) (any, error) { return nil, boom }, okEnc, 500, boom, false},
		{"endpoint", func(context.Context, any) (any, error) { return nil, boom }, okDec, okEnc, 500, boom, false},
		// As in Go kit, a Failer response goes to the response encoder, which decides.
		{"failer", func(context.Context, any) (any, error) { return failedResponse{httpError{418, boom}}, nil }, okDec, okEnc, 200, nil, true},
		{"failer nil", func(context.Context, any) (any, error) { return failedResponse{nil}, nil }, okDec, okEnc, 200, nil, true},
		{"encode", okEp, okDec, func(context.Context, http.ResponseWriter, any) error { return httpError{503, boom} }, 503, boom, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var handled []error
			after := false
			srv := httptransport.NewServer(tc.ep, tc.dec, tc.enc,
				httptransport.ServerErrorHandler(transport.ErrorHandlerFunc(func(_ context.Context, err error) {
					handled = append(handled, err)
				})),
				httptransport.ServerAfter(func(ctx context.Context, _ http.ResponseWriter) context.Context {
					after = true
					return ctx
				}),
			)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			if rec.Code != tc.wantCode {
				t.Errorf("code = %d, want %d", rec.Code, tc.wantCode)
			}
			if after != tc.wantAfter {
				t.Errorf("after ran = %v, want %v", after, tc.wantAfter)
			}
			if tc.wantErr == nil {
				if len(handled) != 0 {
					t.Errorf("handled %v, want none", handled)
				}
				return
			}
			if len(handled) != 1 || !errors.Is(handled[0], tc.wantErr) {
				t.Errorf("handled %v, want [%v]", handled, tc.wantErr)
			}
			if got := strings.TrimSpace(rec.Body.String()); got != "boom" {
				t.Errorf("body = %q, want boom", got)
			}
		})
	}
}

func TestServerErrorEncoderOption(t *testing.T) {
	t.Parallel()
	var got error
	srv := httptransport.NewServer(
		func(context.Context, any) (any, error) { return nil, errors.New("nope") },
		httptransport.NopRequestDecoder,
		httptransport.EncodeJSONResponse,
		httptransport.ServerErrorEncoder(func(_ context.Context, err error, w http.ResponseWriter) {
			got = err
			w.WriteHeader(http.StatusTeapot)
		}),
	)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusTeapot || got == nil || got.Error() != "nope" {
		t.Errorf("code %d, err %v", rec.Code, got)
	}
}

func TestServerErrorLogger(t *testing.T) {
	t.Parallel()
	var logged []any
	srv := httptransport.NewServer(
		func(context.Context, any) (any, error) { return nil, errors.New("nope") },
		httptransport.NopRequestDecoder,
		httptransport.EncodeJSONResponse,
		httptransport.ServerErrorLogger(log.LoggerFunc(func(kv ...any) error {
			logged = append(logged, kv...)
			return nil
		})),
	)
	srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	if len(logged) != 2 || logged[0] != "err" || fmt.Sprint(logged[1]) != "nope" {
		t.Errorf("logged %v", logged)
	}
}

type jsonError struct{ Msg string }

func (e jsonError) Error() string { return e.Msg }
func (e jsonError) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"error": e.Msg})
}

type badJSONError struct{}

func (badJSONError) Error() string                { return "bad json" }
func (badJSONError) MarshalJSON() ([]byte, error) { return nil, errors.New("cannot") }

type headerError struct{}

func (headerError) Error() string { return "with headers" }
func (headerError) Headers() http.Header {
	return http.Header{"X-Reason": {"a", "b"}, "Retry-After": {"3"}}
}
func (headerError) StatusCode() int { return http.StatusServiceUnavailable }

func TestDefaultErrorEncoder(t *testing.T) {
	t.Parallel()
	_, tooLarge := io.ReadAll(http.MaxBytesReader(nil, io.NopCloser(strings.NewReader("0123456789")), 4))
	for _, tc := range []struct {
		name        string
		err         error
		code        int
		contentType string
		body        string
		header      http.Header
	}{
		{"plain", errors.New("plain"), 500, "text/plain; charset=utf-8", "plain", nil},
		{"nil", nil, 500, "text/plain; charset=utf-8", "", nil},
		{"status", httpError{404, errors.New("missing")}, 404, "text/plain; charset=utf-8", "missing", nil},
		{"wrapped status", fmt.Errorf("get: %w", httpError{404, errors.New("missing")}), 404, "text/plain; charset=utf-8", "get: missing", nil},
		{"json", jsonError{"bad"}, 500, "application/json; charset=utf-8", `{"error":"bad"}`, nil},
		{"wrapped json", fmt.Errorf("ctx: %w", jsonError{"bad"}), 500, "application/json; charset=utf-8", `{"error":"bad"}`, nil},
		{"failing json", badJSONError{}, 500, "text/plain; charset=utf-8", "bad json", nil},
		{"headers", headerError{}, 503, "text/plain; charset=utf-8", "with headers", http.Header{"X-Reason": {"a", "b"}, "Retry-After": {"3"}}},
		{"wrapped headers", fmt.Errorf("w: %w", headerError{}), 503, "text/plain; charset=utf-8", "w: with headers", http.Header{"X-Reason": {"a", "b"}}},
		{"max bytes", fmt.Errorf("decode: %w", tooLarge), 413, "text/plain; charset=utf-8", "decode: http: request body too large", nil},
		{"status wins over max bytes", httpError{400, tooLarge}, 400, "text/plain; charset=utf-8", "http: request body too large", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			httptransport.DefaultErrorEncoder(context.Background(), tc.err, rec)
			if rec.Code != tc.code {
				t.Errorf("code = %d, want %d", rec.Code, tc.code)
			}
			if got := rec.Header().Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type = %q, want %q", got, tc.contentType)
			}
			if got := rec.Body.String(); got != tc.body {
				t.Errorf("body = %q, want %q", got, tc.body)
			}
			for k, vs := range tc.header {
				if got := rec.Header()[k]; fmt.Sprint(got) != fmt.Sprint(vs) {
					t.Errorf("header %s = %v, want %v", k, got, vs)
				}
			}
		})
	}
}

func TestServerFinalizer(t *testing.T) {
	t.Parallel()
	type result struct {
		code    int
		size    int64
		headers http.Header
	}
	for _, tc := range []struct {
		name string
		enc  httptransport.EncodeResponseFunc
		ep   endpoint.Endpoint
		want result
	}{
		{"implicit 200", func(_ context.Context, w http.ResponseWriter, _ any) error {
			_, err := io.WriteString(w, "hello")
			return err
		}, endpoint.Nop, result{200, 5, nil}},
		{"no body", func(context.Context, http.ResponseWriter, any) error { return nil }, endpoint.Nop, result{200, 0, nil}},
		{"explicit", func(_ context.Context, w http.ResponseWriter, _ any) error {
			w.Header().Set("X-Y", "z")
			w.WriteHeader(http.StatusCreated)
			_, err := io.WriteString(w, "abc")
			return err
		}, endpoint.Nop, result{201, 3, http.Header{"X-Y": {"z"}}}},
		{"informational first", func(_ context.Context, w http.ResponseWriter, _ any) error {
			w.WriteHeader(http.StatusEarlyHints)
			w.WriteHeader(http.StatusAccepted)
			return nil
		}, endpoint.Nop, result{202, 0, nil}},
		{"read from", func(_ context.Context, w http.ResponseWriter, _ any) error {
			_, err := io.Copy(w, strings.NewReader("streamed"))
			return err
		}, endpoint.Nop, result{200, 8, nil}},
		{"error", httptransport.EncodeJSONResponse, func(context.Context, any) (any, error) {
			return nil, httpError{http.StatusConflict, errors.New("conflict")}
		}, result{409, 8, http.Header{"Content-Type": {"text/plain; charset=utf-8"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := make(chan result, 2)
			h := httptransport.NewServer(tc.ep, httptransport.NopRequestDecoder, tc.enc,
				httptransport.ServerFinalizer(
					func(ctx context.Context, code int, r *http.Request) {
						got <- result{code, ctx.Value(httptransport.ContextKeyResponseSize).(int64), ctx.Value(httptransport.ContextKeyResponseHeaders).(http.Header)}
					},
					func(ctx context.Context, code int, r *http.Request) { got <- result{code: code} },
				),
			)
			_, u := startServer(t, h)
			resp, err := http.Get(u.String())
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			r := <-got
			if second := <-got; second.code != r.code {
				t.Errorf("second finalizer code %d, first %d", second.code, r.code)
			}
			if r.code != tc.want.code || r.code != resp.StatusCode {
				t.Errorf("code = %d, want %d (client saw %d)", r.code, tc.want.code, resp.StatusCode)
			}
			if r.size != tc.want.size || r.size != int64(len(body)) {
				t.Errorf("size = %d, want %d (client read %d)", r.size, tc.want.size, len(body))
			}
			for k, vs := range tc.want.headers {
				if fmt.Sprint(r.headers[k]) != fmt.Sprint(vs) {
					t.Errorf("header %s = %v, want %v", k, r.headers[k], vs)
				}
			}
		})
	}
}

// pushRecorder is a ResponseWriter that also implements http.Pusher.
type pushRecorder struct {
	*httptest.ResponseRecorder
	pushed []string
}

func (p *pushRecorder) Push(target string, _ *http.PushOptions) error {
	p.pushed = append(p.pushed, target)
	return nil
}

// bareWriter implements nothing but http.ResponseWriter.
type bareWriter struct{ rec *httptest.ResponseRecorder }

func (b bareWriter) Header() http.Header         { return b.rec.Header() }
func (b bareWriter) Write(p []byte) (int, error) { return b.rec.Write(p) }
func (b bareWriter) WriteHeader(code int)        { b.rec.WriteHeader(code) }

func TestServerFinalizerKeepsInterfaces(t *testing.T) {
	t.Parallel()
	type ifaces struct{ flusher, hijacker, pusher bool }
	probe := func(w http.ResponseWriter) ifaces {
		_, f := w.(http.Flusher)
		_, h := w.(http.Hijacker)
		_, p := w.(http.Pusher)
		return ifaces{f, h, p}
	}
	finalizer := httptransport.ServerFinalizer(func(context.Context, int, *http.Request) {})
	for _, tc := range []struct {
		name string
		w    http.ResponseWriter
	}{
		{"recorder", httptest.NewRecorder()},
		{"pusher", &pushRecorder{ResponseRecorder: httptest.NewRecorder()}},
		{"bare", bareWriter{httptest.NewRecorder()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var inner ifaces
			srv := httptransport.NewServer(endpoint.Nop, httptransport.NopRequestDecoder,
				func(_ context.Context, w http.ResponseWriter, _ any) error {
					inner = probe(w)
					if inner.flusher {
						w.(http.Flusher).Flush()
					}
					if inner.pusher {
						return w.(http.Pusher).Push("/style.css", nil)
					}
					return nil
				}, finalizer)
			srv.ServeHTTP(tc.w, httptest.NewRequest(http.MethodGet, "/", nil))
			if want := probe(tc.w); inner != want {
				t.Errorf("wrapped writer has %+v, original %+v", inner, want)
			}
			if p, ok := tc.w.(*pushRecorder); ok && fmt.Sprint(p.pushed) != "[/style.css]" {
				t.Errorf("pushed %v", p.pushed)
			}
			if r, ok := tc.w.(*httptest.ResponseRecorder); ok && !r.Flushed {
				t.Error("flush did not reach the recorder")
			}
		})
	}
}

func TestServerFinalizerRealConnection(t *testing.T) {
	t.Parallel()
	type probe struct {
		flushErr, deadlineErr error
		hijacked              bool
	}
	got := make(chan probe, 1)
	codes := make(chan int, 1)
	h := httptransport.NewServer(endpoint.Nop, httptransport.NopRequestDecoder,
		func(_ context.Context, w http.ResponseWriter, _ any) error {
			var p probe
			rc := http.NewResponseController(w)
			p.deadlineErr = rc.SetWriteDeadline(time.Now().Add(time.Minute)) // needs Unwrap
			p.flushErr = rc.Flush()
			if _, p.hijacked = w.(http.Hijacker); p.hijacked {
				conn, buf, err := rc.Hijack()
				if err != nil {
					return err
				}
				_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi")
				_ = buf.Flush()
				_ = conn.Close()
			}
			got <- p
			return nil
		},
		httptransport.ServerFinalizer(func(_ context.Context, code int, _ *http.Request) { codes <- code }),
	)
	_, u := startServer(t, h)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	p := <-got
	if p.flushErr != nil || p.deadlineErr != nil || !p.hijacked {
		t.Errorf("probe = %+v", p)
	}
	if c := <-codes; c != http.StatusOK {
		t.Errorf("finalizer code = %d", c)
	}
}

func TestServerBadInput(t *testing.T) {
	t.Parallel()
	h := httptransport.NewServer(upperEndpoint, decodeUpper, httptransport.EncodeJSONResponse)
	for _, tc := range []struct {
		name        string
		contentType string
		body        string
		code        int
		bodyHas     string
	}{
		{"ok", "application/json", `{"s":"go"}`, 200, `{"v":"GO"}`},
		{"ok with charset", "application/json; charset=utf-8", `{"s":"go"}`, 200, `{"v":"GO"}`},
		{"malformed", "application/json", `{"s":`, 400, "decode request: unexpected EOF"},
		{"syntax", "application/json", `{"s" 1}`, 400, "decode request: invalid character"},
		{"wrong type", "application/json", `{"s":1}`, 400, "cannot unmarshal number"},
		{"empty", "application/json", ``, 400, "EOF"},
		{"content type", "text/plain", `{"s":"go"}`, 415, "unsupported content type"},
		{"no content type", "", `{"s":"go"}`, 415, "unsupported content type"},
		{"oversized", "application/json", `{"s":"` + strings.Repeat("a", 100) + `"}`, 413, "request body too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.body))
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != tc.code {
				t.Errorf("code = %d, want %d", rec.Code, tc.code)
			}
			if !strings.Contains(rec.Body.String(), tc.bodyHas) {
				t.Errorf("body = %q, want it to contain %q", rec.Body.String(), tc.bodyHas)
			}
		})
	}
}

// TestServerTruncatedBody sends fewer bytes than the Content-Length
// announces and then half-closes: the decoder sees an unexpected EOF and the
// server still answers.
func TestServerTruncatedBody(t *testing.T) {
	t.Parallel()
	h := httptransport.NewServer(upperEndpoint, decodeUpper, httptransport.EncodeJSONResponse)
	_, u := startServer(t, h)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"s\":\"trunc")
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "unexpected EOF") {
		t.Errorf("got %d %q", resp.StatusCode, body)
	}
}

// TestServerPanic documents that a panicking endpoint is not recovered by
// the Server: net/http aborts that response (the client sees a transport
// error) and keeps serving the next requests.
func TestServerPanic(t *testing.T) {
	t.Parallel()
	h := httptransport.NewServer(
		func(_ context.Context, req any) (any, error) {
			if req.(upperRequest).S == "panic" {
				panic("endpoint exploded")
			}
			return upperEndpoint(context.Background(), req)
		},
		decodeUpper, httptransport.EncodeJSONResponse)
	srv, u := startServer(t, h)
	client := httptransport.NewClient(http.MethodPost, u, httptransport.EncodeJSONRequest, decodeUpperResponse,
		httptransport.SetClient(srv.Client())).Endpoint()
	ctx := testContext(t)

	if _, err := client(ctx, upperRequest{S: "panic"}); err == nil {
		t.Fatal("panicking endpoint: want a transport error")
	}
	for i := 0; i < 3; i++ {
		res, err := client(ctx, upperRequest{S: "still"})
		if err != nil || res.(upperResponse).V != "STILL" {
			t.Fatalf("after panic: %v, %v", res, err)
		}
	}
}
