package profilesvc_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/examples/profilesvc"
	"github.com/seedkit/kit/log"
)

// implementations returns every way to reach a fresh service: directly,
// through the logging middleware, through the server endpoints, and over
// HTTP through the client endpoints. They must all behave the same.
func implementations(t *testing.T) map[string]profilesvc.Service {
	t.Helper()
	remote := httptest.NewServer(profilesvc.MakeHTTPHandler(profilesvc.NewInmemService(), log.NewNopLogger()))
	t.Cleanup(remote.Close)
	client, err := profilesvc.MakeClientEndpoints(remote.URL)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]profilesvc.Service{
		"inmem":     profilesvc.NewInmemService(),
		"logging":   profilesvc.LoggingMiddleware(log.NewNopLogger())(profilesvc.NewInmemService()),
		"endpoints": profilesvc.MakeServerEndpoints(profilesvc.NewInmemService()),
		"http":      client,
	}
}

func TestServiceConformance(t *testing.T) {
	t.Parallel()
	for name, svc := range implementations(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			testService(ctx, t, svc)
		})
	}
}

func testService(ctx context.Context, t *testing.T, svc profilesvc.Service) {
	home := profilesvc.Address{ID: "home", Location: "Paris"}
	work := profilesvc.Address{ID: "work", Location: "Lyon"}
	steps := []struct {
		name string
		do   func() error
		want error
	}{
		{"post", func() error { return svc.PostProfile(ctx, profilesvc.Profile{ID: "p1", Name: "Ada"}) }, nil},
		{"post again", func() error { return svc.PostProfile(ctx, profilesvc.Profile{ID: "p1"}) }, profilesvc.ErrAlreadyExists},
		{"post without ID", func() error { return svc.PostProfile(ctx, profilesvc.Profile{Name: "x"}) }, profilesvc.ErrBadRequest},
		{"post dot-dot", func() error { return svc.PostProfile(ctx, profilesvc.Profile{ID: ".."}) }, profilesvc.ErrBadRequest},
		{"get missing", func() error { _, err := svc.GetProfile(ctx, "nope"); return err }, profilesvc.ErrNotFound},
		{"put inconsistent", func() error { return svc.PutProfile(ctx, "p2", profilesvc.Profile{ID: "p3"}) }, profilesvc.ErrInconsistentIDs},
		{"put creates", func() error { return svc.PutProfile(ctx, "p2", profilesvc.Profile{Name: "Bob"}) }, nil},
		{"patch missing", func() error { return svc.PatchProfile(ctx, "nope", profilesvc.Profile{Name: "x"}) }, profilesvc.ErrNotFound},
		{"patch inconsistent", func() error { return svc.PatchProfile(ctx, "p1", profilesvc.Profile{ID: "p2"}) }, profilesvc.ErrInconsistentIDs},
		{"patch name", func() error { return svc.PatchProfile(ctx, "p1", profilesvc.Profile{Name: "Ada L."}) }, nil},
		{"post address", func() error { return svc.PostAddress(ctx, "p1", home) }, nil},
		{"post address again", func() error { return svc.PostAddress(ctx, "p1", home) }, profilesvc.ErrAlreadyExists},
		{"post address without ID", func() error { return svc.PostAddress(ctx, "p1", profilesvc.Address{}) }, profilesvc.ErrBadRequest},
		{"post address to missing", func() error { return svc.PostAddress(ctx, "nope", work) }, profilesvc.ErrNotFound},
		{"post second address", func() error { return svc.PostAddress(ctx, "p1", work) }, nil},
		{"get missing address", func() error { _, err := svc.GetAddress(ctx, "p1", "nope"); return err }, profilesvc.ErrNotFound},
		{"get addresses of missing", func() error { _, err := svc.GetAddresses(ctx, "nope"); return err }, profilesvc.ErrNotFound},
		{"delete address", func() error { return svc.DeleteAddress(ctx, "p1", "work") }, nil},
		{"delete address again", func() error { return svc.DeleteAddress(ctx, "p1", "work") }, profilesvc.ErrNotFound},
		{"delete missing", func() error { return svc.DeleteProfile(ctx, "nope") }, profilesvc.ErrNotFound},
		{"delete p2", func() error { return svc.DeleteProfile(ctx, "p2") }, nil},
	}
	for _, s := range steps {
		if err := s.do(); !errors.Is(err, s.want) || (s.want == nil) != (err == nil) {
			t.Fatalf("%s: err = %v, want %v", s.name, err, s.want)
		}
	}

	p, err := svc.GetProfile(ctx, "p1")
	want := profilesvc.Profile{ID: "p1", Name: "Ada L.", Addresses: []profilesvc.Address{home}}
	if err != nil || !reflect.DeepEqual(p, want) {
		t.Fatalf("GetProfile = %+v, %v; want %+v", p, err, want)
	}
	as, err := svc.GetAddresses(ctx, "p1")
	if err != nil || !reflect.DeepEqual(as, []profilesvc.Address{home}) {
		t.Fatalf("GetAddresses = %+v, %v", as, err)
	}
	a, err := svc.GetAddress(ctx, "p1", "home")
	if err != nil || a != home {
		t.Fatalf("GetAddress = %+v, %v", a, err)
	}
	if _, err := svc.GetProfile(ctx, "p2"); !errors.Is(err, profilesvc.ErrNotFound) {
		t.Fatalf("GetProfile(deleted) err = %v, want ErrNotFound", err)
	}
	// The store hands out copies: changing them changes nothing.
	p.Addresses[0].Location = "changed"
	if again, _ := svc.GetProfile(ctx, "p1"); again.Addresses[0].Location != "Paris" {
		t.Fatalf("the store shares memory with its callers: %+v", again)
	}
	// IDs are path segments on the wire: any ID but "." and ".." goes.
	odd := "a/b c?d%2F"
	if err := svc.PutProfile(ctx, odd, profilesvc.Profile{Name: "odd"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.PostAddress(ctx, odd, profilesvc.Address{ID: odd}); err != nil {
		t.Fatal(err)
	}
	if a, err := svc.GetAddress(ctx, odd, odd); err != nil || a.ID != odd {
		t.Fatalf("GetAddress(%q) = %+v, %v", odd, a, err)
	}
	// PUT replaces everything.
	if err := svc.PutProfile(ctx, "p1", profilesvc.Profile{ID: "p1"}); err != nil {
		t.Fatal(err)
	}
	if as, err := svc.GetAddresses(ctx, "p1"); err != nil || len(as) != 0 {
		t.Fatalf("GetAddresses after PUT = %+v, %v; want none", as, err)
	}
}

// TestIDs checks, on every implementation, that an ID that is not a usable
// path segment is refused with ErrBadRequest, and that any other ID, odd as
// it may be, can be created, read and deleted, also over HTTP.
func TestIDs(t *testing.T) {
	t.Parallel()
	bad := []string{"", ".", "..", "/", "//", "///"}
	good := []string{"a b", "a/b", "a/", "/a", "?x=1", "%zz", "%2F", "#frag", "...", "a/..", "./a", "é", " ", "\x00", "a\nb"}
	for name, svc := range implementations(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := svc.PostProfile(ctx, profilesvc.Profile{ID: "p"}); err != nil {
				t.Fatal(err)
			}
			for _, id := range bad {
				if err := svc.PostProfile(ctx, profilesvc.Profile{ID: id}); !errors.Is(err, profilesvc.ErrBadRequest) {
					t.Errorf("PostProfile(%q) = %v, want ErrBadRequest", id, err)
				}
				if err := svc.PostAddress(ctx, "p", profilesvc.Address{ID: id}); !errors.Is(err, profilesvc.ErrBadRequest) {
					t.Errorf("PostAddress(%q) = %v, want ErrBadRequest", id, err)
				}
			}
			for _, id := range good {
				if err := svc.PostProfile(ctx, profilesvc.Profile{ID: id}); err != nil {
					t.Errorf("PostProfile(%q): %v", id, err)
					continue
				}
				if p, err := svc.GetProfile(ctx, id); err != nil || p.ID != id {
					t.Errorf("GetProfile(%q) = %+v, %v", id, p, err)
				}
				if err := svc.PostAddress(ctx, id, profilesvc.Address{ID: id}); err != nil {
					t.Errorf("PostAddress(%q): %v", id, err)
				}
				if a, err := svc.GetAddress(ctx, id, id); err != nil || a.ID != id {
					t.Errorf("GetAddress(%q) = %+v, %v", id, a, err)
				}
				if err := svc.DeleteAddress(ctx, id, id); err != nil {
					t.Errorf("DeleteAddress(%q): %v", id, err)
				}
				if err := svc.DeleteProfile(ctx, id); err != nil {
					t.Errorf("DeleteProfile(%q): %v", id, err)
				}
			}
		})
	}
}

func TestInmemConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc := profilesvc.NewInmemService()
	if err := svc.PostProfile(ctx, profilesvc.Profile{ID: "p"}); err != nil {
		t.Fatal(err)
	}
	const n = 50
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			id := fmt.Sprint("a", i)
			if err := svc.PostAddress(ctx, "p", profilesvc.Address{ID: id}); err != nil {
				t.Error(err)
			}
			if _, err := svc.GetProfile(ctx, "p"); err != nil {
				t.Error(err)
			}
			if err := svc.PatchProfile(ctx, "p", profilesvc.Profile{Name: id}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	as, err := svc.GetAddresses(ctx, "p")
	if err != nil || len(as) != n {
		t.Fatalf("got %d addresses (%v), want %d: an update was lost", len(as), err, n)
	}
}

func TestLoggingMiddleware(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var logged [][]any
	logger := log.LoggerFunc(func(kv ...any) error {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, kv)
		return nil
	})
	svc := profilesvc.LoggingMiddleware(logger)(profilesvc.NewInmemService())
	_, err := svc.GetProfile(context.Background(), "missing")
	if len(logged) != 1 {
		t.Fatalf("logged %d lines, want 1", len(logged))
	}
	kv := logged[0]
	if kv[0] != "method" || kv[1] != "GetProfile" || kv[2] != "id" || kv[3] != "missing" || kv[len(kv)-1] != err {
		t.Fatalf("logged %v", kv)
	}
}

