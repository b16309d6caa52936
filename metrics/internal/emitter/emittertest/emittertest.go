// Package emittertest holds test helpers shared by the tests of kit's line
// backends: loopback receivers that can be down and come back on the same
// address, a writer that always fails, and a heap measurement.
package emittertest

import (
	"bufio"
	"context"
	"errors"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// ErrDown is what FailingWriter returns.
var ErrDown = errors.New("emittertest: receiver down")

// FailingWriter is an io.Writer whose every Write fails with ErrDown.
type FailingWriter struct{}

func (FailingWriter) Write([]byte) (int, error) { return 0, ErrDown }

// HeapAlloc runs the garbage collector and returns the bytes of live heap.
func HeapAlloc() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// FreeAddr returns a loopback address on network ("udp" or "tcp") that
// nothing listens on: it binds a port and releases it.
func FreeAddr(t testing.TB, network string) string {
	t.Helper()
	switch network {
	case "udp":
		c, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := c.LocalAddr().String()
		_ = c.Close()
		return addr
	default:
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		_ = l.Close()
		return addr
	}
}

// Receiver collects what a backend sends: every datagram (UDP) or every line
// (TCP). It stops when the test ends.
type Receiver struct {
	Addr string

	mu      sync.Mutex
	packets []string
	lines   []string
	notify  chan struct{}
}

// Listen starts a Receiver on addr ("127.0.0.1:0" for any port).
func Listen(t testing.TB, network, addr string) *Receiver {
	t.Helper()
	r := &Receiver{notify: make(chan struct{}, 1)}
	var wg sync.WaitGroup
	switch network {
	case "udp":
		c, err := net.ListenPacket("udp", addr)
		if err != nil {
			t.Fatalf("listen udp %s: %v", addr, err)
		}
		r.Addr = c.LocalAddr().String()
		wg.Go(func() {
			buf := make([]byte, 64<<10)
			for {
				n, _, err := c.ReadFrom(buf)
				if err != nil {
					return
				}
				r.add(string(buf[:n]))
			}
		})
		t.Cleanup(func() { _ = c.Close(); wg.Wait() })
	default:
		l, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatalf("listen tcp %s: %v", addr, err)
		}
		r.Addr = l.Addr().String()
		var (
			connMu sync.Mutex
			conns  []net.Conn
		)
		wg.Go(func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				connMu.Lock()
				conns = append(conns, c)
				connMu.Unlock()
				wg.Go(func() {
					s := bufio.NewScanner(c)
					for s.Scan() {
						r.add(s.Text() + "\n")
					}
				})
			}
		})
		t.Cleanup(func() {
			_ = l.Close()
			connMu.Lock()
			for _, c := range conns {
				_ = c.Close()
			}
			connMu.Unlock()
			wg.Wait()
		})
	}
	return r
}

func (r *Receiver) add(p string) {
	r.mu.Lock()
	r.packets = append(r.packets, p)
	for l := range strings.Lines(p) {
		r.lines = append(r.lines, strings.TrimSuffix(l, "\n"))
	}
	r.mu.Unlock()
	select {
	case r.notify <- struct{}{}:
	default:
	}
}

// Packets returns the datagrams (UDP) or lines (TCP) received so far.
func (r *Receiver) Packets() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.packets...)
}

// Lines returns the lines received so far, without newlines.
func (r *Receiver) Lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.lines...)
}

// WaitLine calls poke, then waits a little for a line containing want,
// repeating until one arrives or timeout passes. It reports whether one
// arrived.
func (r *Receiver) WaitLine(want string, timeout time.Duration, poke func()) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		poke()
		for _, l := range r.Lines() {
			if strings.Contains(l, want) {
				return true
			}
		}
		timer := time.NewTimer(20 * time.Millisecond)
		select {
		case <-r.notify:
		case <-timer.C:
		}
		timer.Stop()
	}
	return false
}

// SendLoopStopsWhileDialing checks that a SendLoop dialling a Blackhole over
// TCP returns soon after its context is cancelled: poke records a metric so
// that the tick has something to send, sendLoop is the backend's SendLoop.
func SendLoopStopsWhileDialing(t *testing.T, poke func(), sendLoop func(ctx context.Context, c <-chan time.Time, network, address string)) {
	t.Helper()
	addr := Blackhole(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tick := make(chan time.Time)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sendLoop(ctx, tick, "tcp", addr)
	}()
	defer func() { cancel(); <-done }() // also when WaitDialing fails
	poke()
	tick <- time.Now()
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	WaitDialing(wctx, t, addr)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second): // far below a blocked dial's minutes
		t.Error("SendLoop still dialling 5s after its context was cancelled")
		<-done
	}
}
