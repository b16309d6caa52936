package etcd_test

import (
	"testing"

	"github.com/seedkit/kit/sd/etcd"
)

// Nil inputs are errors, never panics.
func TestNilClient(t *testing.T) {
	t.Parallel()
	if in, err := etcd.NewInstancer(nil, "/svc/", nil); err == nil || in != nil {
		t.Errorf("NewInstancer(nil): got %v, %v; want an error", in, err)
	}
	logger := &recordLogger{}
	r := etcd.NewRegistrar(nil, etcd.Service{Key: "/k", Value: "v", TTL: etcd.NewTTLOption(0, 0)}, logger)
	r.Register()
	r.Deregister()
	if got := logger.text(); got == "" {
		t.Error("a Registrar with a nil client logged nothing")
	}
}
