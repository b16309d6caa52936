package consul

import (
	"errors"

	consul "github.com/hashicorp/consul/api"
)

// Client is the part of the Consul API that the Instancer and Registrar of
// this package use. NewClient wraps a *consul.Client; tests may provide
// their own.
//
// The Instancer passes a QueryOptions carrying a context
// (QueryOptions.Context); a Client should abort a blocking Service call when
// that context ends, so that Instancer.Stop returns promptly.
type Client interface {
	// Register registers a service with the local agent.
	Register(r *consul.AgentServiceRegistration) error

	// Deregister deregisters the service r.ID from the local agent.
	Deregister(r *consul.AgentServiceRegistration) error

	// Service returns the health entries of the instances of service that
	// have the tag (all of them if tag is ""), only passing ones if
	// passingOnly. It is a blocking query when queryOpts.WaitIndex is set.
	Service(service, tag string, passingOnly bool, queryOpts *consul.QueryOptions) ([]*consul.ServiceEntry, *consul.QueryMeta, error)
}

var (
	// errNilRegistration is returned for a nil *AgentServiceRegistration.
	errNilRegistration = errors.New("consul: nil service registration")

	// errNilClient is published or logged when a nil Client is given, and
	// returned by the methods of NewClient(nil).
	errNilClient = errors.New("consul: nil client")
)

type client struct {
	consul *consul.Client
}

// NewClient returns a Client backed by c: Register and Deregister use the
// agent endpoints, Service the health endpoint. c is used as it is (its
// address, token, WaitTime...). A nil c gives a Client whose methods return
// an error (which an Instancer publishes and a Registrar logs).
func NewClient(c *consul.Client) Client {
	return &client{consul: c}
}

func (c *client) Register(r *consul.AgentServiceRegistration) error {
	if c.consul == nil {
		return errNilClient
	}
	if r == nil {
		return errNilRegistration
	}
	return c.consul.Agent().ServiceRegister(r)
}

func (c *client) Deregister(r *consul.AgentServiceRegistration) error {
	if c.consul == nil {
		return errNilClient
	}
	if r == nil {
		return errNilRegistration
	}
	return c.consul.Agent().ServiceDeregister(r.ID)
}

func (c *client) Service(service, tag string, passingOnly bool, queryOpts *consul.QueryOptions) ([]*consul.ServiceEntry, *consul.QueryMeta, error) {
	if c.consul == nil {
		return nil, nil, errNilClient
	}
	return c.consul.Health().Service(service, tag, passingOnly, queryOpts)
}
