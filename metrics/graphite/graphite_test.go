package graphite_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/metrics/graphite"
	"github.com/seedkit/kit/metrics/internal/emitter/emittertest"
)

var epoch = func() time.Time { return time.Unix(100, 0) }

func TestWriteToFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		do   func(g *graphite.Graphite)
		want string
	}{
		{"counter resets each write", func(g *graphite.Graphite) {
			c := g.NewCounter("c")
			c.Add(2)
			c.With("ignored", "x").Add(1)
		}, "p.c 3.000000 100\n"},
		{"same name, same metric", func(g *graphite.Graphite) {
			g.NewCounter("c").Add(1)
			g.NewCounter("c").Add(1)
		}, "p.c 2.000000 100\n"},
		{"empty histogram reports -1", func(g *graphite.Graphite) {
			g.NewHistogram("h", 10)
		}, "p.h.p50 -1.000000 100\np.h.p90 -1.000000 100\np.h.p95 -1.000000 100\np.h.p99 -1.000000 100\n"},
		{"sorted within kinds", func(g *graphite.Graphite) {
			g.NewGauge("z").Set(1)
			g.NewGauge("a").Set(2)
			g.NewCounter("m").Add(1)
		}, "p.m 1.000000 100\np.a 2.000000 100\np.z 1.000000 100\n"},
		{"unregistered metrics are never written", func(g *graphite.Graphite) {
			graphite.NewCounter("x").Add(1)
			graphite.NewGauge("y").Set(1)
			graphite.NewHistogram("z", 10).Observe(1)
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := graphite.New("p.", nil)
			g.SetClock(epoch)
			tt.do(g)
			var buf bytes.Buffer
			n, err := g.WriteTo(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want || n != int64(buf.Len()) {
				t.Fatalf("WriteTo wrote %q (counted %d), want %q", buf.String(), n, tt.want)
			}
		})
	}
}

func TestCounterResetAndGaugeKept(t *testing.T) {
	t.Parallel()
	g := graphite.New("", nil)
	g.SetClock(epoch)
	g.NewCounter("c").Add(5)
	g.NewGauge("g").Set(7)
	_, _ = g.WriteTo(&bytes.Buffer{})
	var buf bytes.Buffer
	_, _ = g.WriteTo(&buf)
	if buf.String() != "c 0.000000 100\ng 7.000000 100\n" {
		t.Fatalf("second write %q", buf.String())
	}
}

type packets struct{ writes []string }

func (p *packets) Write(b []byte) (int, error) {
	p.writes = append(p.writes, string(b))
	return len(b), nil
}

func TestMTU(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ mtu, writes int }{{0, 4}, {40, 2}, {1000, 1}} {
		g := graphite.New("", nil)
		g.SetClock(epoch)
		g.SetMTU(tt.mtu)
		g.NewHistogram("h", 10).Observe(1) // "h.p50 1.000000 100\n": 19 bytes
		var p packets
		if _, err := g.WriteTo(&p); err != nil {
			t.Fatal(err)
		}
		if len(p.writes) != tt.writes {
			t.Errorf("mtu %d: %d writes %q, want %d", tt.mtu, len(p.writes), p.writes, tt.writes)
		}
	}
}

// shortWriter accepts writes until budget bytes have gone through, then
// fails (a write crossing the budget is cut short).
type shortWriter struct {
	buf    bytes.Buffer
	budget int
}

func (w *shortWriter) Write(p []byte) (int, error) {
	if len(p) > w.budget {
		n := w.budget
		w.buf.Write(p[:n])
		w.budget = 0
		return n, emittertest.ErrDown
	}
	w.budget -= len(p)
	return w.buf.Write(p)
}