func TestHTTPStatusCodes(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(profilesvc.MakeHTTPHandler(profilesvc.NewInmemService(), nil))
	defer srv.Close()
	tests := []struct {
		method, path, body string
		wantCode           int
		wantBody           string
	}{
		{"POST", "/profiles", `{"id":"p1","name":"Ada"}`, 200, `{}`},
		{"POST", "/profiles/", `{"id":"p2"}`, 200, `{}`},
		{"POST", "/profiles", `{"id":"p1"}`, 409, `{"error":"profile \"p1\": already exists"}`},
		{"POST", "/profiles", `{"id":`, 400, ""},
		{"POST", "/profiles", `{"id":"x","nmae":"typo"}`, 400, ""},
		{"POST", "/profiles", `{"id":"x"} {"id":"y"}`, 400, `{"error":"bad request: data after the JSON body"}`},
		{"GET", "/profiles/p1", "", 200, `{"profile":{"id":"p1","name":"Ada"}}`},
		{"GET", "/profiles/nope", "", 404, `{"error":"profile \"nope\": not found"}`},
		{"PUT", "/profiles/p1", `{"id":"p2"}`, 400, `{"error":"inconsistent IDs"}`},
		{"PATCH", "/profiles/p1", `{"name":"Ada L."}`, 200, `{}`},
		{"POST", "/profiles/p1/addresses", `{"id":"home","location":"Paris"}`, 200, `{}`},
		{"GET", "/profiles/p1/addresses/", "", 200, `{"addresses":[{"id":"home","location":"Paris"}]}`},
		{"GET", "/profiles/p1/addresses/home", "", 200, `{"address":{"id":"home","location":"Paris"}}`},
		{"DELETE", "/profiles/p1/addresses/home", "", 200, `{}`},
		{"DELETE", "/profiles/p1/addresses/home", "", 404, ""},
		{"GET", "/profiles/p1/addresses", "", 200, `{"addresses":[]}`},
		{"DELETE", "/profiles/p1", "", 200, `{}`},
		{"PATCH", "/profiles", "", 405, ""},
		{"GET", "/unknown", "", 404, ""},
		// IDs that could be created but never read back over HTTP.
		{"POST", "/profiles", `{"id":"/"}`, 400, `{"error":"bad request: invalid profile ID \"/\""}`},
		{"POST", "/profiles", `{"id":"//"}`, 400, ""},
		{"POST", "/profiles", `{"id":"."}`, 400, ""},
		{"POST", "/profiles", `{"id":"q","addresses":[{"id":"/"}]}`, 400, ""},
		{"POST", "/profiles", `{"id":"q"}`, 200, `{}`},
		{"POST", "/profiles/q/addresses", `{"id":"/"}`, 400, `{"error":"bad request: invalid address ID \"/\""}`},
	}
	for _, tt := range tests {
		req, err := http.NewRequest(tt.method, srv.URL+tt.path, stringsReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readAll(t, resp)
		if resp.StatusCode != tt.wantCode || (tt.wantBody != "" && body != tt.wantBody) {
			t.Errorf("%s %s %s: %d %s; want %d %s", tt.method, tt.path, tt.body, resp.StatusCode, body, tt.wantCode, tt.wantBody)
		}
	}
}

func TestHTTPBodyTooLarge(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(profilesvc.MakeHTTPHandler(profilesvc.NewInmemService(), nil))
	defer srv.Close()
	big := `{"id":"x","name":"` + strings.Repeat("a", 2<<20) + `"}`
	resp, err := srv.Client().Post(srv.URL+"/profiles", "application/json", stringsReader(big))
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
}
