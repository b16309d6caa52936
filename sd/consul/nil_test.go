package consul_test

import (
	"testing"
	"time"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/sd/consul"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

// Nil inputs are errors, never panics.
func TestNilClient(t *testing.T) {
	t.Parallel()
	in := consul.NewInstancer(nil, nil, "svc", nil, false)
	ch := sdtest.Subscribe(t, in)
	sdtest.AwaitErr(t, ch, time.Second)
	in.Stop()
	logger := &recordLogger{}
	r := consul.NewRegistrar(nil, &consulapi.AgentServiceRegistration{Name: "svc"}, logger)
	r.Register()
	r.Deregister()
	if got := logger.text(); got == "" {
		t.Error("a Registrar with a nil client logged nothing")
	}
}
