package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

func TestEndToEnd(t *testing.T) {
	t.Parallel()
	svc := start(t, "-http-addr", "127.0.0.1:0")
	client := &http.Client{Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()

	tests := []struct {
		path, body string
		wantCode   int
		wantBody   string
	}{
		{"/uppercase", `{"s":"hello, world"}`, 200, `{"v":"HELLO, WORLD"}`},
		{"/uppercase", `{"s":"kit"}`, 200, `{"v":"KIT"}`},
		{"/uppercase", `{"s":""}`, 200, `{"v":"","err":"empty string"}`},
		{"/count", `{"s":"hello, world"}`, 200, `{"v":12}`},
		{"/count", `{"s":"abc"}`, 200, `{"v":3}`},
		{"/count", `{"s":`, 400, ""},
		{"/uppercase", `not json`, 400, ""},
		{"/count", `[1,2]`, 400, ""},
		{"/nowhere", `{}`, 404, ""},
	}
	for _, tt := range tests {
		code, body := post(t, client, "http://"+svc.addr+tt.path, tt.body)
		if code != tt.wantCode || (tt.wantBody != "" && body != tt.wantBody) {
			t.Errorf("POST %s %s: %d %s; want %d %s", tt.path, tt.body, code, body, tt.wantCode, tt.wantBody)
		}
	}

	// Requests that failed to decode never reached the service, so they
	// are neither counted nor logged.
	got := scrape(t, client, "http://"+svc.addr+"/metrics")
	for series, want := range map[string]float64{
		`stringsvc_requests_total{error="false",method="uppercase"}`:             2,
		`stringsvc_requests_total{error="true",method="uppercase"}`:              1,
		`stringsvc_requests_total{error="false",method="count"}`:                 2,
		`stringsvc_request_duration_seconds_count{error="false",method="count"}`: 2,
		`stringsvc_count_result_count`:                                           2,
		`stringsvc_count_result_sum`:                                             15,
	} {
		if v, ok := got[series]; !ok || v != want {
			t.Errorf("%s = %v (present %v); want %v", series, v, ok, want)
		}
	}
	if _, ok := got[`stringsvc_requests_total{error="true",method="count"}`]; ok {
		t.Error("count has a failure series, but Count never fails")
	}
	if _, ok := got["go_goroutines"]; !ok {
		t.Error("/metrics lacks the Go runtime metrics")
	}

	svc.stop(t)
	logs := svc.logs.String()
	for _, want := range []string{
		`method=uppercase input="hello, world" output="HELLO, WORLD" err=null`,
		`method=uppercase input= output= err="empty string"`,
		`method=count input=abc n=3`,
		`transport=HTTP addr=127.0.0.1:`,
		`transport=HTTP err=`, // the bad requests
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
}

func TestBadFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"-no-such-flag"},
		{"-http-addr", "127.0.0.1:-1"},
		{"-http-addr", "127.0.0.1:0", "stray"},
		{"-http-addr", "127.0.0.1:0", "-proxy", "ftp://example.com"},
		{"-http-addr", "127.0.0.1:0", "-proxy", "localhost:8001,http://"},
		{"-http-addr", "127.0.0.1:0", "-proxy", "%zz"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := run(ctx, args, io.Discard, func(string) { t.Errorf("%v: ready called", args) })
		cancel()
		if err == nil {
			t.Errorf("run(%q) = nil; want an error", args)
		}
	}
}

