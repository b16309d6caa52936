package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

// syncBuffer is a concurrency-safe log sink.
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

// startAddsvc runs the whole program on ephemeral ports until the test ends.
func startAddsvc(t *testing.T, extra ...string) (addrs, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	readyc := make(chan addrs, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, append([]string{"-http-addr", "127.0.0.1:0", "-jsonrpc-addr", "127.0.0.1:0", "-debug-addr", "127.0.0.1:0",
			"-grpc-addr", "127.0.0.1:0", "-thrift-addr", "127.0.0.1:0"}, extra...),
			out, func(a addrs) { readyc <- a })
	}()
	var a addrs
	select {
	case a = <-readyc:
	case err := <-done:
		t.Fatalf("addsvc exited early: %v\n%s", err, out)
	case <-time.After(10 * time.Second):
		t.Fatal("addsvc did not start")
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("addsvc: %v", err)
		}
		http.DefaultClient.CloseIdleConnections()
	})
	return a, out
}

func TestAddsvcEndToEnd(t *testing.T) {
	a, logs := startAddsvc(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	clients := map[string]func() (addservice.Service, error){
		"http":    func() (addservice.Service, error) { return addtransport.NewHTTPClient(a.http, nil) },
		"jsonrpc": func() (addservice.Service, error) { return addtransport.NewJSONRPCClient(a.jsonrpc, nil) },
		"grpc": func() (addservice.Service, error) {
			conn, err := grpc.NewClient(a.grpc, grpc.WithTransportCredentials(insecure.NewCredentials()))
			if err != nil {
				return nil, err
			}
			t.Cleanup(func() { _ = conn.Close() })
			return addtransport.NewGRPCClient(conn), nil
		},
		"thrift": func() (addservice.Service, error) {
			svc, closeFn, err := addtransport.NewThriftClient(a.thrift)
			if err == nil {
				t.Cleanup(func() { _ = closeFn() })
			}
			return svc, err
		},
	}
	for name, mk := range clients {
		t.Run(name, func(t *testing.T) {
			svc, err := mk()
			if err != nil {
				t.Fatal(err)
			}
			if v, err := svc.Sum(ctx, 2, 3); err != nil || v != 5 {
				t.Errorf("Sum(2, 3) = %v, %v", v, err)
			}
			if v, err := svc.Concat(ctx, "ab", "cd"); err != nil || v != "abcd" {
				t.Errorf("Concat = %q, %v", v, err)
			}
			if _, err := svc.Sum(ctx, 0, 0); !errors.Is(err, addservice.ErrTwoZeroes) {
				t.Errorf("Sum(0, 0) error = %v, want ErrTwoZeroes", err)
			}
			if _, err := svc.Concat(ctx, "0123456789", "x"); !errors.Is(err, addservice.ErrMaxSizeExceeded) {
				t.Errorf("long Concat error = %v, want ErrMaxSizeExceeded", err)
			}
		})
	}

	if !strings.Contains(logs.String(), "method=Sum") {
		t.Errorf("no service log lines:\n%s", logs)
	}
	metrics := scrape(t, a.debug)
	for _, want := range []string{
		"addsvc_integers_summed 20", // 5 per transport
		`addsvc_request_duration_seconds_count{method="Sum",success="true"} 4`,
		`addsvc_request_duration_seconds_count{method="Sum",success="false"} 4`,
		"go_goroutines",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q:\n%s", want, metrics)
		}
	}
}

