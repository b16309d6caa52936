package jsonrpc_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/http/jsonrpc"
)

func startServer(t *testing.T, h http.Handler) (*httptest.Server, *url.URL) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return srv, u
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestClientRoundTrip(t *testing.T) {
	t.Parallel()
	var (
		mu  sync.Mutex
		ids []string
	)
	h := jsonrpc.NewServer(codecs(nil), jsonrpc.ServerBeforeCodec(func(ctx context.Context, r *http.Request, req jsonrpc.Request) context.Context {
		b, _ := req.ID.MarshalJSON()
		mu.Lock()
		ids = append(ids, string(b)+" "+r.Header.Get("Content-Type")+" "+r.Header.Get("X-Before"))
		mu.Unlock()
		return ctx
	}), jsonrpc.ServerAfter(httptransport.SetResponseHeader("X-After", "a")))
	srv, u := startServer(t, h)

	var afterSaw string
	var finalErrs []error
	client := jsonrpc.NewClient(u, "sum",
		jsonrpc.SetClient(srv.Client()),
		jsonrpc.ClientRequestIDGenerator(jsonrpc.NewAutoIncrementID(10)),
		jsonrpc.ClientBefore(httptransport.SetRequestHeader("X-Before", "b")),
		jsonrpc.ClientAfter(func(ctx context.Context, resp *http.Response) context.Context {
			afterSaw = resp.Header.Get("X-After")
			return ctx
		}),
		jsonrpc.ClientFinalizer(func(ctx context.Context, err error) {
			if _, ok := ctx.Value(httptransport.ContextKeyResponseHeaders).(http.Header); !ok {
				t.Error("finalizer: no response headers")
			}
			finalErrs = append(finalErrs, err)
		}),
	).Endpoint()

	ctx := testContext(t)
	for i := 0; i < 2; i++ {
		res, err := client(ctx, sumParams{A: 20, B: 22})
		if err != nil || res != float64(42) {
			t.Fatalf("call %d: %v (%T), %v", i, res, res, err)
		}
	}
	if want := "[10 application/json; charset=utf-8 b 11 application/json; charset=utf-8 b]"; strings.Join(ids, " ") != strings.Trim(want, "[]") {
		t.Errorf("server saw %v, want %s", ids, want)
	}
	if afterSaw != "a" || len(finalErrs) != 2 || finalErrs[0] != nil {
		t.Errorf("after %q, finalizer errors %v", afterSaw, finalErrs)
	}
}

func TestClientTypedCodecs(t *testing.T) {
	t.Parallel()
	srv, u := startServer(t, jsonrpc.NewServer(codecs(nil)))
	client := jsonrpc.NewClient(u, "sum",
		jsonrpc.SetClient(srv.Client()),
		jsonrpc.ClientRequestEncoder(func(_ context.Context, req any) (json.RawMessage, error) {
			ab := req.([2]int)
			return json.Marshal(sumParams{A: ab[0], B: ab[1]})
		}),
		jsonrpc.ClientResponseDecoder(func(_ context.Context, res jsonrpc.Response) (any, error) {
			if res.Error != nil {
				return nil, *res.Error
			}
			var n int
			err := json.Unmarshal(res.Result, &n)
			return n, err
		}),
	).Endpoint()
	res, err := client(testContext(t), [2]int{1, 2})
	if err != nil || res != 3 {
		t.Errorf("got %v, %v", res, err)
	}
}

