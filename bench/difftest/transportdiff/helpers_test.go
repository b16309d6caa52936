package transportdiff_test

import (
	"context"
	"fmt"
	"io"
	stdlog "log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// snapshot is what a client observes of one HTTP response.
type snapshot struct {
	Code   int
	Header http.Header
	Body   string
}

func (s snapshot) String() string {
	keys := make([]string, 0, len(s.Header))
	for k := range s.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%d", s.Code)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%q", k, s.Header[k])
	}
	fmt.Fprintf(&b, " body=%q", s.Body)
	return b.String()
}

// record serves req with h on a ResponseRecorder.
func record(h http.Handler, req *http.Request) snapshot {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return snapshot{Code: res.StatusCode, Header: res.Header, Body: string(b)}
}

// startServer starts a real server for h, closed when the test ends.
func startServer(t testing.TB, h http.Handler) *url.URL {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = stdlog.New(io.Discard, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// fetch sends the request built by mk to u over a real connection and
// returns what the client saw, without the Date header.
func fetch(t testing.TB, u *url.URL, method, path, body string, header http.Header) snapshot {
	t.Helper()
	req, err := http.NewRequestWithContext(testContext(t), method, u.String()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	c := &http.Client{Transport: &http.Transport{}}
	defer c.CloseIdleConnections()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	res.Header.Del("Date")
	return snapshot{Code: res.StatusCode, Header: res.Header, Body: string(b)}
}

func testContext(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func same(t *testing.T, what string, kit, gokit any) {
	t.Helper()
	if !reflect.DeepEqual(kit, gokit) {
		t.Errorf("%s differs:\n  kit:   %v\n  gokit: %v", what, kit, gokit)
	}
}

// events is a concurrency-safe list of strings that hooks append to.
type events struct {
	mu   sync.Mutex
	list []string
}

func (e *events) add(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.list = append(e.list, fmt.Sprintf(format, args...))
}

func (e *events) get() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.list...)
}

// recLogger records its keyvals; it satisfies both kit's and Go kit's
// log.Logger.
type recLogger struct{ ev *events }

func (l recLogger) Log(keyvals ...any) error {
	l.ev.add("log %v", keyvals)
	return nil
}

// ctxKey is the test's own context key type.
type ctxKey string
