package main

import (
	"context"
	"errors"
	"expvar"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	kitexpvar "github.com/seedkit/kit/metrics/expvar"
)

type config struct {
	httpAddr, jsonrpcAddr, debugAddr string
	shutdownTimeout                  time.Duration
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("addsvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.httpAddr, "http-addr", "localhost:8081", "HTTP listen address")
	fs.StringVar(&cfg.jsonrpcAddr, "jsonrpc-addr", "localhost:8084", "JSON-RPC over HTTP listen address")
	fs.StringVar(&cfg.debugAddr, "debug-addr", "localhost:8080", "debug listen address (/debug/vars metrics)")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long in-flight requests may take at shutdown")
	return cfg, fs.Parse(args)
}

// run serves until ctx is done, then shuts the listeners down gracefully.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	return serve(ctx, args, stdout, nil)
}

type addrs struct{ http, jsonrpc, debug string }

// serve is run with a hook for tests: ready, if not nil, receives the bound
// addresses once every listener is up.
func serve(ctx context.Context, args []string, stdout io.Writer, ready func(addrs)) error {
	cfg, err := parseFlags(args, stdout)
	if err != nil {
		return err
	}
	logger := log.With(log.NewLogfmtLogger(log.NewSyncWriter(stdout)), "ts", log.DefaultTimestampUTC, "caller", log.DefaultCaller)

	endpoints := newEndpoints(logger, newMetrics())
	servers := []struct {
		name, addr string
		handler    http.Handler
	}{
		{"http", cfg.httpAddr, addtransport.NewHTTPHandler(endpoints, log.With(logger, "transport", "http"))},
		{"jsonrpc", cfg.jsonrpcAddr, addtransport.NewJSONRPCHandler(endpoints, log.With(logger, "transport", "jsonrpc"))},
		{"debug", cfg.debugAddr, debugHandler()},
	}

	errc := make(chan error, len(servers))
	var running []*http.Server
	var bound []string
	for _, s := range servers {
		ln, err := net.Listen("tcp", s.addr)
		if err != nil {
			shutdown(running, cfg.shutdownTimeout)
			return fmt.Errorf("listen %s on %s: %w", s.name, s.addr, err)
		}
		srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
		running = append(running, srv)
		bound = append(bound, ln.Addr().String())
		_ = logger.Log("transport", s.name, "addr", ln.Addr().String(), "msg", "listening")
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("%s server: %w", s.name, err)
			}
		}()
	}
	if ready != nil {
		ready(addrs{http: bound[0], jsonrpc: bound[1], debug: bound[2]})
	}

	select {
	case <-ctx.Done():
		_ = logger.Log("msg", "shutting down")
		err = nil
	case err = <-errc:
	}
	if serr := shutdown(running, cfg.shutdownTimeout); err == nil {
		err = serr
	}
	return err
}

func shutdown(servers []*http.Server, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var errs []error
	for _, s := range servers {
		errs = append(errs, s.Shutdown(ctx))
	}
	return errors.Join(errs...)
}

type serviceMetrics struct {
	ints, chars metrics.Counter
	duration    metrics.Histogram
}

// newMetrics returns the service's metrics, published through expvar under
// the addsvc_ prefix.
func newMetrics() serviceMetrics {
	return serviceMetrics{
		ints:     kitexpvar.NewCounter("addsvc_integers_summed"),
		chars:    kitexpvar.NewCounter("addsvc_characters_concatenated"),
		duration: kitexpvar.NewHistogram("addsvc_request_duration_seconds", 50),
	}
}

func newEndpoints(logger log.Logger, m serviceMetrics) addendpoint.Set {
	svc := addservice.New(logger, m.ints, m.chars)
	return addendpoint.New(svc, logger, m.duration)
}

func debugHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /debug/vars", expvar.Handler())
	return mux
}
