// Package client is a profilesvc.Service whose every call goes to one of
// the profilesvc instances registered in Consul, found and followed with
// kit's service discovery: a consul Instancer, an sd.Endpointer per method
// turning instances into HTTP client endpoints, and a round-robin balancer
// with retries (lb.NewRoundRobin, lb.Retry).
//
//	consulClient, err := consulapi.NewClient(consulapi.DefaultConfig())
//	...
//	svc, err := client.New(consulsd.NewClient(consulClient), logger)
//	if err != nil { ... }
//	defer svc.Close()
//	p, err := svc.GetProfile(ctx, "1234")
//
// A call that fails on one instance (connection refused, a 5xx status) is
// retried on the next; a business error (profilesvc.ErrNotFound, ...) is
// returned at once, as it would be the same everywhere.
//
// Compared with Go kit's profilesvc/client: New takes a consul Client
// rather than an address, is configured with options, and returns a
// *Client whose Close stops the discovery goroutines it started (Go kit's
// ran forever).
package client

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/profilesvc"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	consulsd "github.com/seedkit/kit/sd/consul"
	"github.com/seedkit/kit/sd/lb"
	httptransport "github.com/seedkit/kit/transport/http"
)

// Client is a profilesvc.Service backed by the instances registered in
// Consul. Its methods are safe for concurrent use; call Close when done.
type Client struct {
	profilesvc.Endpoints
	instancer  *consulsd.Instancer
	endpointer []*sd.DefaultEndpointer
}

var _ profilesvc.Service = (*Client)(nil)

// Option configures New.
type Option func(*config)

type config struct {
	service      string
	tags         []string
	retryMax     int
	retryTimeout time.Duration
	httpClient   *http.Client
}

// ServiceName sets the Consul service to discover; the default is
// "profilesvc".
func ServiceName(name string) Option { return func(c *config) { c.service = name } }

// Tags restricts discovery to instances having every one of tags.
func Tags(tags ...string) Option { return func(c *config) { c.tags = tags } }

// Retry sets how many attempts a call makes at most and how long they may
// take together; the default is 3 attempts within 5 seconds.
func Retry(max int, timeout time.Duration) Option {
	return func(c *config) { c.retryMax, c.retryTimeout = max, timeout }
}

// HTTPClient sets the client the requests are sent with; the default is
// http.DefaultClient.
func HTTPClient(hc *http.Client) Option { return func(c *config) { c.httpClient = hc } }

// ErrNilClient is returned by New for a nil consul Client.
var ErrNilClient = errors.New("profilesvc/client: nil consul client")

// New returns a Client following the healthy instances of the profilesvc
// service in Consul. It queries Consul once before returning, so the
// instances registered then are used from the first call. logger (nil for
// none) receives discovery errors.
func New(consulClient consulsd.Client, logger log.Logger, options ...Option) (*Client, error) {
	if consulClient == nil {
		return nil, ErrNilClient
	}
	if logger == nil {
		logger = log.NewNopLogger()
	}
	cfg := config{service: "profilesvc", retryMax: 3, retryTimeout: 5 * time.Second}
	for _, o := range options {
		o(&cfg)
	}
	c := &Client{instancer: consulsd.NewInstancer(consulClient, logger, cfg.service, cfg.tags, true)}
	// balanced returns the endpoint, picked from Endpoints by method, of
	// the instance that the round robin picks for each call.
	balanced := func(method func(profilesvc.Endpoints) endpoint.Endpoint) endpoint.Endpoint {
		factory := func(instance string) (endpoint.Endpoint, io.Closer, error) {
			e, err := profilesvc.MakeClientEndpoints(instance, httptransport.SetClient(cfg.httpClient))
			if err != nil {
				return nil, nil, err
			}
			return method(e), nil, nil
		}
		endpointer := sd.NewEndpointer(c.instancer, factory, logger)
		c.endpointer = append(c.endpointer, endpointer)
		return lb.Retry(cfg.retryMax, cfg.retryTimeout, lb.NewRoundRobin(endpointer))
	}
	c.Endpoints = profilesvc.Endpoints{
		PostProfileEndpoint:   balanced(func(e profilesvc.Endpoints) endpoint.Endpoint { return e.PostProfileEndpoint }),
		GetProfileEndpoint:    balanced(func(e profilesvc.Endpoints) endpoint.Endpoint { return e.GetProfileEndpoint }),
		PutProfileEndpoint:    balanced(func(e profilesvc.Endpoints) endpoint.Endpoint { return e.PutProfileEndpoint }),
		PatchProfileEndpoint:  balanced(func(e profilesvc.Endpoints) endpoint.Endpoint { return e.PatchProfileEndpoint }),
		DeleteProfileEndpoint: balanced(func(e profilesvc.Endpoints) endpoint.Endpoint { return e.DeleteProfileEndpoint }),
		GetAddressesEndpoint:  balanced(func(e profilesvc.Endpoints) endpoint.Endpoint { return e.GetAddressesEndpoint }),
		GetAddressEndpoint:    balanced(func(e profilesvc.Endpoints) endpoint.Endpoint { return e.GetAddressEndpoint }),
		PostAddressEndpoint:   balanced(func(e profilesvc.Endpoints) endpoint.Endpoint { return e.PostAddressEndpoint }),
		DeleteAddressEndpoint: balanced(func(e profilesvc.Endpoints) endpoint.Endpoint { return e.DeleteAddressEndpoint }),
	}
	return c, nil
}

// Close stops following Consul and releases the endpoints. Calls made
// after Close fail with an error wrapping sd.ErrEndpointerClosed.
// Close returns nil; calling it again does nothing.
func (c *Client) Close() error {
	for _, e := range c.endpointer {
		e.Close()
	}
	c.instancer.Stop()
	return nil
}
