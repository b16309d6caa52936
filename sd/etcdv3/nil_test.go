package etcdv3_test

import (
	"testing"

	"github.com/seedkit/kit/sd/etcdv3"
)

// Nil inputs are errors, never panics.
func TestNilClient(t *testing.T) {
	t.Parallel()
	if in, err := etcdv3.NewInstancer(nil, "/svc/", nil); err == nil || in != nil {
		t.Errorf("NewInstancer(nil): got %v, %v; want an error", in, err)
	}
	logger := &recordLogger{}
	r := etcdv3.NewRegistrar(nil, etcdv3.Service{Key: "/k", Value: "v", TTL: etcdv3.NewTTLOption(0, 0)}, logger)
	r.Register()
	r.Deregister()
	if got := logger.text(); got == "" {
		t.Error("a Registrar with a nil client logged nothing")
	}
}
