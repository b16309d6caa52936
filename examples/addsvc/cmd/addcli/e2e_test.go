package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seedkit/kit/internal/integration"
)

// TestAgainstAddsvc builds the real addsvc command, starts it on loopback
// with every transport (NATS on the test server), and runs addcli against
// it over each one. Then it stops addsvc with SIGTERM and expects a clean
// exit.
func TestAgainstAddsvc(t *testing.T) {
	natsURL := integration.Addr(t, "NATS_URL")
	if testing.Short() {
		t.Skip("builds and runs the addsvc binary")
	}
	bin := filepath.Join(t.TempDir(), "addsvc")
	build := exec.Command("go", "build", "-o", bin, "../addsvc")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build addsvc: %v\n%s", err, out)
	}
	subject := fmt.Sprintf("addcli-e2e-%d", time.Now().UnixNano())
	cmd := exec.Command(bin, "-http-addr", "127.0.0.1:0", "-grpc-addr", "127.0.0.1:0", "-thrift-addr", "127.0.0.1:0",
		"-jsonrpc-addr", "127.0.0.1:0", "-debug-addr", "127.0.0.1:0", "-nats-url", natsURL, "-nats-subject", subject)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	defer func() {
		_ = cmd.Process.Kill()
	}()

	// addsvc logs one "listening" line per transport, with its address.
	addrs := map[string]string{}
	listening := regexp.MustCompile(`transport=(\w+) addr="?([^" ]+)`)
	lines := bufio.NewScanner(stdout)
	for len(addrs) < 6 && lines.Scan() {
		if m := listening.FindStringSubmatch(lines.Text()); m != nil && strings.Contains(lines.Text(), "msg=listening") {
			addrs[m[1]] = m[2]
		}
	}
	if len(addrs) < 6 {
		t.Fatalf("addsvc did not report its six listeners, got %v", addrs)
	}
	go func() {
		_, _ = io.Copy(io.Discard, stdout)
		exited <- cmd.Wait()
	}()

	flags := map[string][]string{
		"http":    {"-http-addr", addrs["http"]},
		"grpc":    {"-grpc-addr", addrs["grpc"]},
		"jsonrpc": {"-jsonrpc-addr", addrs["jsonrpc"]},
		"thrift":  {"-thrift-addr", addrs["thrift"]},
		"nats":    {"-nats-url", natsURL, "-nats-subject", subject},
	}
	for transport, f := range flags {
		t.Run(transport, func(t *testing.T) {
			tests := []struct {
				args    []string
				want    string
				wantErr string
			}{
				{[]string{"2", "3"}, "2 + 3 = 5\n", ""},
				{[]string{"-method", "concat", "kit", "!"}, `"kit" + "!" = "kit!"` + "\n", ""},
				{[]string{"0", "0"}, "", "can't sum two zeroes"},
				{[]string{"-method", "concat", "0123456789", "x"}, "", "result exceeds maximum size"},
			}
			for _, tt := range tests {
				var out, errOut bytes.Buffer
				err := run(context.Background(), append(append([]string{}, f...), tt.args...), &out, &errOut)
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) || exitCode(err) != 1 {
						t.Errorf("%v: err = %v (exit %d), want %q and exit 1", tt.args, err, exitCode(err), tt.wantErr)
					}
					continue
				}
				if err != nil || out.String() != tt.want {
					t.Errorf("%v: got %q, %v; want %q", tt.args, out.String(), err, tt.want)
				}
			}
		})
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("addsvc after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("addsvc did not exit within 30s of SIGTERM")
	}
}
