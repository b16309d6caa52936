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

	"github.com/afex/hystrix-go/hystrix"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/seedkit/kit/examples/shipping/booking"
	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/handling"
	"github.com/seedkit/kit/examples/shipping/inmem"
	"github.com/seedkit/kit/examples/shipping/inspection"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/routing"
	"github.com/seedkit/kit/examples/shipping/tracking"
	"github.com/seedkit/kit/examples/shipping/voyage"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	kitprometheus "github.com/seedkit/kit/metrics/prometheus"
	httptransport "github.com/seedkit/kit/transport/http"
)

type config struct {
	httpAddr, routingURL, routingCircuit string
	routingTimeout, shutdownTimeout      time.Duration
}

func parseFlags(args []string, output io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("shipping", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.StringVar(&cfg.httpAddr, "http-addr", "localhost:8080", "HTTP listen address")
	fs.StringVar(&cfg.routingURL, "routing-url", "", "base URL of the routing (pathfinder) service; empty runs one in process")
	fs.StringVar(&cfg.routingCircuit, "routing-circuit", "routing", "name of the hystrix circuit guarding the routing service")
	fs.DurationVar(&cfg.routingTimeout, "routing-timeout", 2*time.Second, "how long a routing request may take")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long in-flight requests may take at shutdown")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.routingTimeout <= 0 {
		return cfg, fmt.Errorf("-routing-timeout must be positive, not %v", cfg.routingTimeout)
	}
	return cfg, nil
}

// run serves until ctx is done, then shuts down gracefully. ready, if not
// nil, gets the bound address once the server listens.
func run(ctx context.Context, args []string, stdout io.Writer, ready func(addr string)) (err error) {
	cfg, err := parseFlags(args, stdout)
	if err != nil {
		return err
	}
	logger := log.With(log.NewLogfmtLogger(log.NewSyncWriter(stdout)), "ts", log.DefaultTimestampUTC)

	var servers []*http.Server
	errc := make(chan error, 2)
	serve := func(name, addr string, h http.Handler) (string, error) {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return "", fmt.Errorf("%s: %w", name, err)
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
		servers = append(servers, srv)
		_ = logger.Log("server", name, "addr", ln.Addr().String(), "msg", "listening")
		go func() {
			if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("%s: %w", name, err)
			}
		}()
		return ln.Addr().String(), nil
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
		defer cancel()
		if serr := shutdownAll(sctx, servers); serr != nil {
			_ = logger.Log("msg", "shutdown", "err", serr)
			err = errors.Join(err, serr)
		}
	}()

	locations := inmem.NewLocationRepository(location.Samples())
	voyages := inmem.NewVoyageRepository(voyage.Samples())
	routingURL := cfg.routingURL
	if routingURL == "" {
		addr, err := serve("pathfinder", "127.0.0.1:0", routing.NewPathfinder(voyages, nil))
		if err != nil {
			return err
		}
		routingURL = "http://" + addr
	}
	routingClient := &http.Client{}
	defer routingClient.CloseIdleConnections()
	hystrix.ConfigureCommand(cfg.routingCircuit, hystrix.CommandConfig{
		Timeout:                int(cfg.routingTimeout / time.Millisecond),
		MaxConcurrentRequests:  100,
		RequestVolumeThreshold: 10,
		SleepWindow:            5000,
		ErrorPercentThreshold:  50,
	})
	rs, err := routing.NewProxyingService(routingURL, cfg.routingCircuit, httptransport.SetClient(routingClient))
	if err != nil {
		return err
	}

	reg := prometheus.NewRegistry()
	handler, err := newHandler(logger, reg, locations, voyages, rs)
	if err != nil {
		return err
	}
	addr, err := serve("http", cfg.httpAddr, handler)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(addr)
	}
	select {
	case <-ctx.Done():
		_ = logger.Log("msg", "shutting down")
		return nil
	case err := <-errc:
		return err
	}
}

