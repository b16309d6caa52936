package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
)

const usageLine = "usage: addcli [-http-addr A | -grpc-addr A | -jsonrpc-addr A | -thrift-addr A | -nats-url U [-nats-subject S]] [-method sum|concat] [-timeout D] a b"

// config is what the command line asks for.
type config struct {
	transport, addr string // the one transport chosen and its address
	natsSubject     string
	method          string
	timeout         time.Duration
	a, b            string
	x, y            int // a and b as integers, for sum
}

// usageError is a command line addcli cannot act on; run has printed the
// usage by the time it returns one.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// parseArgs parses and checks the command line; on a usage error or -h it
// prints the usage to stderr.
func parseArgs(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("addcli", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, usage printed below
	addrs := []struct {
		transport string
		addr      *string
	}{
		{"http", fs.String("http-addr", "", "HTTP address of addsvc")},
		{"grpc", fs.String("grpc-addr", "", "gRPC address of addsvc")},
		{"jsonrpc", fs.String("jsonrpc-addr", "", "JSON-RPC address of addsvc")},
		{"thrift", fs.String("thrift-addr", "", "Thrift address of addsvc")},
		{"nats", fs.String("nats-url", "", "URL of the NATS server addsvc serves on")},
	}
	var cfg config
	fs.StringVar(&cfg.method, "method", "sum", "sum or concat")
	fs.StringVar(&cfg.natsSubject, "nats-subject", addtransport.DefaultNATSSubject, "NATS subject prefix addsvc serves on")
	fs.DurationVar(&cfg.timeout, "timeout", 10*time.Second, "how long the call may take")
	usage := func(err error) error {
		fmt.Fprintln(stderr, usageLine)
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err}
	}

	if err := fs.Parse(args); err != nil {
		return config{}, usage(err)
	}
	for _, a := range addrs {
		if *a.addr == "" {
			continue
		}
		if cfg.transport != "" {
			return config{}, usage(fmt.Errorf("choose one transport, not %s and %s", flagName(cfg.transport), flagName(a.transport)))
		}
		cfg.transport, cfg.addr = a.transport, *a.addr
	}
	if cfg.transport == "" {
		return config{}, usage(errors.New("no transport chosen: pass one of -http-addr, -grpc-addr, -jsonrpc-addr, -thrift-addr, -nats-url"))
	}
	if cfg.method != "sum" && cfg.method != "concat" {
		return config{}, usage(fmt.Errorf("unknown method %q: want sum or concat", cfg.method))
	}
	if cfg.timeout <= 0 {
		return config{}, usage(fmt.Errorf("-timeout must be positive, got %v", cfg.timeout))
	}
	if fs.NArg() != 2 {
		return config{}, usage(fmt.Errorf("%s takes 2 arguments, got %d (use -- before a negative number)", cfg.method, fs.NArg()))
	}
	cfg.a, cfg.b = fs.Arg(0), fs.Arg(1)
	if cfg.method == "sum" {
		var err error
		if cfg.x, err = strconv.Atoi(cfg.a); err == nil {
			cfg.y, err = strconv.Atoi(cfg.b)
		}
		if err != nil {
			return config{}, usage(fmt.Errorf("sum takes two integers: %w", err))
		}
	}
	return cfg, nil
}

// run calls addsvc as the command line args say and prints the result to
// stdout. Usage problems are reported before any connection is made.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseArgs(args, stderr)
	if err != nil {
		return err
	}

	svc, closeFn, err := newClient(cfg)
	if err != nil {
		return err
	}
	defer closeFn()
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()

	switch cfg.method {
	case "sum":
		v, err := svc.Sum(ctx, cfg.x, cfg.y)
		if err != nil {
			return fmt.Errorf("sum: %w", err)
		}
		_, err = fmt.Fprintf(stdout, "%d + %d = %d\n", cfg.x, cfg.y, v)
		return err
	default: // "concat", checked by parseArgs
		v, err := svc.Concat(ctx, cfg.a, cfg.b)
		if err != nil {
			return fmt.Errorf("concat: %w", err)
		}
		_, err = fmt.Fprintf(stdout, "%q + %q = %q\n", cfg.a, cfg.b, v)
		return err
	}
}

// newClient returns a Service over the transport and the function that
// releases its connections.
func newClient(cfg config) (addservice.Service, func(), error) {
	transport, addr := cfg.transport, cfg.addr
	switch transport {
	case "http", "jsonrpc":
		client := &http.Client{}
		newHTTP := addtransport.NewHTTPClient
		if transport == "jsonrpc" {
			newHTTP = addtransport.NewJSONRPCClient
		}
		svc, err := newHTTP(addr, client)
		if err != nil {
			return nil, nil, fmt.Errorf("%s client for %s: %w", transport, addr, err)
		}
		return svc, client.CloseIdleConnections, nil
	case "grpc":
		conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			return nil, nil, fmt.Errorf("grpc client for %s: %w", addr, err)
		}
		return addtransport.NewGRPCClient(conn), func() { _ = conn.Close() }, nil
	case "nats":
		nc, err := nats.Connect(addr, nats.Name("addcli"), nats.Timeout(5*time.Second))
		if err != nil {
			return nil, nil, fmt.Errorf("connect to NATS at %s: %w", addr, err)
		}
		return addtransport.NewNATSClient(nc, cfg.natsSubject), nc.Close, nil
	default: // "thrift"
		svc, closeFn, err := addtransport.NewThriftClient(addr)
		if err != nil {
			return nil, nil, err
		}
		return svc, func() { _ = closeFn() }, nil
	}
}

// flagName is the command line flag that picks transport.
func flagName(transport string) string {
	if transport == "nats" {
		return "-nats-url"
	}
	return "-" + transport + "-addr"
}

// exitCode is the process status for run's error: 0 for none (or -h), 2 for
// a usage error, 1 for the rest.
func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		return 2
	default:
		return 1
	}
}
