package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
	"google.golang.org/grpc"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/addsvc/pb"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/log"
	kitprometheus "github.com/seedkit/kit/metrics/prometheus"
	"github.com/seedkit/kit/tracing/opentelemetry"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/http/jsonrpc"
	natstransport "github.com/seedkit/kit/transport/nats"
)

type config struct {
	httpAddr, grpcAddr, thriftAddr, jsonrpcAddr, debugAddr string
	natsURL, natsSubject                                   string
	otlpAddr                                               string
	shutdownTimeout                                        time.Duration
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("addsvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.debugAddr, "debug-addr", "localhost:8080", "debug listen address: Prometheus metrics at /metrics")
	fs.StringVar(&cfg.httpAddr, "http-addr", "localhost:8081", "HTTP listen address")
	fs.StringVar(&cfg.grpcAddr, "grpc-addr", "localhost:8082", "gRPC listen address")
	fs.StringVar(&cfg.thriftAddr, "thrift-addr", "localhost:8083", "Thrift listen address")
	fs.StringVar(&cfg.jsonrpcAddr, "jsonrpc-addr", "localhost:8084", "JSON-RPC over HTTP listen address")
	fs.StringVar(&cfg.natsURL, "nats-url", "", "NATS server URL; empty: no NATS transport")
	fs.StringVar(&cfg.natsSubject, "nats-subject", addtransport.DefaultNATSSubject, "NATS subject prefix (<prefix>.sum, <prefix>.concat)")
	fs.StringVar(&cfg.otlpAddr, "otlp-addr", "", "OTLP/gRPC collector address (host:port) to export traces to; empty: traces are not exported")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long in-flight requests may take at shutdown")
	return cfg, fs.Parse(args)
}

// run serves until ctx is done, then shuts everything down gracefully.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	return serve(ctx, args, stdout, nil)
}

// addrs are the bound addresses, for tests.
type addrs struct{ http, grpc, thrift, jsonrpc, debug string }

// component is one running listener or subscription.
type component struct {
	name, addr string
	serve      func() error                // blocks until stopped
	stop       func(context.Context) error // graceful, bounded by ctx; after serve started
	abort      func()                      // releases it when serve never ran
}

// serve is run with a hook for tests: ready, if not nil, receives the bound
// addresses once every listener is up.
func serve(ctx context.Context, args []string, stdout io.Writer, ready func(addrs)) (err error) {
	cfg, err := parseFlags(args, stdout)
	if err != nil {
		return err
	}
	logger := log.With(log.NewLogfmtLogger(log.NewSyncWriter(stdout)), "ts", log.DefaultTimestampUTC, "caller", log.DefaultCaller)

	tp, err := newTracerProvider(ctx, cfg.otlpAddr)
	if err != nil {
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
		defer cancel()
		err = errors.Join(err, tp.Shutdown(sctx))
	}()
	reg := prometheus.NewRegistry()
	m, err := newMetrics(reg)
	if err != nil {
		return err
	}
	endpoints := newEndpoints(logger, m, tp)

	var comps []component
	abortAll := func() { // before any serve started
		for i := len(comps) - 1; i >= 0; i-- {
			comps[i].abort()
		}
	}
	stopAll := func() error {
		sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
		defer cancel()
		var errs []error
		for i := len(comps) - 1; i >= 0; i-- {
			errs = append(errs, comps[i].stop(sctx))
		}
		return errors.Join(errs...)
	}
	starters := []func() (component, error){
		func() (component, error) {
			return httpComponent("debug", cfg.debugAddr, debugHandler(reg))
		},
		func() (component, error) {
			return httpComponent("http", cfg.httpAddr, addtransport.NewHTTPHandler(endpoints, log.With(logger, "transport", "http"),
				httptransport.ServerBefore(opentelemetry.HTTPToContext())))
		},
		func() (component, error) {
			return grpcComponent(cfg.grpcAddr, endpoints, log.With(logger, "transport", "grpc"))
		},
		func() (component, error) {
			return thriftComponent(cfg.thriftAddr, endpoints, log.With(logger, "transport", "thrift"))
		},
		func() (component, error) {
			return httpComponent("jsonrpc", cfg.jsonrpcAddr, addtransport.NewJSONRPCHandler(endpoints, log.With(logger, "transport", "jsonrpc"),
				jsonrpc.ServerBefore(opentelemetry.HTTPToContext())))
		},
	}
	if cfg.natsURL != "" {
		starters = append(starters, func() (component, error) {
			return natsComponent(cfg.natsURL, cfg.natsSubject, endpoints, log.With(logger, "transport", "nats"))
		})
	}
	for _, start := range starters {
		c, err := start()
		if err != nil {
			abortAll()
			return err
		}
		comps = append(comps, c)
		_ = logger.Log("transport", c.name, "addr", c.addr, "msg", "listening")
	}

	errc := make(chan error, len(comps))
	for _, c := range comps {
		go func() {
			if err := c.serve(); err != nil {
				errc <- fmt.Errorf("%s: %w", c.name, err)
				return
			}
			errc <- nil
		}()
	}
	if ready != nil {
		ready(addrs{debug: comps[0].addr, http: comps[1].addr, grpc: comps[2].addr, thrift: comps[3].addr, jsonrpc: comps[4].addr})
	}

	received := 0
	select {
	case <-ctx.Done():
		_ = logger.Log("msg", "shutting down")
	case err = <-errc:
		// A listener failed: take the others down too.
		received++
		if err == nil {
			err = errors.New("a server stopped unexpectedly")
		}
	}
	err = errors.Join(err, stopAll())
	for range len(comps) - received {
		if serr := <-errc; serr != nil {
			err = errors.Join(err, serr)
		}
	}
	return err
}

