package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

type call struct {
	path, body string
	wantCode   int
	wantBody   string
}

func TestEndToEnd(t *testing.T) {
	t.Parallel()
	url := integration.Addr(t, "NATS_URL")
	prefix := uniquePrefix()
	svc := start(t, "-http-addr", "127.0.0.1:0", "-nats-url", url, "-subject-prefix", prefix)
	client := &http.Client{Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()

	check(t, client, svc.addr, []call{
		{"/uppercase", `{"s":"hello, world"}`, 200, `{"v":"HELLO, WORLD"}`},
		{"/uppercase", `{"s":""}`, 200, `{"v":"","err":"empty string"}`},
		{"/count", `{"s":"hello, world"}`, 200, `{"v":12}`},
		{"/count", `{"s":`, 400, ""},
		{"/uppercase", `not json`, 400, ""},
		{"/count", `[1,2]`, 400, ""},
		{"/nowhere", `{}`, 404, ""},
	})

	// The service is a plain NATS service too: any client can call it,
	// and a malformed request gets an error reply, not silence.
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	for _, tt := range []struct {
		subject, data, want string
	}{
		{prefix + ".count", `{"s":"abc"}`, `{"v":3}`},
		{prefix + ".uppercase", `{"s":"abc"}`, `{"v":"ABC"}`},
		{prefix + ".count", `{"s":`, `{"err":`},
	} {
		msg, err := nc.Request(tt.subject, []byte(tt.data), 10*time.Second)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.subject, tt.data, err)
		}
		if got := strings.TrimSpace(string(msg.Data)); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s %s: reply %s; want %s...", tt.subject, tt.data, got, tt.want)
		}
	}

	svc.stop(t)
	logs := svc.logs.String()
	for _, want := range []string{
		"subject_prefix=" + prefix,
		"transport=HTTP addr=127.0.0.1:",
		"transport=HTTP err=", // the bad HTTP requests
		"transport=NATS err=", // the bad NATS request
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
}

// TestSplit runs the service and the front end as separate instances, as
// in production: the front end finds the service through NATS only.
func TestSplit(t *testing.T) {
	t.Parallel()
	url := integration.Addr(t, "NATS_URL")
	prefix := uniquePrefix()
	backend := start(t, "-http-addr", "", "-nats-url", url, "-subject-prefix", prefix)
	if backend.addr != "" {
		t.Fatalf("service-only instance reported HTTP address %q", backend.addr)
	}
	front := start(t, "-serve=false", "-http-addr", "127.0.0.1:0", "-nats-url", url, "-subject-prefix", prefix)
	client := &http.Client{Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()

	check(t, client, front.addr, []call{
		{"/uppercase", `{"s":"split"}`, 200, `{"v":"SPLIT"}`},
		{"/count", `{"s":"split"}`, 200, `{"v":5}`},
	})
	// With the service gone, nobody listens on the subjects.
	backend.stop(t)
	check(t, client, front.addr, []call{
		{"/uppercase", `{"s":"split"}`, http.StatusServiceUnavailable, ""},
		{"/count", `{"s":"split"}`, http.StatusServiceUnavailable, ""},
		{"/count", `{"s":`, 400, ""},
	})
}

func TestNATSDown(t *testing.T) {
	t.Parallel()
	// A port that was just free and that nobody listens on now.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "nats://" + ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = run(ctx, []string{"-http-addr", "127.0.0.1:0", "-nats-url", url}, io.Discard,
		func(string) { t.Error("ready called without NATS") })
	if err == nil || !errors.Is(err, nats.ErrNoServers) || !strings.Contains(err.Error(), url) {
		t.Errorf("run with NATS down = %v; want an error naming %s and wrapping nats.ErrNoServers", err, url)
	}
}

func TestBadFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"-no-such-flag"},
		{"-serve=false", "-http-addr", ""},
		{"-subject-prefix", ""},
		{"-subject-prefix", "a.*"},
		{"-subject-prefix", "a b"},
		{"-subject-prefix", "a."},
		{"stray"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		// Port 1 is not a NATS server: if a flag were wrongly accepted, run
		// would fail later, on connecting, and ready would not be called.
		err := run(ctx, append([]string{"-nats-url", "nats://127.0.0.1:1"}, args...), io.Discard,
			func(string) { t.Errorf("%v: ready called", args) })
		cancel()
		if err == nil || errors.Is(err, nats.ErrNoServers) {
			t.Errorf("run(%q) = %v; want a flag error", args, err)
		}
	}
}

// uniquePrefix returns a subject prefix no other test run uses, so that
// tests share one NATS server without answering each other's requests.
func uniquePrefix() string { return "test.stringsvc4." + rand.Text() }

func check(t *testing.T, client *http.Client, addr string, calls []call) {
	t.Helper()
	for _, tt := range calls {
		code, body := post(t, client, "http://"+addr+tt.path, tt.body)
		if code != tt.wantCode || (tt.wantBody != "" && body != tt.wantBody) {
			t.Errorf("POST %s %s: %d %s; want %d %s", tt.path, tt.body, code, body, tt.wantCode, tt.wantBody)
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
// is ready. It is stopped at the end of the test if not before.
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
