package basic_test

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/seedkit/kit/auth/basic"
	httptransport "github.com/seedkit/kit/transport/http"
)

func basicHeader(userpass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(userpass))
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestAuthMiddleware(t *testing.T) {
	t.Parallel()
	const user, password, realm = "admin", "pa:ss word", "kit realm"
	tests := []struct {
		name   string
		header any // the context value; nil means absent
		ok     bool
	}{
		{"valid", basicHeader("admin:pa:ss word"), true},
		{"scheme is case-insensitive", "bAsIc " + base64.StdEncoding.EncodeToString([]byte("admin:pa:ss word")), true},
		{"missing", nil, false},
		{"not a string", []byte(basicHeader("admin:pa:ss word")), false},
		{"empty", "", false},
		{"other scheme", "Bearer " + base64.StdEncoding.EncodeToString([]byte("admin:pa:ss word")), false},
		{"scheme only", "Basic ", false},
		{"no space after scheme", "Basic" + base64.StdEncoding.EncodeToString([]byte("admin:pa:ss word")), false},
		{"bad base64", "Basic !!!", false},
		{"no colon", basicHeader("adminpass"), false},
		{"wrong user", basicHeader("root:pa:ss word"), false},
		{"wrong password", basicHeader("admin:pa:ss"), false},
		{"user prefix", basicHeader("admi:pa:ss word"), false},
		{"password with suffix", basicHeader("admin:pa:ss words"), false},
		{"empty credentials", basicHeader(":"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			if tt.header != nil {
				ctx = context.WithValue(ctx, httptransport.ContextKeyRequestAuthorization, tt.header)
			}
			called := false
			e := basic.AuthMiddleware(user, password, realm)(func(_ context.Context, req any) (any, error) {
				called = true
				return req, nil
			})
			resp, err := e(ctx, "req")
			if tt.ok {
				if err != nil || resp != "req" || !called {
					t.Errorf("got %v, %v (called %v); want req, nil", resp, err, called)
				}
				return
			}
			var authErr basic.AuthError
			if !errors.As(err, &authErr) || authErr.Realm != realm {
				t.Errorf("got %v (%T), want AuthError{%q}", err, err, realm)
			}
			if called || resp != nil {
				t.Errorf("a rejected call reached the endpoint or returned %v", resp)
			}
		})
	}
}

func TestAuthMiddlewareEmptyCredentials(t *testing.T) {
	t.Parallel()
	e := basic.AuthMiddleware("", "", "r")(func(context.Context, any) (any, error) { return "ok", nil })
	ctx := context.WithValue(testContext(t), httptransport.ContextKeyRequestAuthorization, basicHeader(":"))
	if _, err := e(ctx, nil); err != nil {
		t.Errorf("configured empty credentials: got %v", err)
	}
}

func TestAuthError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		realm, challenge string
	}{
		{"kit", `Basic realm="kit"`},
		{"", `Basic realm=""`},
		{`a "quoted" realm`, `Basic realm="a \"quoted\" realm"`},
		{"line\r\nX-Injected: 1", `Basic realm="line\r\nX-Injected: 1"`},
	}
	for _, tt := range tests {
		t.Run(tt.realm, func(t *testing.T) {
			t.Parallel()
			var err error = basic.AuthError{Realm: tt.realm}
			if got := err.Error(); got != "Unauthorized" {
				t.Errorf("Error: got %q", got)
			}
			var sc httptransport.StatusCoder
			if !errors.As(err, &sc) || sc.StatusCode() != http.StatusUnauthorized {
				t.Errorf("not a StatusCoder with 401")
			}
			var h httptransport.Headerer
			if !errors.As(err, &h) {
				t.Fatal("not a Headerer")
			}
			want := http.Header{
				"Content-Type":           {"text/plain; charset=utf-8"},
				"X-Content-Type-Options": {"nosniff"},
				"WWW-Authenticate":       {tt.challenge},
			}
			got := h.Headers()
			if len(got) != len(want) {
				t.Errorf("Headers: got %v, want %v", got, want)
			}
			for k, v := range want {
				if len(got[k]) != 1 || got[k][0] != v[0] {
					t.Errorf("Headers[%s]: got %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

// TestOverHTTP runs the middleware behind a transport/http server.
func TestOverHTTP(t *testing.T) {
	t.Parallel()
	e := basic.AuthMiddleware("admin", "s3cret", "kit")(func(context.Context, any) (any, error) { return "welcome", nil })
	srv := httptest.NewServer(httptransport.NewServer(e, httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(httptransport.PopulateRequestContext)))
	t.Cleanup(srv.Close)
	tests := []struct {
		name          string
		setAuth       func(*http.Request)
		wantStatus    int
		wantChallenge string
	}{
		{"no credentials", func(*http.Request) {}, http.StatusUnauthorized, `Basic realm="kit"`},
		{"wrong password", func(r *http.Request) { r.SetBasicAuth("admin", "guess") }, http.StatusUnauthorized, `Basic realm="kit"`},
		{"right credentials", func(r *http.Request) { r.SetBasicAuth("admin", "s3cret") }, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req, err := http.NewRequestWithContext(testContext(t), http.MethodGet, srv.URL, nil)
			if err != nil {
				t.Fatal(err)
			}
			tt.setAuth(req)
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			_, _ = io.Copy(io.Discard, resp.Body)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status: got %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if got := resp.Header.Get("WWW-Authenticate"); got != tt.wantChallenge {
				t.Errorf("WWW-Authenticate: got %q, want %q", got, tt.wantChallenge)
			}
		})
	}
}