func TestProxy(t *testing.T) {
	t.Parallel()
	a := start(t, "-http-addr", "127.0.0.1:0")
	b := start(t, "-http-addr", "127.0.0.1:0")
	p := start(t, "-http-addr", "127.0.0.1:0", "-proxy", a.addr+", http://"+b.addr+"/")
	client := &http.Client{Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()

	const ok = `stringsvc_requests_total{error="false",method="uppercase"}`
	served := func(in *instance) float64 { return scrape(t, client, "http://"+in.addr+"/metrics")[ok] }
	uppercase := func(n int) {
		t.Helper()
		for range n {
			if code, body := post(t, client, "http://"+p.addr+"/uppercase", `{"s":"hello"}`); code != 200 || body != `{"v":"HELLO"}` {
				t.Fatalf("POST /uppercase through the proxy: %d %s", code, body)
			}
		}
	}

	// Round robin: the two instances take turns.
	uppercase(6)
	if na, nb := served(a), served(b); na != 3 || nb != 3 {
		t.Errorf("instances served %v and %v uppercase calls; want 3 and 3", na, nb)
	}
	// Count is not proxied; bad input stops at the proxy; a business
	// error comes back as it would from a local call.
	for _, tt := range []struct {
		path, body string
		wantCode   int
		wantBody   string
	}{
		{"/count", `{"s":"hello"}`, 200, `{"v":5}`},
		{"/uppercase", `{"s":`, 400, ""},
		{"/uppercase", `{"s":""}`, 200, `{"v":"","err":"empty string"}`},
	} {
		if code, body := post(t, client, "http://"+p.addr+tt.path, tt.body); code != tt.wantCode || (tt.wantBody != "" && body != tt.wantBody) {
			t.Errorf("POST %s %s: %d %s; want %d %s", tt.path, tt.body, code, body, tt.wantCode, tt.wantBody)
		}
	}
	for _, in := range []*instance{a, b} {
		if _, ok := scrape(t, client, "http://"+in.addr+"/metrics")[`stringsvc_requests_total{error="false",method="count"}`]; ok {
			t.Error("an instance behind the proxy served Count")
		}
	}

	// With a gone, every call still succeeds: a failed try on a is
	// retried on b. After a few failures a's breaker opens.
	a.stop(t)
	before := served(b)
	uppercase(10)
	if nb := served(b); nb != before+10 {
		t.Errorf("b served %v uppercase calls; want %v", nb, before+10)
	}

	// With both gone, the proxy answers 502.
	b.stop(t)
	if code, body := post(t, client, "http://"+p.addr+"/uppercase", `{"s":"hello"}`); code != http.StatusBadGateway || !strings.HasPrefix(body, "proxy: ") {
		t.Errorf("POST /uppercase with no instance up: %d %s; want 502 proxy: ...", code, body)
	}
	if code, body := post(t, client, "http://"+p.addr+"/count", `{"s":"hello"}`); code != 200 || body != `{"v":5}` {
		t.Errorf("POST /count with no instance up: %d %s; want 200 {\"v\":5}", code, body)
	}

	got := scrape(t, client, "http://"+p.addr+"/metrics")
	for series, want := range map[string]float64{
		ok: 16,
		`stringsvc_requests_total{error="true",method="uppercase"}`: 2, // the empty string and the 502
		`stringsvc_requests_total{error="false",method="count"}`:    2,
	} {
		if v := got[series]; v != want {
			t.Errorf("proxy: %s = %v; want %v", series, v, want)
		}
	}
	p.stop(t)
	logs := p.logs.String()
	for _, want := range []string{
		"proxy_to=" + a.addr + ",http://" + b.addr + "/",
		"breaker=" + a.addr + " from=closed to=open",
		`method=uppercase input=hello output= err="proxy: `,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("proxy logs lack %q:\n%s", want, logs)
		}
	}
}

// instance is a service started by start, running until stop.
type instance struct {
	addr   string
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
}

// start runs the service with args in the background and waits until it
// listens. It is stopped at the end of the test if not before.
func start(t *testing.T, args ...string) *instance {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	in := &instance{logs: new(syncBuffer), cancel: cancel, done: make(chan error, 1)}
	addrc := make(chan string, 1)
	go func() { in.done <- run(ctx, args, in.logs, func(a string) { addrc <- a }) }()
	select {
	case in.addr = <-addrc:
	case err := <-in.done:
		cancel()
		t.Fatalf("run(%q) = %v before it was ready", args, err)
	}
	t.Cleanup(func() { in.stop(t) })
	return in
}

// stop cancels the service and checks that it shut down cleanly.
func (in *instance) stop(t *testing.T) {
	t.Helper()
	in.once.Do(func() {
		in.cancel()
		if err := <-in.done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
}

func post(t *testing.T, client *http.Client, url, body string) (int, string) {
	t.Helper()
	resp, err := client.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, strings.TrimSpace(string(b))
}

// scrape reads the Prometheus text exposition at url into a map from
// series (name and labels, as written) to value.
func scrape(t *testing.T, client *http.Client, url string) map[string]float64 {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	series := make(map[string]float64)
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := cutLast(line, " ")
		v, err := strconv.ParseFloat(value, 64)
		if !ok || err != nil {
			t.Fatalf("GET %s: bad line %q", url, line)
		}
		series[name] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return series
}

// cutLast is strings.Cut at the last occurrence of sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// syncBuffer is a bytes.Buffer safe for the service and the test to share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
