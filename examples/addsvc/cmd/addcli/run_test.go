package main

import (
	"context"
	"errors"
	"flag"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	athrift "github.com/apache/thrift/lib/go/thrift"
	"google.golang.org/grpc"

	"github.com/seedkit/kit/examples/addsvc/pb"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics/discard"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

// startServers serves addsvc on loopback ports over every transport until
// the test ends and returns each transport's address flag and address.
func startServers(t *testing.T) map[string]string {
	t.Helper()
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram())
	nop := log.NewNopLogger()
	addrs := map[string]string{}

	httpSrv := httptest.NewServer(addtransport.NewHTTPHandler(set, nop))
	t.Cleanup(httpSrv.Close)
	addrs["-http-addr"] = httpSrv.Listener.Addr().String()
	rpcSrv := httptest.NewServer(addtransport.NewJSONRPCHandler(set, nop))
	t.Cleanup(rpcSrv.Close)
	addrs["-jsonrpc-addr"] = rpcSrv.Listener.Addr().String()

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	grpcSrv := grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
	pb.RegisterAddServer(grpcSrv, addtransport.NewGRPCServer(set, nop))
	grpcDone := make(chan struct{})
	go func() { defer close(grpcDone); _ = grpcSrv.Serve(lis) }()
	t.Cleanup(func() { grpcSrv.Stop(); <-grpcDone })
	addrs["-grpc-addr"] = lis.Addr().String()

	thriftSrv, err := addtransport.NewThriftServer("127.0.0.1:0", set, nop)
	if err != nil {
		t.Fatal(err)
	}
	if err := thriftSrv.Listen(); err != nil {
		t.Fatal(err)
	}
	thriftDone := make(chan struct{})
	go func() { defer close(thriftDone); _ = thriftSrv.AcceptLoop() }()
	t.Cleanup(func() { _ = thriftSrv.Stop(); <-thriftDone })
	addrs["-thrift-addr"] = thriftSrv.ServerTransport().(*athrift.TServerSocket).Addr().String()
	return addrs
}

func TestRunEveryTransport(t *testing.T) {
	t.Parallel()
	addrs := startServers(t)
	tests := []struct {
		name    string
		args    []string
		want    string
		wantErr error
	}{
		{"sum", []string{"40", "2"}, "40 + 2 = 42\n", nil},
		{"sum method given", []string{"-method", "sum", "1", "2"}, "1 + 2 = 3\n", nil},
		{"sum negative", []string{"--", "-40", "2"}, "-40 + 2 = -38\n", nil},
		{"two zeroes", []string{"0", "0"}, "", addservice.ErrTwoZeroes},
		{"overflow", []string{"4611686018427387904", "4611686018427387904"}, "", addservice.ErrIntOverflow},
		{"concat", []string{"-method", "concat", "a b", `"c"`}, `"a b" + "\"c\"" = "a b\"c\""` + "\n", nil},
		{"concat numbers", []string{"-method", "concat", "1", "2"}, `"1" + "2" = "12"` + "\n", nil},
		{"too long", []string{"-method", "concat", "0123456789", "!"}, "", addservice.ErrMaxSizeExceeded},
	}
	for flagName, addr := range addrs {
		t.Run(strings.TrimPrefix(flagName, "-"), func(t *testing.T) {
			t.Parallel()
			for _, tt := range tests {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				var stdout, stderr strings.Builder
				err := run(ctx, append([]string{flagName, addr}, tt.args...), &stdout, &stderr)
				cancel()
				if !errors.Is(err, tt.wantErr) || (err != nil) != (tt.wantErr != nil) {
					t.Errorf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
				}
				if err != nil && exitCode(err) != 1 {
					t.Errorf("%s: exit code %d for %v, want 1", tt.name, exitCode(err), err)
				}
				if stdout.String() != tt.want || stderr.String() != "" {
					t.Errorf("%s: stdout %q, stderr %q; want stdout %q", tt.name, stdout.String(), stderr.String(), tt.want)
				}
			}
		})
	}
}

