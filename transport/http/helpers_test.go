package http_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// startServer starts an httptest server that is closed (with its idle
// client connections) when the test ends. net/http's own error log is
// discarded so that deliberate panics do not clutter test output.
func startServer(t testing.TB, h http.Handler) (*httptest.Server, *url.URL) {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = stdlog.New(io.Discard, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return srv, u
}

func testContext(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

type upperRequest struct {
	S string `json:"s" xml:"s"`
}

type upperResponse struct {
	V string `json:"v" xml:"v"`
}

func upperEndpoint(_ context.Context, request any) (any, error) {
	return upperResponse{V: strings.ToUpper(request.(upperRequest).S)}, nil
}

// httpError is an error with a status code, as services usually define.
type httpError struct {
	code int
	err  error
}

func (e httpError) Error() string   { return e.err.Error() }
func (e httpError) Unwrap() error   { return e.err }
func (e httpError) StatusCode() int { return e.code }

// decodeUpper is a careful JSON request decoder: it checks the media type,
// limits the body size and reports bad input as 4xx errors.
func decodeUpper(_ context.Context, r *http.Request) (any, error) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, httpError{http.StatusUnsupportedMediaType, fmt.Errorf("unsupported content type %q", r.Header.Get("Content-Type"))}
	}
	var req upperRequest
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 64))
	if err := dec.Decode(&req); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, err // DefaultErrorEncoder maps it to 413
		}
		return nil, httpError{http.StatusBadRequest, fmt.Errorf("decode request: %w", err)}
	}
	return req, nil
}

// decodeUpperResponse decodes a JSON success body and turns anything else
// into an error carrying the status and the start of the body.
func decodeUpperResponse(_ context.Context, resp *http.Response) (any, error) {
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, strings.TrimSpace(string(b)))
	}
	var res upperResponse
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return nil, fmt.Errorf("decode response: %w", err)
	}
	return res, nil
}
