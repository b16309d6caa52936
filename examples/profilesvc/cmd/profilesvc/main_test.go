package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/examples/profilesvc"
	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

// syncBuffer is a bytes.Buffer safe for the server's and the test's
// goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestEndToEnd(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-http-addr", "127.0.0.1:0"}, &out, func(a string) { addrc <- a }) }()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatal(err)
	}

	httpClient := &http.Client{Timeout: 10 * time.Second}
	defer httpClient.CloseIdleConnections()
	do := func(method, path, body string) (int, string) {
		t.Helper()
		var r io.Reader
		if body != "" {
			r = strings.NewReader(body)
		}
		req, err := http.NewRequest(method, "http://"+addr+path, r)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := httpClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.TrimSpace(string(b))
	}
	tests := []struct {
		method, path, body string
		wantCode           int
		wantBody           string
	}{
		{"POST", "/profiles", `{"id":"1234","name":"Go kit"}`, 200, `{}`},
		{"POST", "/profiles", `{"id":"1234"}`, 409, `{"error":"profile \"1234\": already exists"}`},
		{"PATCH", "/profiles/1234", `{"name":"kit"}`, 200, `{}`},
		{"POST", "/profiles/1234/addresses/", `{"id":"home","location":"Paris"}`, 200, `{}`},
		{"GET", "/profiles/1234", "", 200, `{"profile":{"id":"1234","name":"kit","addresses":[{"id":"home","location":"Paris"}]}}`},
		{"PUT", "/profiles/1234", `{"id":"5678"}`, 400, `{"error":"inconsistent IDs"}`},
		{"POST", "/profiles", `not json`, 400, ""},
		{"DELETE", "/profiles/1234", "", 200, `{}`},
		{"GET", "/profiles/1234", "", 404, `{"error":"profile \"1234\": not found"}`},
	}
	for _, tt := range tests {
		code, body := do(tt.method, tt.path, tt.body)
		if code != tt.wantCode || (tt.wantBody != "" && body != tt.wantBody) {
			t.Errorf("%s %s %s: %d %s; want %d %s", tt.method, tt.path, tt.body, code, body, tt.wantCode, tt.wantBody)
		}
	}

	// The Go client talks to the same server.
	client, err := profilesvc.MakeClientEndpoints(addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetProfile(context.Background(), "1234"); !errors.Is(err, profilesvc.ErrNotFound) {
		t.Errorf("client GetProfile err = %v, want ErrNotFound", err)
	}
	http.DefaultClient.CloseIdleConnections()

	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	logs := out.String()
	for _, want := range []string{"msg=listening", "method=PostProfile id=1234", `err="profile \"1234\": not found"`, "msg=\"shutting down\""} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	if !strings.Contains(logs, "bad request") {
		t.Errorf("the decode error was not logged by the error handler:\n%s", logs)
	}
}

func TestBadFlags(t *testing.T) {
	t.Parallel()
	tests := [][]string{
		{"-nope"},
		{"-http-addr", "256.0.0.1:bad"},
	}
	for _, args := range tests {
		if err := run(context.Background(), args, io.Discard, nil); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}