// shutdownAll shuts servers down gracefully, in the reverse of their
// creation order: the HTTP API drains its requests while the in-process
// pathfinder they call is still serving. A server that does not drain in
// time (ctx) is closed, cutting its remaining requests. It returns the
// errors of the servers that did not shut down cleanly, joined.
func shutdownAll(ctx context.Context, servers []*http.Server) error {
	var errs []error
	for i := len(servers) - 1; i >= 0; i-- {
		if err := servers[i].Shutdown(ctx); err != nil {
			_ = servers[i].Close()
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// newHandler wires the bounded contexts over fresh in-memory repositories
// and returns the HTTP API, with the metrics, registered in reg, at
// /metrics.
func newHandler(logger log.Logger, reg *prometheus.Registry, locations location.Repository,
	voyages voyage.Repository, rs routing.Service) (http.Handler, error) {
	cargos := inmem.NewCargoRepository()
	events := &inmem.HandlingEventRepository{}
	inspector := inspection.NewService(cargos, events, eventLogger{log.With(logger, "component", "inspection")})

	bm, err := newMetrics(reg, "booking_service")
	if err != nil {
		return nil, err
	}
	hm, err := newMetrics(reg, "handling_service")
	if err != nil {
		return nil, err
	}
	tm, err := newMetrics(reg, "tracking_service")
	if err != nil {
		return nil, err
	}

	bs := booking.NewService(cargos, locations, events, rs)
	bs = booking.NewLoggingService(log.With(logger, "component", "booking"), bs)
	bs = booking.NewInstrumentingService(bm.requests, bm.duration, bs)

	hs := handling.NewService(events, cargos, voyages, locations, inspector)
	hs = handling.NewLoggingService(log.With(logger, "component", "handling"), hs)
	hs = handling.NewInstrumentingService(hm.requests, hm.duration, hs)

	ts := tracking.NewService(cargos, events, locations)
	ts = tracking.NewLoggingService(log.With(logger, "component", "tracking"), ts)
	ts = tracking.NewInstrumentingService(tm.requests, tm.duration, ts)

	httpLogger := log.With(logger, "component", "http")
	mux := http.NewServeMux()
	mux.Handle("/booking/v1/", booking.MakeHandler(bs, httpLogger))
	mux.Handle("/handling/v1/", handling.MakeHandler(hs, httpLogger))
	mux.Handle("/tracking/v1/", tracking.MakeHandler(ts, httpLogger))
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	return mux, nil
}

type serviceMetrics struct {
	requests metrics.Counter
	duration metrics.Histogram
}

// newMetrics registers the request counter and duration histogram of one
// service in reg, as api_<subsystem>_requests_total and
// api_<subsystem>_request_duration_seconds, labelled by method.
func newMetrics(reg prometheus.Registerer, subsystem string) (serviceMetrics, error) {
	requests, err := kitprometheus.NewCounterIn(reg, prometheus.CounterOpts{
		Namespace: "api", Subsystem: subsystem, Name: "requests_total",
		Help: "Number of requests received.",
	}, []string{"method"})
	if err != nil {
		return serviceMetrics{}, err
	}
	duration, err := kitprometheus.NewHistogramIn(reg, prometheus.HistogramOpts{
		Namespace: "api", Subsystem: subsystem, Name: "request_duration_seconds",
		Help: "Time spent processing requests.", Buckets: prometheus.DefBuckets,
	}, []string{"method"})
	if err != nil {
		return serviceMetrics{}, err
	}
	return serviceMetrics{requests: requests, duration: duration}, nil
}

// eventLogger is an inspection.EventHandler that logs what it is told.
type eventLogger struct{ logger log.Logger }

func (l eventLogger) CargoWasMisdirected(c cargo.Cargo) {
	_ = l.logger.Log("tracking_id", c.TrackingID, "location", c.Delivery.LastKnownLocation, "msg", "cargo misdirected")
}

func (l eventLogger) CargoHasArrived(c cargo.Cargo) {
	_ = l.logger.Log("tracking_id", c.TrackingID, "location", c.Delivery.LastKnownLocation, "msg", "cargo arrived")
}
