package http_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	httptransport "github.com/seedkit/kit/transport/http"
)

func upperHandler() http.Handler {
	return httptransport.NewServer(upperEndpoint, decodeUpper, httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(func(ctx context.Context, r *http.Request) context.Context {
			return context.WithValue(ctx, ctxKey("token"), r.Header.Get("X-Token"))
		}),
		httptransport.ServerAfter(func(ctx context.Context, w http.ResponseWriter) context.Context {
			w.Header().Set("X-Token-Echo", ctx.Value(ctxKey("token")).(string))
			return ctx
		}),
	)
}

func TestClientRoundTrip(t *testing.T) {
	t.Parallel()
	srv, u := startServer(t, upperHandler())

	type final struct {
		err     error
		headers http.Header
		size    int64
	}
	finals := make(chan final, 1)
	var echoed string
	client := httptransport.NewClient(http.MethodPost, u, httptransport.EncodeJSONRequest,
		func(ctx context.Context, resp *http.Response) (any, error) {
			echoed = ctx.Value(ctxKey("echo")).(string)
			return decodeUpperResponse(ctx, resp)
		},
		httptransport.SetClient(srv.Client()),
		httptransport.ClientBefore(httptransport.SetRequestHeader("X-Token", "t0k")),
		httptransport.ClientAfter(func(ctx context.Context, resp *http.Response) context.Context {
			return context.WithValue(ctx, ctxKey("echo"), resp.Header.Get("X-Token-Echo"))
		}),
		httptransport.ClientFinalizer(func(ctx context.Context, err error) {
			h, _ := ctx.Value(httptransport.ContextKeyResponseHeaders).(http.Header)
			n, _ := ctx.Value(httptransport.ContextKeyResponseSize).(int64)
			finals <- final{err, h, n}
		}),
	).Endpoint()

	res, err := client(testContext(t), upperRequest{S: "kit"})
	if err != nil {
		t.Fatal(err)
	}
	if res.(upperResponse).V != "KIT" {
		t.Errorf("response %v", res)
	}
	if echoed != "t0k" {
		t.Errorf("echoed token %q", echoed)
	}
	f := <-finals
	if f.err != nil || f.headers.Get("X-Token-Echo") != "t0k" || f.size != int64(len(`{"v":"KIT"}`+"\n")) {
		t.Errorf("finalizer saw %+v", f)
	}
}

func TestClientErrors(t *testing.T) {
	t.Parallel()
	srv, u := startServer(t, upperHandler())
	closed, cu := startServer(t, upperHandler())
	closed.Close()
	boom := errors.New("boom")

	for _, tc := range []struct {
		name        string
		u           *url.URL
		enc         httptransport.EncodeRequestFunc
		req         any
		wantErr     string
		wantHeaders bool
	}{
		{"encode", u, func(context.Context, *http.Request, any) error { return boom }, upperRequest{}, "boom", false},
		{"unencodable", u, httptransport.EncodeJSONRequest, upperRequest{S: "x"}, "", false}, // sanity: works
		{"json marshal", u, httptransport.EncodeJSONRequest, func() {}, "unsupported type", false},
		{"transport", cu, httptransport.EncodeJSONRequest, upperRequest{}, "connect", false},
		{"server error body", u, httptransport.EncodeJSONRequest, map[string]any{"s": 1}, "status 400: decode request", true},
		{"non-JSON success body", u, func(_ context.Context, r *http.Request, _ any) error {
			r.Header.Set("Content-Type", "text/plain")
			return nil
		}, nil, "status 415: unsupported content type", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var finalErr error
			var sawHeaders bool
			client := httptransport.NewClient(http.MethodPost, tc.u, tc.enc, decodeUpperResponse,
				httptransport.SetClient(srv.Client()),
				httptransport.ClientFinalizer(func(ctx context.Context, err error) {
					finalErr = err
					_, sawHeaders = ctx.Value(httptransport.ContextKeyResponseHeaders).(http.Header)
				}),
			).Endpoint()
			_, err := client(testContext(t), tc.req)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.wantErr)
			}
			if finalErr != err {
				t.Errorf("finalizer err = %v, want %v", finalErr, err)
			}
			if sawHeaders != tc.wantHeaders {
				t.Errorf("finalizer saw headers = %v, want %v", sawHeaders, tc.wantHeaders)
			}
		})
	}
}

