package apicompat_test

import (
	stdconsul "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/consul"
)

// type Client interface { Register, Deregister, Service }
type consulClient interface {
	Register(r *stdconsul.AgentServiceRegistration) error
	Deregister(r *stdconsul.AgentServiceRegistration) error
	Service(service, tag string, passingOnly bool, queryOpts *stdconsul.QueryOptions) ([]*stdconsul.ServiceEntry, *stdconsul.QueryMeta, error)
}

var (
	_ consul.Client = consulClient(nil)
	_ consulClient  = consul.Client(nil)

	// type Instancer struct { _ unexported }
	_ func(*consul.Instancer, chan<- sd.Event) = (*consul.Instancer).Deregister
	_ func(*consul.Instancer, chan<- sd.Event) = (*consul.Instancer).Register
	_ func(*consul.Instancer)                  = (*consul.Instancer).Stop
	_ sd.Instancer                             = (*consul.Instancer)(nil)

	// type Registrar struct { _ unexported }
	_ func(*consul.Registrar) = (*consul.Registrar).Deregister
	_ func(*consul.Registrar) = (*consul.Registrar).Register
	_ sd.Registrar            = (*consul.Registrar)(nil)

	_ func(*stdconsul.Client) consul.Client                                                  = consul.NewClient
	_ func(consul.Client, log.Logger, string, []string, bool) *consul.Instancer              = consul.NewInstancer
	_ func(consul.Client, *stdconsul.AgentServiceRegistration, log.Logger) *consul.Registrar = consul.NewRegistrar
)