// TestWriteToFailureKeepsCounts is a regression test: one failed write used
// to lose what every counter had counted. Now the counters whose lines did
// not go out in full keep their count for the next write, and the others
// restart from zero.
func TestWriteToFailureKeepsCounts(t *testing.T) {
	t.Parallel()
	const lineLen = len("a 1.000000 100\n")
	tests := []struct {
		name   string
		mtu    int
		budget int    // bytes the failing writer accepts
		first  string // what the failing write delivered
		next   string // the next, successful, write
	}{
		{"nothing written", 0, 0, "",
			"a 1.000000 100\nb 2.000000 100\nc 3.000000 100\ng 7.000000 100\n"},
		{"one line per write, second fails", 0, lineLen, "a 1.000000 100\n",
			"a 0.000000 100\nb 2.000000 100\nc 3.000000 100\ng 7.000000 100\n"},
		{"batched, line cut short", 1000, lineLen + 4, "a 1.000000 100\nb 2.",
			"a 0.000000 100\nb 2.000000 100\nc 3.000000 100\ng 7.000000 100\n"},
		{"all counters out, gauge fails", 0, 3 * lineLen, "a 1.000000 100\nb 2.000000 100\nc 3.000000 100\n",
			"a 0.000000 100\nb 0.000000 100\nc 0.000000 100\ng 7.000000 100\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := graphite.New("", nil)
			g.SetClock(epoch)
			g.SetMTU(tt.mtu)
			g.NewCounter("a").Add(1)
			g.NewCounter("b").Add(2)
			g.NewCounter("c").Add(3)
			g.NewGauge("g").Set(7)
			w := &shortWriter{budget: tt.budget}
			if _, err := g.WriteTo(w); !errors.Is(err, emittertest.ErrDown) {
				t.Fatalf("WriteTo = %v, want ErrDown", err)
			}
			if got := w.buf.String(); got != tt.first {
				t.Fatalf("failing write delivered %q, want %q", got, tt.first)
			}
			var buf bytes.Buffer
			if _, err := g.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.next {
				t.Fatalf("next write %q, want %q", buf.String(), tt.next)
			}
		})
	}
}

// A counter that keeps failing holds one number, whatever it counts.
func TestWriteToFailuresAccumulate(t *testing.T) {
	t.Parallel()
	g := graphite.New("", nil)
	g.SetClock(epoch)
	c := g.NewCounter("c")
	for range 3 {
		c.Add(5)
		if _, err := g.WriteTo(emittertest.FailingWriter{}); !errors.Is(err, emittertest.ErrDown) {
			t.Fatalf("WriteTo = %v", err)
		}
	}
	var buf bytes.Buffer
	_, _ = g.WriteTo(&buf)
	if buf.String() != "c 15.000000 100\n" {
		t.Fatalf("after three failed writes: %q", buf.String())
	}
}

// TestReceiverDownThenBack keeps carbon down (TCP: every dial refused) for a
// million observations, sending periodically, checks that the heap stays
// flat, then starts carbon on the same address and waits for data.
func TestReceiverDownThenBack(t *testing.T) {
	t.Parallel()
	addr := emittertest.FreeAddr(t, "tcp")
	g := graphite.New("p.", nil)
	c := g.NewCounter("c")
	ga := g.NewGauge("g")
	h := g.NewHistogram("h", 50)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tick := make(chan time.Time)
	var wg sync.WaitGroup
	wg.Go(func() { g.SendLoop(ctx, tick, "tcp", addr) })

	const n = 1_000_000
	before := emittertest.HeapAlloc()
	for i := range n {
		c.Add(1)
		ga.Set(float64(i))
		h.Observe(float64(i % 1000))
		if i%20_000 == 0 {
			tick <- time.Now()
		}
	}
	tick <- time.Now()
	tick <- time.Now()
	after := emittertest.HeapAlloc()
	const bound = 4 << 20
	if after > before && after-before > bound {
		t.Fatalf("heap grew by %d bytes with carbon down (bound %d)", after-before, bound)
	}

	r := emittertest.Listen(t, "tcp", addr)
	if !r.WaitLine("p.c ", 30*time.Second, func() {
		c.Add(1)
		tick <- time.Now()
	}) {
		t.Fatalf("nothing received after carbon came back; got %q", r.Lines())
	}
	cancel()
	wg.Wait()
	for _, l := range r.Lines() {
		if f := strings.Fields(l); len(f) != 3 {
			t.Fatalf("malformed line %q", l)
		}
	}
}

// TestSendLoopStopsWhileDialing is a regression test: SendLoop used to dial
// without a timeout and ignore its context meanwhile, so against a receiver
// that drops connection attempts it hung for minutes after cancellation.
func TestSendLoopStopsWhileDialing(t *testing.T) {
	t.Parallel()
	g := graphite.New("p.", nil)
	c := g.NewCounter("c")
	emittertest.SendLoopStopsWhileDialing(t, func() { c.Add(1) }, g.SendLoop)
}
