package httprp_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/httprp"
)

// echoBackend answers with what it received.
func echoBackend(t *testing.T) *url.URL {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s %s host=%s xff=%s xfp=%s ua=%q via=%s",
			r.Method, r.URL.RequestURI(), r.Host, r.Header.Get("X-Forwarded-For"),
			r.Header.Get("X-Forwarded-Proto"), r.Header.Get("User-Agent"), r.Header.Get("X-Via"))
	}))
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestServer(t *testing.T) {
	t.Parallel()
	backend := echoBackend(t)
	for _, tc := range []struct {
		name    string
		base    string // path and query of the base URL
		target  string
		headers map[string]string
		want    string
	}{
		{"root", "", "/users/1", nil,
			`GET /users/1 host=example.com xff=192.0.2.1 xfp= ua="" via=gw`},
		{"base path", "/api", "/users/1?x=1", nil,
			`GET /api/users/1?x=1 host=example.com xff=192.0.2.1 xfp= ua="" via=gw`},
		{"base path with slash", "/api/", "/users", nil,
			`GET /api/users host=example.com xff=192.0.2.1 xfp= ua="" via=gw`},
		{"merged query", "/api?key=k", "/q?x=1", nil,
			`GET /api/q?key=k&x=1 host=example.com xff=192.0.2.1 xfp= ua="" via=gw`},
		{"forwarded headers kept", "", "/", map[string]string{"X-Forwarded-For": "10.0.0.1", "X-Forwarded-Proto": "https", "User-Agent": "agent/1"},
			`GET / host=example.com xff=10.0.0.1, 192.0.2.1 xfp=https ua="agent/1" via=gw`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			base, err := url.Parse(backend.String() + tc.base)
			if err != nil {
				t.Fatal(err)
			}
			proxy := httprp.NewServer(base,
				httprp.ServerBefore(httprp.RequestFunc(httptransport.SetRequestHeader("X-Via", "gw"))))
			r := httptest.NewRequest(http.MethodGet, tc.target, nil)
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			proxy.ServeHTTP(rec, r)
			if rec.Code != http.StatusOK || rec.Body.String() != tc.want {
				t.Errorf("got %d %q\nwant %q", rec.Code, rec.Body.String(), tc.want)
			}
		})
	}
}

func TestServerBeforeContext(t *testing.T) {
	t.Parallel()
	backend := echoBackend(t)
	type key struct{}
	var order []string
	proxy := httprp.NewServer(backend,
		httprp.ServerBefore(
			func(ctx context.Context, r *http.Request) context.Context {
				order = append(order, fmt.Sprint("first sees ", ctx.Value(key{})))
				return context.WithValue(ctx, key{}, "set by first")
			},
			func(ctx context.Context, r *http.Request) context.Context {
				order = append(order, fmt.Sprint("second sees ", ctx.Value(key{})))
				return ctx
			},
		))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r = r.WithContext(context.WithValue(r.Context(), key{}, "incoming"))
	rec := httptest.NewRecorder()
	proxy.ServeHTTP(rec, r)
	if got := strings.Join(order, "; "); got != "first sees incoming; second sees set by first" {
		t.Errorf("order: %s", got)
	}
	if rec.Code != http.StatusOK {
		t.Errorf("code %d", rec.Code)
	}

	// The request is proxied with the context the functions return.
	canceling := httprp.NewServer(backend, httprp.ServerBefore(func(ctx context.Context, _ *http.Request) context.Context {
		ctx, cancel := context.WithCancel(ctx)
		cancel()
		return ctx
	}))
	rec = httptest.NewRecorder()
	canceling.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusBadGateway {
		t.Errorf("canceled context: code %d, want 502", rec.Code)
	}
}

func TestServerBackendDown(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	u, _ := url.Parse(srv.URL)
	srv.Close()
	rec := httptest.NewRecorder()
	httprp.NewServer(u).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusBadGateway {
		t.Errorf("code %d, want 502", rec.Code)
	}
}

// TestServerEndToEnd runs the proxy itself on a real listener, with a body.
func TestServerEndToEnd(t *testing.T) {
	t.Parallel()
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %s %s", r.Method, r.URL.Path, b)
	}))
	defer backend.Close()
	u, _ := url.Parse(backend.URL + "/base")
	front := httptest.NewServer(httprp.NewServer(u))
	defer front.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, front.URL+"/x", strings.NewReader("payload"))
	resp, err := front.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if string(b) != "POST /base/x payload" {
		t.Errorf("got %q", b)
	}
}