// scrape returns the Prometheus text of the debug listener.
func scrape(t *testing.T, debugAddr string) string {
	t.Helper()
	resp, err := http.Get("http://" + debugAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAddsvcBadInput(t *testing.T) {
	a, _ := startAddsvc(t)
	tests := []struct {
		name, url, body string
		wantStatus      int
		wantInBody      string
	}{
		{"http malformed JSON", "http://" + a.http + "/sum", `{"a":`, 400, `"error"`},
		{"http wrong type", "http://" + a.http + "/sum", `{"a":"x","b":1}`, 400, `"error"`},
		{"http unknown field", "http://" + a.http + "/sum", `{"a":1,"c":1}`, 400, `"error"`},
		{"http oversized", "http://" + a.http + "/concat", `{"a":"` + strings.Repeat("x", 2<<20) + `"}`, 413, `"error"`},
		{"http business error", "http://" + a.http + "/sum", `{"a":0,"b":0}`, 400, addservice.ErrTwoZeroes.Error()},
		{"jsonrpc invalid params", "http://" + a.jsonrpc, `{"jsonrpc":"2.0","id":1,"method":"sum","params":{"a":"x"}}`, 200, `-32602`},
		{"jsonrpc unknown method", "http://" + a.jsonrpc, `{"jsonrpc":"2.0","id":1,"method":"mul","params":{}}`, 200, `-32601`},
		{"jsonrpc parse error", "http://" + a.jsonrpc, `{"jsonrpc":`, 200, `-32700`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(tt.url, "application/json", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus || !strings.Contains(string(body), tt.wantInBody) {
				t.Errorf("got %d %s; want %d containing %s", resp.StatusCode, body, tt.wantStatus, tt.wantInBody)
			}
		})
	}
}

// TestAddsvcNATS enables the NATS transport against the test server and
// calls it, and checks that a dead NATS server is a clear start-up error.
func TestAddsvcNATS(t *testing.T) {
	url := integration.Addr(t, "NATS_URL")
	subject := fmt.Sprintf("addsvc-wiring-%d", time.Now().UnixNano())
	startAddsvc(t, "-nats-url", url, "-nats-subject", subject)
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	svc := addtransport.NewNATSClient(nc, subject)
	if v, err := svc.Sum(ctx, 2, 3); v != 5 || err != nil {
		t.Fatalf("Sum over NATS = %v, %v", v, err)
	}
	if _, err := svc.Sum(ctx, 0, 0); !errors.Is(err, addservice.ErrTwoZeroes) {
		t.Fatalf("Sum(0, 0) over NATS: err = %v", err)
	}

	err = serve(context.Background(), []string{"-http-addr", "127.0.0.1:0", "-jsonrpc-addr", "127.0.0.1:0",
		"-debug-addr", "127.0.0.1:0", "-grpc-addr", "127.0.0.1:0", "-thrift-addr", "127.0.0.1:0",
		"-nats-url", "nats://127.0.0.1:1"}, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "connect to NATS") {
		t.Fatalf("dead NATS server: err = %v", err)
	}
}

// TestShutdownWithIdleThriftClient: a Thrift client that stays connected
// does not hold shutdown past -shutdown-timeout.
func TestShutdownWithIdleThriftClient(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	readyc := make(chan addrs, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, []string{"-http-addr", "127.0.0.1:0", "-jsonrpc-addr", "127.0.0.1:0", "-debug-addr", "127.0.0.1:0",
			"-grpc-addr", "127.0.0.1:0", "-thrift-addr", "127.0.0.1:0", "-shutdown-timeout", "500ms"},
			io.Discard, func(a addrs) { readyc <- a })
	}()
	a := <-readyc
	svc, closeFn, err := addtransport.NewThriftClient(a.thrift)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = closeFn() }()
	if v, err := svc.Sum(context.Background(), 1, 2); v != 3 || err != nil {
		t.Fatalf("Sum = %v, %v", v, err)
	}
	cancel() // the client stays connected
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("serve returned %v, want the shutdown deadline's error", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not return with an idle Thrift client connected")
	}
}

// TestBindFailureReleasesListeners: when one listener cannot bind, the ones
// already opened are closed again.
func TestBindFailureReleasesListeners(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	// Pick free ports for the listeners that come before Thrift.
	free := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		return ln.Addr().String()
	}
	debug, httpAddr, grpcAddr := free(), free(), free()
	err = serve(context.Background(), []string{"-debug-addr", debug, "-http-addr", httpAddr, "-grpc-addr", grpcAddr,
		"-thrift-addr", taken.Addr().String(), "-jsonrpc-addr", "127.0.0.1:0"}, io.Discard, nil)
	if err == nil {
		t.Fatal("serve with a taken Thrift port: nil error")
	}
	for _, a := range []string{debug, httpAddr, grpcAddr} {
		ln, err := net.Listen("tcp", a)
		if err != nil {
			t.Errorf("%s still bound after serve returned: %v", a, err)
			continue
		}
		ln.Close()
	}
}
