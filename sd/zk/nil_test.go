package zk_test

import (
	"testing"

	"github.com/seedkit/kit/sd/zk"
)

// Nil inputs are errors, never panics.
func TestNilClient(t *testing.T) {
	t.Parallel()
	if in, err := zk.NewInstancer(nil, "/svc", nil); err == nil || in != nil {
		t.Errorf("NewInstancer(nil): got %v, %v; want an error", in, err)
	}
	logger := &recordLogger{}
	r := zk.NewRegistrar(nil, zk.Service{Path: "/a", Name: "b"}, logger)
	r.Register()
	r.Deregister()
	if got := logger.text(); got == "" {
		t.Error("a Registrar with a nil client logged nothing")
	}
}