// TestClientNonJSONErrorBody: a JSON decoder fed a text/plain error page
// returns an error, it does not panic.
func TestClientNonJSONErrorBody(t *testing.T) {
	t.Parallel()
	srv, u := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<html>upstream down</html>", http.StatusOK)
	}))
	client := httptransport.NewClient(http.MethodGet, u, func(context.Context, *http.Request, any) error { return nil },
		func(_ context.Context, resp *http.Response) (any, error) {
			var v upperResponse
			err := json.NewDecoder(resp.Body).Decode(&v)
			return v, err
		}, httptransport.SetClient(srv.Client())).Endpoint()
	_, err := client(testContext(t), nil)
	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) {
		t.Fatalf("err = %v, want a *json.SyntaxError", err)
	}
}

func TestClientContextCancel(t *testing.T) {
	t.Parallel()
	arrived, release := make(chan struct{}), make(chan struct{})
	srv, u := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		select { // held until the client gives up
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release) }) // runs before srv.Close
	client := httptransport.NewClient(http.MethodGet, u, func(context.Context, *http.Request, any) error { return nil },
		decodeUpperResponse, httptransport.SetClient(srv.Client())).Endpoint()
	ctx, cancel := context.WithCancel(testContext(t))
	go func() {
		<-arrived
		cancel()
	}()
	_, err := client(ctx, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestClientBufferedStream(t *testing.T) {
	t.Parallel()
	const payload = "line 1\nline 2\n"
	srv, u := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, l := range strings.SplitAfter(payload, "\n") {
			_, _ = io.WriteString(w, l)
			w.(http.Flusher).Flush()
		}
	}))
	passBody := func(_ context.Context, resp *http.Response) (any, error) { return resp.Body, nil }
	noop := func(context.Context, *http.Request, any) error { return nil }

	t.Run("buffered", func(t *testing.T) {
		t.Parallel()
		client := httptransport.NewClient(http.MethodGet, u, noop, passBody,
			httptransport.SetClient(srv.Client()), httptransport.BufferedStream(true)).Endpoint()
		res, err := client(testContext(t), nil)
		if err != nil {
			t.Fatal(err)
		}
		body := res.(io.ReadCloser)
		b, err := io.ReadAll(body)
		if err != nil || string(b) != payload {
			t.Errorf("read %q, %v", b, err)
		}
		if err := body.Close(); err != nil {
			t.Error(err)
		}
	})
	t.Run("unbuffered", func(t *testing.T) {
		t.Parallel()
		client := httptransport.NewClient(http.MethodGet, u, noop, passBody,
			httptransport.SetClient(srv.Client())).Endpoint()
		res, err := client(testContext(t), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadAll(res.(io.ReadCloser)); err == nil {
			t.Error("body should be closed once the endpoint returned")
		}
	})
	t.Run("buffered decode error closes", func(t *testing.T) {
		t.Parallel()
		var body io.ReadCloser
		client := httptransport.NewClient(http.MethodGet, u, noop,
			func(_ context.Context, resp *http.Response) (any, error) {
				body = resp.Body
				return nil, errors.New("bad")
			},
			httptransport.SetClient(srv.Client()), httptransport.BufferedStream(true)).Endpoint()
		if _, err := client(testContext(t), nil); err == nil {
			t.Fatal("want error")
		}
		if _, err := io.ReadAll(body); err == nil {
			t.Error("body should be closed after a decode error")
		}
	})
}

func TestNewExplicitClient(t *testing.T) {
	t.Parallel()
	srv, u := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s %s", r.Method, r.URL.Path)
	}))
	client := httptransport.NewExplicitClient(
		func(_ context.Context, request any) (*http.Request, error) {
			// Deliberately built without the endpoint's context.
			return http.NewRequest(http.MethodDelete, u.String()+"/items/"+request.(string), nil)
		},
		func(_ context.Context, resp *http.Response) (any, error) {
			b, err := io.ReadAll(resp.Body)
			return string(b), err
		},
		httptransport.SetClient(nil), // restores http.DefaultClient
		httptransport.SetClient(srv.Client()),
	).Endpoint()
	res, err := client(testContext(t), "42")
	if err != nil || res != "DELETE /items/42" {
		t.Errorf("got %v, %v", res, err)
	}

	ctx, cancel := context.WithCancel(testContext(t))
	cancel()
	if _, err := client(ctx, "1"); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled ctx: err = %v; the request must use the endpoint's context", err)
	}
}

func TestClientNilTarget(t *testing.T) {
	t.Parallel()
	e := httptransport.NewClient("GET", nil, httptransport.EncodeJSONRequest,
		func(context.Context, *http.Response) (any, error) { return nil, nil }).Endpoint()
	if _, err := e(context.Background(), struct{}{}); err == nil {
		t.Fatal("nil target: got nil error, want one (Go kit panics)")
	}
}
