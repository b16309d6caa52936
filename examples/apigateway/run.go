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

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/log"
	consulsd "github.com/seedkit/kit/sd/consul"
)

// config is the gateway's configuration, from the command line.
type config struct {
	consulAddr, httpAddr string
	addsvcService        string // Consul service name of addsvc
	stringsvcService     string // Consul service name of stringsvc
	retryMax             int
	retryTimeout         time.Duration
	retryAttemptTimeout  time.Duration // 0: attempts share retryTimeout
	shutdownTimeout      time.Duration
}

func parseFlags(args []string, output io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("apigateway", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.StringVar(&cfg.consulAddr, "consul-addr", "localhost:8500", "Consul agent address")
	fs.StringVar(&cfg.httpAddr, "http-addr", "localhost:8000", "HTTP listen address")
	fs.StringVar(&cfg.addsvcService, "addsvc-service", "addsvc", "Consul service name of addsvc")
	fs.StringVar(&cfg.stringsvcService, "stringsvc-service", "stringsvc", "Consul service name of stringsvc")
	fs.IntVar(&cfg.retryMax, "retry-max", 3, "attempts per request, on different instances when possible")
	fs.DurationVar(&cfg.retryTimeout, "retry-timeout", 500*time.Millisecond, "time allowed for all attempts of a request")
	fs.DurationVar(&cfg.retryAttemptTimeout, "retry-attempt-timeout", 0, "time allowed for one attempt (0: no limit but -retry-timeout)")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long in-flight requests may take at shutdown")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	switch {
	case fs.NArg() > 0:
		return config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	case cfg.retryMax < 1:
		return config{}, fmt.Errorf("-retry-max %d: want at least 1", cfg.retryMax)
	case cfg.retryTimeout <= 0:
		return config{}, fmt.Errorf("-retry-timeout %v: want a positive duration", cfg.retryTimeout)
	case cfg.retryAttemptTimeout < 0:
		return config{}, fmt.Errorf("-retry-attempt-timeout %v: want 0 or a positive duration", cfg.retryAttemptTimeout)
	case cfg.addsvcService == "" || cfg.stringsvcService == "":
		return config{}, errors.New("-addsvc-service and -stringsvc-service must not be empty")
	}
	return cfg, nil
}

// run serves the gateway until ctx is done, then drains the requests in
// flight and stops discovery. ready, if not nil, gets the bound address.
func run(ctx context.Context, args []string, stdout io.Writer, ready func(addr string)) error {
	cfg, err := parseFlags(args, stdout)
	if err != nil {
		return err
	}
	logger := log.With(log.NewLogfmtLogger(log.NewSyncWriter(stdout)), "ts", log.DefaultTimestampUTC)

	// Both HTTP clients get transports of their own, so that shutdown can
	// close their idle connections.
	consulTransport := &http.Transport{MaxIdleConnsPerHost: 4, IdleConnTimeout: 90 * time.Second}
	defer consulTransport.CloseIdleConnections()
	consulConfig := consulapi.DefaultConfig()
	consulConfig.Address = cfg.consulAddr
	consulConfig.Transport = consulTransport
	consulClient, err := consulapi.NewClient(consulConfig)
	if err != nil {
		return fmt.Errorf("consul client: %w", err)
	}
	upstreamTransport := &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second}
	defer upstreamTransport.CloseIdleConnections()

	ln, err := net.Listen("tcp", cfg.httpAddr)
	if err != nil {
		return err
	}
	gw := newGateway(consulsd.NewClient(consulClient), &http.Client{Transport: upstreamTransport}, cfg, logger)
	defer gw.Close()

	srv := &http.Server{Handler: gw, ReadHeaderTimeout: 10 * time.Second}
	_ = logger.Log("msg", "listening", "addr", ln.Addr().String(), "consul", cfg.consulAddr)
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close() // the drain timed out: cut the remaining requests
		<-errc
		return fmt.Errorf("shutdown: %w", err)
	}
	<-errc
	return nil
}