func TestClientErrors(t *testing.T) {
	t.Parallel()
	rpc, rpcURL := startServer(t, jsonrpc.NewServer(codecs(nil)))
	_, htmlURL := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
	}))
	for _, tc := range []struct {
		name    string
		u       *url.URL
		method  string
		req     any
		opts    []jsonrpc.ClientOption
		code    int    // want an Error with this code, or
		errHas  string // an error containing this
		finally bool
	}{
		{name: "method not found", u: rpcURL, method: "nope", req: 1, code: jsonrpc.MethodNotFoundError},
		{name: "invalid params", u: rpcURL, method: "sum", req: "x", code: jsonrpc.InvalidParamsError}, // JSON decode errors are -32602 (Go kit: -32603)
		{name: "service code", u: rpcURL, method: "fail", req: "custom", code: 42},
		{name: "non-JSON body", u: htmlURL, method: "sum", req: 1, errHas: "HTTP status 502"},
		{name: "encoder", u: rpcURL, method: "sum", req: 1, opts: []jsonrpc.ClientOption{
			jsonrpc.ClientRequestEncoder(func(context.Context, any) (json.RawMessage, error) { return nil, errors.New("enc failed") }),
		}, errHas: "enc failed"},
		{name: "unmarshalable request", u: rpcURL, method: "sum", req: func() {}, errHas: "unsupported type"},
		{name: "unmarshalable id", u: rpcURL, method: "sum", req: 1, opts: []jsonrpc.ClientOption{
			jsonrpc.ClientRequestIDGenerator(funcID(func() any { return make(chan int) })),
		}, errHas: "unsupported type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var finalErr error
			opts := append([]jsonrpc.ClientOption{
				jsonrpc.SetClient(rpc.Client()),
				jsonrpc.ClientFinalizer(func(_ context.Context, err error) { finalErr = err }),
			}, tc.opts...)
			_, err := jsonrpc.NewClient(tc.u, tc.method, opts...).Endpoint()(testContext(t), tc.req)
			if err == nil {
				t.Fatal("want an error")
			}
			if finalErr != err {
				t.Errorf("finalizer saw %v, want %v", finalErr, err)
			}
			if tc.code != 0 {
				var rpcErr jsonrpc.Error
				if !errors.As(err, &rpcErr) || rpcErr.Code != tc.code {
					t.Errorf("err = %#v, want a jsonrpc.Error with code %d", err, tc.code)
				}
				return
			}
			if !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("err = %v, want it to contain %q", err, tc.errHas)
			}
		})
	}
}

type funcID func() any

func (f funcID) Generate() any { return f() }

func TestClientBufferedStream(t *testing.T) {
	t.Parallel()
	srv, u := startServer(t, jsonrpc.NewServer(codecs(nil)))
	var body io.ReadCloser
	client := jsonrpc.NewClient(u, "sum",
		jsonrpc.SetClient(nil),
		jsonrpc.SetClient(srv.Client()),
		jsonrpc.BufferedStream(true),
		jsonrpc.ClientAfter(func(ctx context.Context, resp *http.Response) context.Context {
			body = resp.Body
			return ctx
		}),
	).Endpoint()
	if _, err := client(testContext(t), sumParams{1, 1}); err != nil {
		t.Fatal(err)
	}
	// The body was left open for the caller, who closes it.
	if _, err := io.ReadAll(body); err != nil {
		t.Errorf("body closed too early: %v", err)
	}
	if err := body.Close(); err != nil {
		t.Error(err)
	}
}

func TestClientContextCancel(t *testing.T) {
	t.Parallel()
	arrived, release := make(chan struct{}), make(chan struct{})
	srv, u := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // lets net/http watch the connection
		close(arrived)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release) }) // runs before srv.Close
	ctx, cancel := context.WithCancel(testContext(t))
	go func() {
		<-arrived
		cancel()
	}()
	_, err := jsonrpc.NewClient(u, "sum", jsonrpc.SetClient(srv.Client())).Endpoint()(ctx, 1)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestClientBeforeSeesRequestMethod(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"jsonrpc":"2.0","result":1,"id":1}`)
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	got := make(chan any, 1)
	e := jsonrpc.NewClient(u, "add", jsonrpc.ClientBefore(func(ctx context.Context, _ *http.Request) context.Context {
		got <- ctx.Value(jsonrpc.ContextKeyRequestMethod)
		return ctx
	})).Endpoint()
	if _, err := e(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if v := <-got; v != "add" {
		t.Fatalf("ClientBefore saw method %v, want add", v)
	}
}

func TestClientNilTarget(t *testing.T) {
	t.Parallel()
	if _, err := jsonrpc.NewClient(nil, "add").Endpoint()(context.Background(), nil); err == nil {
		t.Fatal("nil target: got nil error, want one (Go kit panics)")
	}
}
