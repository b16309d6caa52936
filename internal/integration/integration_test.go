package integration_test

import (
	"testing"

	"github.com/seedkit/kit/internal/integration"
)

func TestAddrSet(t *testing.T) {
	t.Setenv("KIT_TEST_ADDR", "127.0.0.1:1")
	if got := integration.Addr(t, "KIT_TEST_ADDR"); got != "127.0.0.1:1" {
		t.Fatalf("Addr = %q, want 127.0.0.1:1", got)
	}
}

func TestAddrUnsetSkips(t *testing.T) {
	t.Setenv(integration.Required, "")
	t.Setenv("KIT_TEST_ADDR", "")
	ran := false
	t.Run("inner", func(t *testing.T) {
		integration.Addr(t, "KIT_TEST_ADDR")
		ran = true
	})
	if ran {
		t.Fatal("Addr returned for an unset variable; want a skip")
	}
}

func TestBinaryFound(t *testing.T) {
	if p := integration.Binary(t, "go"); p == "" {
		t.Fatal("Binary(go) returned empty path")
	}
}
