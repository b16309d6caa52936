// Package integration gates kit's integration tests on the real servers that
// scripts/services.sh starts.
//
// A test asks for a server's address by the name of its environment variable:
//
//	addr := integration.Addr(t, "CONSUL_ADDR")
//
// When the variable is set, Addr returns it. When it is unset, the test is
// skipped with a message naming the variable, so that `make unit` and plain
// `go test ./...` stay green on a bare machine; but when KIT_INTEGRATION=1
// (set by `make test` and so by CI, after scripts/services.sh has started
// every server) a missing variable fails the test instead: integration tests
// are never silently skipped in CI.
package integration

import (
	"os"
	"os/exec"
	"testing"
)

// Required is the environment variable that turns a missing server into a
// test failure instead of a skip.
const Required = "KIT_INTEGRATION"

// Addr returns the value of the environment variable name, skipping t when
// it is unset, or failing t when it is unset and KIT_INTEGRATION=1.
func Addr(t testing.TB, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v != "" {
		return v
	}
	if os.Getenv(Required) == "1" {
		t.Fatalf("%s is not set but %s=1: scripts/services.sh did not start this server", name, Required)
	}
	t.Skipf("%s not set: run `make test`, or `eval \"$(scripts/services.sh up)\"` first", name)
	return ""
}

// Binary returns the path of the executable name on PATH, skipping t when
// there is none (failing it when KIT_INTEGRATION=1). Tests that restart a
// server start a private instance of it with this.
func Binary(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv(Required) == "1" {
		t.Fatalf("%s is not on PATH but %s=1: %v", name, Required, err)
	}
	t.Skipf("%s is not on PATH (install it with scripts/services.sh up): %v", name, err)
	return ""
}
