// Command stringsvc2 is stringsvc1 made observable, as in the gokit.io
// tutorial's second step: the same StringService, wrapped in two service
// middlewares. One logs every call in logfmt to stdout; the other counts
// calls and measures their duration and Count's results in Prometheus
// metrics, served on /metrics from a registry of its own.
//
// The code is split the way a real service is: service.go holds the business
// logic, endpoints.go adapts it to endpoints, transport.go to HTTP, and
// logging.go and instrumenting.go are the middlewares; main.go wires them.
//
//	go run ./examples/stringsvc2 -http-addr localhost:8080
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
		fmt.Fprintln(os.Stderr, "stringsvc2:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, logging to stdout. ready, if not nil, gets
// the bound address once the server accepts connections.
func run(ctx context.Context, args []string, stdout io.Writer, ready func(addr string)) error {
	fs := flag.NewFlagSet("stringsvc2", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("http-addr", "localhost:8080", "HTTP listen address")
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

	svc := chain(stringService{},
		loggingMiddleware(logger),
		instrumentingMiddleware(m),
	)

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
