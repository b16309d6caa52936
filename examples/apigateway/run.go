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
	consulWait           time.Duration // wait time of the blocking queries; 0: Consul's default
}

// consulDialTimeout bounds connecting to the Consul agent.
const consulDialTimeout = 5 * time.Second

// consulHeaderTimeout returns how long the gateway waits for the answer to
// a Consul query that blocks for up to wait: Consul holds an idle blocking
// query for the wait time plus up to 1/16 of it, so anything much longer
// means the agent accepted the connection but will never answer.
func consulHeaderTimeout(wait time.Duration) time.Duration {
	return wait + wait/4 + 2*time.Second
}

// newConsulTransport returns the transport of the Consul API client: unlike
// consulapi.DefaultConfig's, it gives up on an agent that does not accept
// the connection within consulDialTimeout or does not answer a query within
// consulHeaderTimeout(wait), so that a hung agent makes queries fail (and
// the Instancers retry) instead of blocking start-up and discovery forever.
func newConsulTransport(wait time.Duration) *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: consulDialTimeout, KeepAlive: 30 * time.Second}).DialContext,
		ResponseHeaderTimeout: consulHeaderTimeout(wait),
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}
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
	fs.DurationVar(&cfg.consulWait, "consul-wait", time.Minute, "wait time of Consul's blocking queries (a query unanswered for 1.25 times as long plus 2s fails)")
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
	case cfg.consulWait <= 0:
		return config{}, fmt.Errorf("-consul-wait %v: want a positive duration", cfg.consulWait)
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
	consulTransport := newConsulTransport(cfg.consulWait)
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
	defer ln.Close() // for the early returns; Serve closes it otherwise

	// newGateway queries Consul once per service before returning. A
	// signal then must not wait for those queries: until newGateway
	// returns, ctx's end cancels them (startupClient). Afterwards the
	// queries are left alone, so that discovery keeps going while the
	// requests in flight drain.
	startup, endStartup := context.WithCancel(context.Background())
	defer endStartup()
	stopLink := context.AfterFunc(ctx, endStartup)
	gw := newGateway(startupClient{consulsd.NewClient(consulClient), startup}, &http.Client{Transport: upstreamTransport}, cfg, logger)
	defer gw.Close()
	if !stopLink() || ctx.Err() != nil {
		return nil // stopped during start-up
	}

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

// startupClient is a consulsd.Client whose queries also end with ctx.
type startupClient struct {
	consulsd.Client
	ctx context.Context
}

func (c startupClient) Service(service, tag string, passingOnly bool, q *consulapi.QueryOptions) ([]*consulapi.ServiceEntry, *consulapi.QueryMeta, error) {
	if q == nil {
		q = &consulapi.QueryOptions{}
	}
	ctx, cancel := context.WithCancel(q.Context())
	defer cancel()
	defer context.AfterFunc(c.ctx, cancel)()
	return c.Client.Service(service, tag, passingOnly, q.WithContext(ctx))
}