func httpComponent(name, addr string, h http.Handler) (component, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return component{}, fmt.Errorf("listen %s on %s: %w", name, addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	return component{
		name: name,
		addr: ln.Addr().String(),
		serve: func() error {
			if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
		stop:  srv.Shutdown,
		abort: func() { _ = ln.Close() },
	}, nil
}

func grpcComponent(addr string, endpoints addendpoint.Set, logger log.Logger) (component, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return component{}, fmt.Errorf("listen grpc on %s: %w", addr, err)
	}
	srv := grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
	pb.RegisterAddServer(srv, addtransport.NewGRPCServer(endpoints, logger,
		kitgrpc.ServerBefore(opentelemetry.GRPCToContext())))
	return component{
		name:  "grpc",
		addr:  ln.Addr().String(),
		serve: func() error { return srv.Serve(ln) },
		stop: func(ctx context.Context) error {
			done := make(chan struct{})
			go func() {
				srv.GracefulStop()
				close(done)
			}()
			select {
			case <-done:
				return nil
			case <-ctx.Done():
				srv.Stop()
				<-done
				return ctx.Err()
			}
		},
		abort: func() { _ = ln.Close() },
	}, nil
}

func thriftComponent(addr string, endpoints addendpoint.Set, logger log.Logger) (component, error) {
	srv, err := addtransport.NewThriftServer(addr, endpoints, logger)
	if err != nil {
		return component{}, fmt.Errorf("thrift on %s: %w", addr, err)
	}
	if err := srv.Listen(); err != nil {
		return component{}, fmt.Errorf("listen thrift on %s: %w", addr, err)
	}
	return component{
		name:  "thrift",
		addr:  srv.Addr().String(),
		serve: srv.AcceptLoop,
		stop:  srv.Shutdown,
		abort: func() { _ = srv.Stop() }, // closes the listener; no client yet
	}, nil
}

func natsComponent(url, subject string, endpoints addendpoint.Set, logger log.Logger) (component, error) {
	nc, err := nats.Connect(url, nats.Name("addsvc"), nats.Timeout(5*time.Second))
	if err != nil {
		return component{}, fmt.Errorf("connect to NATS at %s: %w", url, err)
	}
	unsubscribe, err := addtransport.ServeNATS(nc, subject, endpoints, logger,
		natstransport.SubscriberBefore(opentelemetry.NATSToContext()))
	if err != nil {
		nc.Close()
		return component{}, err
	}
	closed := make(chan struct{})
	nc.SetClosedHandler(func(*nats.Conn) { close(closed) })
	return component{
		name: "nats",
		addr: subject + ".* on " + url,
		serve: func() error {
			<-closed
			return nil
		},
		stop: func(context.Context) error {
			err := unsubscribe()
			nc.Close()
			return err
		},
		abort: func() { _ = unsubscribe(); nc.Close() },
	}, nil
}

// newTracerProvider returns the tracer provider of the endpoints' spans,
// exporting to an OTLP collector at otlpAddr when it is set.
func newTracerProvider(ctx context.Context, otlpAddr string) (*sdktrace.TracerProvider, error) {
	opts := []sdktrace.TracerProviderOption{
		sdktrace.WithResource(resource.NewSchemaless(semconv.ServiceName("addsvc"))),
	}
	if otlpAddr != "" {
		exp, err := otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(otlpAddr), otlptracegrpc.WithInsecure())
		if err != nil {
			return nil, fmt.Errorf("OTLP exporter: %w", err)
		}
		opts = append(opts, sdktrace.WithBatcher(exp))
	}
	return sdktrace.NewTracerProvider(opts...), nil
}

type serviceMetrics struct {
	ints, chars *kitprometheus.Counter
	duration    *kitprometheus.Histogram
}

// newMetrics registers the service's metrics with reg.
func newMetrics(reg *prometheus.Registry) (serviceMetrics, error) {
	var m serviceMetrics
	var errs [5]error
	errs[0] = reg.Register(collectors.NewGoCollector())
	errs[1] = reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.ints, errs[2] = kitprometheus.NewCounterIn(reg, prometheus.CounterOpts{
		Namespace: "addsvc", Name: "integers_summed", Help: "Total of the integers summed.",
	}, nil)
	m.chars, errs[3] = kitprometheus.NewCounterIn(reg, prometheus.CounterOpts{
		Namespace: "addsvc", Name: "characters_concatenated", Help: "Characters concatenated.",
	}, nil)
	m.duration, errs[4] = kitprometheus.NewHistogramIn(reg, prometheus.HistogramOpts{
		Namespace: "addsvc", Name: "request_duration_seconds", Help: "Request duration in seconds.",
		Buckets: prometheus.DefBuckets,
	}, []string{"method", "success"})
	return m, errors.Join(errs[:]...)
}

func newEndpoints(logger log.Logger, m serviceMetrics, tp *sdktrace.TracerProvider) addendpoint.Set {
	svc := addservice.New(logger, m.ints, m.chars)
	return addendpoint.New(svc, logger, m.duration,
		addendpoint.WithMethodMiddleware(func(method string) endpoint.Middleware {
			return opentelemetry.TraceServer(method,
				opentelemetry.WithTracerProvider(tp),
				opentelemetry.WithRPC("kit", "addsvc", method))
		}))
}

func debugHandler(reg *prometheus.Registry) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	return mux
}
