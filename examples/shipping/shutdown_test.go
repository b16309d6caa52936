package main

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// serveTest serves h on loopback until the end of the test and returns the
// server and its base URL.
func serveTest(t *testing.T, h http.Handler) (*http.Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln)
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		<-done
	})
	return srv, "http://" + ln.Addr().String()
}

// TestShutdownAllReverseOrder shuts down a backend and a front server
// calling it, created in that order as run creates the pathfinder and the
// API, while a request to the front is in flight: the front drains it
// before the backend stops, so the request succeeds.
func TestShutdownAllReverseOrder(t *testing.T) {
	t.Parallel()
	backend, backendURL := serveTest(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "route")
	}))
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	entered, release := make(chan struct{}), make(chan struct{})
	front, frontURL := serveTest(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		resp, err := client.Get(backendURL)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		_, _ = io.Copy(w, resp.Body)
	}))
	// Release the request only once the front has begun shutting down:
	// with the backend stopped first, its call would then fail.
	front.RegisterOnShutdown(func() { close(release) })

	type result struct {
		code int
		body string
		err  error
	}
	resc := make(chan result, 1)
	go func() {
		resp, err := http.Get(frontURL)
		if err != nil {
			resc <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		resc <- result{resp.StatusCode, string(b), err}
	}()
	<-entered

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := shutdownAll(ctx, []*http.Server{backend, front}); err != nil {
		t.Fatalf("shutdownAll: %v", err)
	}
	res := <-resc
	if res.err != nil || res.code != http.StatusOK || res.body != "route" {
		t.Fatalf("in-flight request = %d %q, %v; want 200 \"route\"", res.code, res.body, res.err)
	}
}

// TestShutdownAllError checks that a server that does not drain in time
// is closed and its error returned rather than dropped.
func TestShutdownAllError(t *testing.T) {
	t.Parallel()
	entered, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	srv, url := serveTest(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		close(entered)
		<-release
	}))
	errc := make(chan error, 1)
	go func() {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	<-entered
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // no time to drain
	if err := shutdownAll(ctx, []*http.Server{srv}); !errors.Is(err, context.Canceled) {
		t.Fatalf("shutdownAll = %v, want context.Canceled", err)
	}
	if err := <-errc; err == nil {
		t.Error("the request cut by Close succeeded")
	}
}