// TestRunBadUsage: every bad command line is an error with exit code 2 and
// the usage on stderr, before any connection (the addresses lead nowhere).
func TestRunBadUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string // in the error message
	}{
		{"no arguments", nil, "no transport chosen"},
		{"no transport", []string{"1", "2"}, "no transport chosen"},
		{"two transports", []string{"-http-addr", "x:1", "-grpc-addr", "y:2", "1", "2"}, "choose one transport"},
		{"unknown method", []string{"-grpc-addr", "x:1", "-method", "mul", "1", "2"}, `unknown method "mul"`},
		{"not an integer", []string{"-grpc-addr", "x:1", "1", "two"}, "sum takes two integers"},
		{"float", []string{"-grpc-addr", "x:1", "1.5", "2"}, "sum takes two integers"},
		{"out of range", []string{"-grpc-addr", "x:1", "1", "99999999999999999999"}, "sum takes two integers"},
		{"one argument", []string{"-thrift-addr", "x:1", "1"}, "sum takes 2 arguments, got 1"},
		{"three arguments", []string{"-jsonrpc-addr", "x:1", "-method", "concat", "a", "b", "c"}, "concat takes 2 arguments, got 3"},
		{"negative without --", []string{"-http-addr", "x:1", "-5", "3"}, "flag provided but not defined: -5"},
		{"unknown flag", []string{"-zipkin-url", "x"}, "flag provided but not defined"},
		{"bad timeout", []string{"-grpc-addr", "x:1", "-timeout", "soon", "1", "2"}, "invalid value"},
		{"zero timeout", []string{"-grpc-addr", "x:1", "-timeout", "0s", "1", "2"}, "-timeout must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr strings.Builder
			err := run(context.Background(), tt.args, &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
			if got := exitCode(err); got != 2 {
				t.Errorf("exit code %d, want 2", got)
			}
			if stdout.Len() != 0 || !strings.HasPrefix(stderr.String(), usageLine) || !strings.Contains(stderr.String(), "-grpc-addr") {
				t.Errorf("stdout %q, stderr %q; want only the usage on stderr", stdout.String(), stderr.String())
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	t.Parallel()
	var stdout, stderr strings.Builder
	err := run(context.Background(), []string{"-h"}, &stdout, &stderr)
	if !errors.Is(err, flag.ErrHelp) || exitCode(err) != 0 {
		t.Errorf("err = %v (exit %d), want flag.ErrHelp (exit 0)", err, exitCode(err))
	}
	if !strings.HasPrefix(stderr.String(), usageLine) {
		t.Errorf("stderr %q, want the usage", stderr.String())
	}
}

// TestRunDeadServer: every transport reports an unreachable server as an
// error with exit code 1, within the timeout.
func TestRunDeadServer(t *testing.T) {
	t.Parallel()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := lis.Addr().String()
	_ = lis.Close()
	for _, flagName := range []string{"-http-addr", "-grpc-addr", "-jsonrpc-addr", "-thrift-addr"} {
		t.Run(strings.TrimPrefix(flagName, "-"), func(t *testing.T) {
			t.Parallel()
			var stdout, stderr strings.Builder
			err := run(context.Background(), []string{flagName, addr, "-timeout", "10s", "1", "2"}, &stdout, &stderr)
			if err == nil || exitCode(err) != 1 || addservice.IsBusinessError(err) {
				t.Errorf("err = %v (exit %d), want a transport error (exit 1)", err, exitCode(err))
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q", stdout.String())
			}
		})
	}
}

// TestRunCanceled: a canceled context ends the call.
func TestRunCanceled(t *testing.T) {
	t.Parallel()
	addrs := startServers(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, flagName := range []string{"-http-addr", "-grpc-addr", "-jsonrpc-addr", "-thrift-addr"} {
		var stdout strings.Builder
		err := run(ctx, []string{flagName, addrs[flagName], "1", "2"}, &stdout, &stdout)
		if err == nil || stdout.Len() != 0 {
			t.Errorf("%s: err = %v, output %q; want an error and no output", flagName, err, stdout.String())
		}
	}
}

func TestExitCode(t *testing.T) {
	t.Parallel()
	for err, want := range map[error]int{
		nil:                              0,
		flag.ErrHelp:                     0,
		&usageError{errors.New("bad")}:   2,
		addservice.ErrTwoZeroes:          1,
		errors.New("connection refused"): 1,
		&usageError{flag.ErrHelp}:        0,
	} {
		if got := exitCode(err); got != want {
			t.Errorf("exitCode(%v) = %d, want %d", err, got, want)
		}
	}
}
