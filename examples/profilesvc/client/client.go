// Package client is a profilesvc.Service whose every call goes to one of
// the profilesvc instances registered in Consul, found and followed with
// kit's service discovery: a consul Instancer, an sd.Endpointer per method
// turning instances into HTTP client endpoints, and a round-robin balancer
// with retries (lb.NewRoundRobin, lb.Retry).
//
//	consulClient, err := consulapi.NewClient(client.ConsulConfig("localhost:8500", client.DefaultWaitTime))
//	...
//	svc, err := client.New(consulsd.NewClient(consulClient), logger)
//	if err != nil { ... }
//	defer svc.Close()
//	p, err := svc.GetProfile(ctx, "1234")
//
// New queries Consul before returning, then follows it with blocking
// queries of DefaultWaitTime (WaitTime changes it). consulapi.DefaultConfig's
// HTTP transport has no response timeout: with it, an agent that accepts
// connections but never answers blocks New, and later discovery, forever.
// ConsulConfig's transport gives up connecting after ConsulDialTimeout and
// waiting for an answer after ConsulResponseTimeout(wait), longer than a
// blocking query of the wait time can take; the failed query is then
// published as a discovery error (calls fail with it), and retried with
// backoff. Pass New's wait time to ConsulConfig, or configure your own
// transport likewise.
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
	"net"
	"net/http"
	"time"

	consulapi "github.com/hashicorp/consul/api"

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
	waitTime     time.Duration
}

// DefaultWaitTime is the wait time of New's blocking queries to Consul,
// unless changed with WaitTime.
const DefaultWaitTime = time.Minute

// ConsulDialTimeout bounds connecting to the Consul agent with the
// transport of ConsulConfig.
const ConsulDialTimeout = 5 * time.Second

// ConsulResponseTimeout returns how long the transport of ConsulConfig
// waits for the answer to a query blocking for up to wait: Consul answers
// an idle blocking query after the wait time plus up to a sixteenth of it,
// so much longer means that the agent will never answer.
func ConsulResponseTimeout(wait time.Duration) time.Duration {
	return wait + wait/4 + 2*time.Second
}

// ConsulConfig returns consulapi.DefaultConfig() for the agent at address
// (if not empty), with an HTTP transport of its own whose dial timeout is
// ConsulDialTimeout and whose ResponseHeaderTimeout is
// ConsulResponseTimeout(wait), wait being the wait time of New's queries
// (0 for DefaultWaitTime). Call CloseIdleConnections on its Transport when
// done with the client.
func ConsulConfig(address string, wait time.Duration) *consulapi.Config {
	if wait <= 0 {
		wait = DefaultWaitTime
	}
	cfg := consulapi.DefaultConfig()
	if address != "" {
		cfg.Address = address
	}
	t := cfg.Transport.Clone()
	t.DialContext = (&net.Dialer{Timeout: ConsulDialTimeout, KeepAlive: 30 * time.Second}).DialContext
	t.ResponseHeaderTimeout = ConsulResponseTimeout(wait)
	cfg.Transport = t
	return cfg
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

// WaitTime sets the wait time of the blocking queries following Consul;
// the default is DefaultWaitTime. Non-positive values keep the default.
// Use the same value for ConsulConfig.
func WaitTime(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.waitTime = d
		}
	}
}

// ErrNilClient is returned by New for a nil consul Client.
var ErrNilClient = errors.New("profilesvc/client: nil consul client")

// New returns a Client following the healthy instances of the profilesvc
// service in Consul. It queries Consul once before returning, so the
// instances registered then are used from the first call; if that query
// fails, New still returns a Client, whose calls fail with the discovery
// error until a later query succeeds. How long the query may take is up to
// consulClient's HTTP transport: see ConsulConfig. logger (nil for none)
// receives discovery errors.
func New(consulClient consulsd.Client, logger log.Logger, options ...Option) (*Client, error) {
	if consulClient == nil {
		return nil, ErrNilClient
	}
	if logger == nil {
		logger = log.NewNopLogger()
	}
	cfg := config{service: "profilesvc", retryMax: 3, retryTimeout: 5 * time.Second, waitTime: DefaultWaitTime}
	for _, o := range options {
		o(&cfg)
	}
	c := &Client{instancer: consulsd.NewInstancerWithOptions(consulClient, logger, cfg.service, cfg.tags, true,
		consulsd.InstancerWaitTime(cfg.waitTime))}
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
