package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	consulsd "github.com/seedkit/kit/sd/consul"
	"github.com/seedkit/kit/sd/lb"
)

// gateway routes /addsvc/ and /stringsvc/ to the instances of those services
// that Consul lists as passing. Its ServeHTTP is safe for concurrent use;
// Close stops the discovery behind it.
type gateway struct {
	http.Handler
	addsvc, stringsvc *upstream
}

// newGateway returns a gateway discovering the services named in cfg
// through client and calling them with hc. The caller must Close it.
func newGateway(client consulsd.Client, hc *http.Client, cfg config, logger log.Logger) *gateway {
	addsvc := newUpstream(client, cfg.addsvcService, cfg, logger)
	stringsvc := newUpstream(client, cfg.stringsvcService, cfg, logger)

	addEndpoints := addendpoint.Set{
		SumEndpoint:    addsvc.endpoint(addsvcFactory(addendpoint.MakeSumEndpoint, hc)),
		ConcatEndpoint: addsvc.endpoint(addsvcFactory(addendpoint.MakeConcatEndpoint, hc)),
	}
	uppercase := stringsvc.endpoint(stringsvcFactory("uppercase", decodeStringsvcResponse[uppercaseResponse], hc))
	count := stringsvc.endpoint(stringsvcFactory("count", decodeStringsvcResponse[countResponse], hc))

	mux := http.NewServeMux()
	mux.Handle("/addsvc/", http.StripPrefix("/addsvc",
		addtransport.NewHTTPHandler(addEndpoints, log.With(logger, "route", "addsvc"))))
	mux.Handle("/stringsvc/", http.StripPrefix("/stringsvc",
		newStringsvcHandler(uppercase, count, log.With(logger, "route", "stringsvc"))))
	return &gateway{Handler: mux, addsvc: addsvc, stringsvc: stringsvc}
}

// Close stops following Consul. Requests served afterwards fail.
func (g *gateway) Close() {
	g.addsvc.close()
	g.stringsvc.close()
}

// addsvcFactory returns an sd.Factory making, for an addsvc instance, the
// endpoint that makeEndpoint builds on addsvc's HTTP client. The client
// returns business errors inside the response (addendpoint's Failer
// responses), so Retry takes them for answers and does not retry them.
func addsvcFactory(makeEndpoint func(addservice.Service) endpoint.Endpoint, hc *http.Client) sd.Factory {
	return func(instance string) (endpoint.Endpoint, io.Closer, error) {
		svc, err := addtransport.NewHTTPClient(instance, hc)
		if err != nil {
			return nil, nil, err
		}
		return makeEndpoint(svc), nil, nil
	}
}

// upstream is one discovered service: a Consul Instancer and the
// Endpointers of its methods.
type upstream struct {
	service     string
	instancer   *consulsd.Instancer
	retry       func(lb.Balancer) endpoint.Endpoint
	logger      log.Logger
	endpointers []*sd.DefaultEndpointer // appended to during newGateway only
}

func newUpstream(client consulsd.Client, service string, cfg config, logger log.Logger) *upstream {
	u := &upstream{
		service: service,
		// The Instancer logs the service. Its blocking queries wait
		// cfg.consulWait, within the Consul transport's header timeout.
		instancer: consulsd.NewInstancerWithOptions(client, logger, service, nil, true,
			consulsd.InstancerWaitTime(cfg.consulWait)),
		logger: log.With(logger, "service", service),
	}
	opts := []lb.RetryOption{lb.WithCallback(func(n int, err error) (bool, error) {
		// With no instance at all, trying again a few microseconds later
		// would find none either.
		return n < cfg.retryMax && !errors.Is(err, lb.ErrNoEndpoints), nil
	})}
	if cfg.retryAttemptTimeout > 0 {
		opts = append(opts, lb.WithAttemptTimeout(cfg.retryAttemptTimeout))
	}
	u.retry = func(b lb.Balancer) endpoint.Endpoint {
		return lb.RetryWithOptions(cfg.retryMax, cfg.retryTimeout, b, opts...)
	}
	return u
}

// endpoint returns an endpoint that calls the endpoint f makes for one of
// the service's instances, round robin, with retries. When there is no
// instance, it fails with a noInstanceError.
func (u *upstream) endpoint(f sd.Factory) endpoint.Endpoint {
	endpointer := sd.NewEndpointer(u.instancer, f, u.logger)
	u.endpointers = append(u.endpointers, endpointer)
	balanced := u.retry(lb.NewRoundRobin(endpointer))
	return func(ctx context.Context, request any) (any, error) {
		response, err := balanced(ctx, request)
		if err != nil && errors.Is(err, lb.ErrNoEndpoints) {
			return nil, noInstanceError{service: u.service, err: err}
		}
		return response, err
	}
}

// close stops the Endpointers, then the Instancer feeding them.
func (u *upstream) close() {
	for _, e := range u.endpointers {
		e.Close()
	}
	u.instancer.Stop()
}

// noInstanceError is the error of a call made while Consul listed no
// passing instance of the service.
type noInstanceError struct {
	service string
	err     error // the balancer's
}

func (e noInstanceError) Error() string {
	return "no healthy instance of " + e.service + ": " + e.err.Error()
}

func (e noInstanceError) Unwrap() error { return e.err }

// StatusCode makes the stringsvc routes answer 503.
func (noInstanceError) StatusCode() int { return http.StatusServiceUnavailable }

// instanceURL returns the base URL of an instance given as "host:port".
func instanceURL(instance string) (*url.URL, error) {
	return url.Parse("http://" + instance)
}
