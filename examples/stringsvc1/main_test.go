package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

func TestEndToEnd(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-http-addr", "127.0.0.1:0"}, io.Discard, func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	tests := []struct {
		path, body string
		wantCode   int
		wantBody   string
	}{
		{"/uppercase", `{"s":"hello, world"}`, 200, `{"v":"HELLO, WORLD"}`},
		{"/uppercase", `{"s":""}`, 200, `{"v":"","err":"empty string"}`},
		{"/count", `{"s":"hello, world"}`, 200, `{"v":12}`},
		{"/count", `{"s":`, 400, ""},
		{"/count", `[1,2]`, 400, ""},
	}
	for _, tt := range tests {
		resp, err := client.Post("http://"+addr+tt.path, "application/json", strings.NewReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != tt.wantCode || (tt.wantBody != "" && strings.TrimSpace(string(body)) != tt.wantBody) {
			t.Errorf("POST %s %s: %d %s; want %d %s", tt.path, tt.body, resp.StatusCode, body, tt.wantCode, tt.wantBody)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
