package apicompat_test

import (
	"io"
	"testing"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
)

// Interfaces, checked both ways.
type (
	sdInstancer = interface {
		Register(chan<- sd.Event)
		Deregister(chan<- sd.Event)
		Stop()
	}
	sdEndpointer = interface {
		Endpoints() ([]endpoint.Endpoint, error)
	}
	sdRegistrar = interface {
		Register()
		Deregister()
	}
)

var (
	_ sd.Instancer  = sdInstancer(nil)
	_ sdInstancer   = sd.Instancer(nil)
	_ sd.Endpointer = sdEndpointer(nil)
	_ sdEndpointer  = sd.Endpointer(nil)
	_ sd.Registrar  = sdRegistrar(nil)
	_ sdRegistrar   = sd.Registrar(nil)

	_ sd.Instancer  = sd.FixedInstancer(nil)
	_ sd.Endpointer = sd.FixedEndpointer(nil)
	_ sd.Endpointer = (*sd.DefaultEndpointer)(nil)
)

// type Event struct { Instances []string Err error }
var _ = sd.Event(struct {
	Instances []string
	Err       error
}{})

// Defined types, converted both ways.
var (
	_ sd.Factory                                                  = func(string) (endpoint.Endpoint, io.Closer, error) { return nil, nil, nil }
	_ func(instance string) (endpoint.Endpoint, io.Closer, error) = sd.Factory(nil)
	_ sd.FixedEndpointer                                          = []endpoint.Endpoint(nil)
	_ []endpoint.Endpoint                                         = sd.FixedEndpointer(nil)
	_ sd.FixedInstancer                                           = []string(nil)
	_ []string                                                    = sd.FixedInstancer(nil)
)

func _(v any) {
	switch v.(type) {
	case sd.Factory:
	case func(string) (endpoint.Endpoint, io.Closer, error):
	case sd.FixedEndpointer:
	case []endpoint.Endpoint:
	case sd.FixedInstancer:
	case []string:
	}
}

// Methods, with the listed receivers.
var (
	_ func(*sd.DefaultEndpointer)                              = (*sd.DefaultEndpointer).Close
	_ func(*sd.DefaultEndpointer) ([]endpoint.Endpoint, error) = (*sd.DefaultEndpointer).Endpoints
	_ func(sd.FixedEndpointer) ([]endpoint.Endpoint, error)    = sd.FixedEndpointer.Endpoints
	_ func(sd.FixedInstancer, chan<- sd.Event)                 = sd.FixedInstancer.Deregister
	_ func(sd.FixedInstancer, chan<- sd.Event)                 = sd.FixedInstancer.Register
	_ func(sd.FixedInstancer)                                  = sd.FixedInstancer.Stop
)

// Functions.
var (
	_ func(time.Duration) sd.EndpointerOption                                                  = sd.InvalidateOnError
	_ func(sd.Instancer, sd.Factory, log.Logger, ...sd.EndpointerOption) *sd.DefaultEndpointer = sd.NewEndpointer
)

func TestSDValues(t *testing.T) {
	t.Parallel()
	ch := make(chan sd.Event, 1)
	sd.FixedInstancer{"a:1"}.Register(ch)
	if ev := <-ch; len(ev.Instances) != 1 || ev.Instances[0] != "a:1" || ev.Err != nil {
		t.Errorf("FixedInstancer.Register sent %+v", ev)
	}
	e := sd.NewEndpointer(sd.FixedInstancer{"a:1"}, func(string) (endpoint.Endpoint, io.Closer, error) {
		return endpoint.Nop, nil, nil
	}, log.NewNopLogger(), sd.InvalidateOnError(time.Second))
	defer e.Close()
	if eps, err := e.Endpoints(); len(eps) != 1 || err != nil {
		t.Errorf("Endpoints: got %d, %v", len(eps), err)
	}
}
