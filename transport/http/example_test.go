package http_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	httptransport "github.com/seedkit/kit/transport/http"
)

// A server and a client for the same endpoint, talking over a local
// httptest server.
func Example() {
	uppercase := func(_ context.Context, request any) (any, error) {
		return map[string]string{"v": strings.ToUpper(request.(map[string]string)["s"])}, nil
	}
	decodeRequest := func(_ context.Context, r *http.Request) (any, error) {
		var req map[string]string
		err := json.NewDecoder(r.Body).Decode(&req)
		return req, err
	}
	srv := httptest.NewServer(httptransport.NewServer(uppercase, decodeRequest, httptransport.EncodeJSONResponse))
	defer srv.Close()

	target, _ := url.Parse(srv.URL)
	decodeResponse := func(_ context.Context, resp *http.Response) (any, error) {
		var res map[string]string
		err := json.NewDecoder(resp.Body).Decode(&res)
		return res, err
	}
	call := httptransport.NewClient(http.MethodPost, target, httptransport.EncodeJSONRequest, decodeResponse).Endpoint()

	res, err := call(context.Background(), map[string]string{"s": "hello"})
	fmt.Println(res, err)
	// Output: map[v:HELLO] <nil>
}

type notFound struct{ id string }

func (e notFound) Error() string   { return "no item " + e.id }
func (e notFound) StatusCode() int { return http.StatusNotFound }

// DefaultErrorEncoder finds a StatusCoder even when the error was wrapped.
func ExampleDefaultErrorEncoder() {
	getItem := func(_ context.Context, request any) (any, error) {
		return nil, fmt.Errorf("get item: %w", notFound{request.(string)})
	}
	h := httptransport.NewServer(getItem,
		func(_ context.Context, r *http.Request) (any, error) { return r.URL.Query().Get("id"), nil },
		httptransport.EncodeJSONResponse)

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/item?id=7", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	// Output: 404 text/plain; charset=utf-8 get item: no item 7
}

// A finalizer sees the status code and response size, for access logs.
func ExampleServerFinalizer() {
	h := httptransport.NewServer(
		func(context.Context, any) (any, error) { return map[string]int{"n": 42}, nil },
		httptransport.NopRequestDecoder,
		httptransport.EncodeJSONResponse,
		httptransport.ServerFinalizer(func(ctx context.Context, code int, r *http.Request) {
			size := ctx.Value(httptransport.ContextKeyResponseSize).(int64)
			fmt.Println(r.Method, r.URL.Path, code, size)
		}),
	)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/answer", nil))
	// Output: GET /answer 200 9
}

// PopulateRequestContext makes request metadata available to endpoints.
func ExamplePopulateRequestContext() {
	h := httptransport.NewServer(
		func(ctx context.Context, _ any) (any, error) {
			return ctx.Value(httptransport.ContextKeyRequestXRequestID), nil
		},
		httptransport.NopRequestDecoder,
		httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(httptransport.PopulateRequestContext),
	)
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("X-Request-Id", "abc-123")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	fmt.Print(rec.Body.String())
	// Output: "abc-123"
}

// A decoder limits the body with http.MaxBytesReader; DefaultErrorEncoder
// answers 413 when the limit is exceeded.
func ExampleDefaultErrorEncoder_maxBytes() {
	decode := func(_ context.Context, r *http.Request) (any, error) {
		b, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, 8))
		if err != nil {
			return nil, fmt.Errorf("read body: %w", err)
		}
		return string(b), nil
	}
	h := httptransport.NewServer(func(_ context.Context, req any) (any, error) { return req, nil },
		decode, httptransport.EncodeJSONResponse)

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("far too long for eight bytes")))
	fmt.Println(rec.Code, rec.Body.String())
	// Output: 413 read body: http: request body too large
}

// A service error can carry its own JSON body and headers.
func ExampleHeaderer() {
	h := httptransport.NewServer(
		func(context.Context, any) (any, error) { return nil, errors.Join(rateLimited{}) },
		httptransport.NopRequestDecoder,
		httptransport.EncodeJSONResponse,
	)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Body.String())
	// Output: 429 30 {"error":"slow down"}
}

type rateLimited struct{}

func (rateLimited) Error() string                { return "slow down" }
func (rateLimited) StatusCode() int              { return http.StatusTooManyRequests }
func (rateLimited) Headers() http.Header         { return http.Header{"Retry-After": {"30"}} }
func (rateLimited) MarshalJSON() ([]byte, error) { return []byte(`{"error":"slow down"}`), nil }
