// Command stringsvc3 is stringsvc2 that can spread its work over other
// instances of itself, as in the gokit.io tutorial's third step. Given
// -proxy, a proxying middleware sends every Uppercase to the listed
// instances instead of computing it: round robin over a fixed set
// (sd.FixedEndpointer, lb.NewRoundRobin), retried on the next instance when
// one fails (lb.Retry), each instance behind a circuit breaker
// (circuitbreaker.Gobreaker) and a rate limiter (ratelimit.NewErroringLimiter).
// Count is still answered locally. When no instance can answer, the client
// gets 502 Bad Gateway, not a 200 with an error inside.
//
// The logging and instrumenting middlewares of stringsvc2 wrap the proxy, so
// the logs and /metrics of every instance show what it served.
//
//	go run ./examples/stringsvc3 -http-addr localhost:8001 &
//	go run ./examples/stringsvc3 -http-addr localhost:8002 &
//	go run ./examples/stringsvc3 -http-addr localhost:8080 -proxy localhost:8001,localhost:8002
//	curl -d '{"s":"hello, world"}' localhost:8080/uppercase
//	curl -d '{"s":"hello, world"}' localhost:8080/count
//	curl localhost:8080/metrics
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/seedkit/kit/log"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "stringsvc3:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, logging to stdout. ready, if not nil, gets
// the bound address once the server accepts connections.
func run(ctx context.Context, args []string, stdout io.Writer, ready func(addr string)) error {
	fs := flag.NewFlagSet("stringsvc3", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("http-addr", "localhost:8080", "HTTP listen address")
	proxyTo := fs.String("proxy", "", "comma-separated instances (host:port or URL) to send Uppercase to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}

	logger := log.NewLogfmtLogger(log.NewSyncWriter(stdout))
	logger = log.With(logger, "ts", log.DefaultTimestampUTC)

	reg := prometheus.NewRegistry()
	if err := errors.Join(
		reg.Register(collectors.NewGoCollector()),
		reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})),
	); err != nil {
		return err
	}
	m, err := newInstruments(reg)
	if err != nil {
		return err
	}

	mws := []Middleware{loggingMiddleware(logger), instrumentingMiddleware(m)}
	if instances := splitList(*proxyTo); len(instances) > 0 {
		// A client of our own, so that its idle connections are closed
		// when run returns.
		transport := http.DefaultTransport.(*http.Transport).Clone()
		defer transport.CloseIdleConnections()
		proxying, err := proxyingMiddleware(instances, &http.Client{Transport: transport}, logger)
		if err != nil {
			return err
		}
		mws = append(mws, proxying)
		_ = logger.Log("proxy_to", strings.Join(instances, ","))
	}
	svc := chain(stringService{}, mws...)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	_ = logger.Log("transport", "HTTP", "addr", ln.Addr())
	if ready != nil {
		ready(ln.Addr().String())
	}
	return serve(ctx, ln, newHandler(svc, reg, logger))
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var items []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}

// serve serves h on ln until ctx is done, then shuts down gracefully:
// requests in flight get up to ten seconds to finish.
func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	<-errc
	return nil
}
