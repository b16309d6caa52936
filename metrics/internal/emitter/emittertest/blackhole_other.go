//go:build !linux

package emittertest

import (
	"context"
	"testing"
)

// Blackhole skips t: building a TCP address that drops connection attempts
// relies on Linux's handling of a full accept queue.
func Blackhole(t testing.TB) string {
	t.Helper()
	t.Skip("TCP blackhole needs Linux")
	return ""
}

// WaitDialing skips t (see Blackhole).
func WaitDialing(_ context.Context, t testing.TB, _ string) {
	t.Helper()
	t.Skip("TCP blackhole needs Linux")
}
