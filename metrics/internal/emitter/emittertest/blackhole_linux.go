//go:build linux

package emittertest

import (
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Blackhole returns a loopback TCP address that silently drops connection
// attempts, as a receiver behind a firewall does: a listener with the
// smallest backlog whose accept queue is filled and never drained, so the
// kernel ignores further SYNs and a dial hangs until it times out. It skips
// t when the kernel does not behave so.
func Blackhole(t testing.TB) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatalf("socket: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatalf("bind: %v", err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatalf("listen: %v", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatalf("getsockname: %v", err)
	}
	addr := (&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: sa.(*syscall.SockaddrInet4).Port}).String()
	for range 8 { // fill the accept queue until a dial hangs
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err != nil {
			return addr
		}
		t.Cleanup(func() { _ = c.Close() })
	}
	t.Skip("could not build a TCP blackhole: the kernel keeps accepting connections")
	return ""
}

// WaitDialing waits until a socket of this machine is trying to connect to
// addr (a Blackhole), that is in state SYN_SENT, or fails t when ctx is done.
func WaitDialing(ctx context.Context, t testing.TB, addr string) {
	t.Helper()
	a, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		t.Fatalf("WaitDialing: %v", err)
	}
	want := fmt.Sprintf(":%04X", a.Port)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		b, err := os.ReadFile("/proc/net/tcp")
		if err != nil {
			t.Skipf("WaitDialing: %v", err)
		}
		for _, l := range strings.Split(string(b), "\n")[1:] {
			f := strings.Fields(l)
			// sl local_address rem_address st ...; st 02 is SYN_SENT.
			if len(f) > 3 && strings.HasSuffix(f[2], want) && f[3] == "02" {
				return
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("WaitDialing: nothing dialled %s: %v", addr, ctx.Err())
		case <-tick.C:
		}
	}
}
