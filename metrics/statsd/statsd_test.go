package statsd_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/metrics/internal/emitter/emittertest"
	"github.com/seedkit/kit/metrics/statsd"
)

func TestWriteToFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		do   func(s *statsd.Statsd)
		want string
	}{
		{"counter sums, labels ignored", func(s *statsd.Statsd) {
			c := s.NewCounter("c", 1)
			c.Add(1)
			c.With("a", "b").Add(2.5)
		}, "p.c:3.500000|c\n"},
		{"counter rate", func(s *statsd.Statsd) {
			s.NewCounter("c", 0.25).Add(1)
		}, "p.c:1.000000|c|@0.250000\n"},
		{"gauge last value, no rate", func(s *statsd.Statsd) {
			g := s.NewGauge("g")
			g.Set(5)
			g.Add(2)
		}, "p.g:7.000000|g\n"},
		{"timing every value", func(s *statsd.Statsd) {
			tm := s.NewTiming("t", 1)
			tm.Observe(1)
			tm.With("x").Observe(2)
		}, "p.t:1.000000|ms\np.t:2.000000|ms\n"},
		{"kinds in order, names sorted", func(s *statsd.Statsd) {
			s.NewTiming("t", 1).Observe(3)
			s.NewGauge("g").Set(2)
			s.NewCounter("b", 1).Add(1)
			s.NewCounter("a", 1).Add(1)
		}, "p.a:1.000000|c\np.b:1.000000|c\np.g:2.000000|g\np.t:3.000000|ms\n"},
		{"nothing recorded", func(s *statsd.Statsd) { s.NewCounter("c", 1) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := statsd.New("p.", nil)
			tt.do(s)
			var buf bytes.Buffer
			n, err := s.WriteTo(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want || n != int64(buf.Len()) {
				t.Fatalf("WriteTo wrote %q (counted %d), want %q", buf.String(), n, tt.want)
			}
		})
	}
}

func TestGaugeAddAfterWrite(t *testing.T) {
	t.Parallel()
	s := statsd.New("", nil)
	g := s.NewGauge("g")
	g.Set(10)
	_, _ = s.WriteTo(&bytes.Buffer{})
	g.Add(1)
	var buf bytes.Buffer
	_, _ = s.WriteTo(&buf)
	if buf.String() != "g:11.000000|g\n" {
		t.Fatalf("got %q, want g:11 (the value, not the delta)", buf.String())
	}
}

type packets struct{ writes []string }

func (p *packets) Write(b []byte) (int, error) {
	p.writes = append(p.writes, string(b))
	return len(b), nil
}

func TestMTU(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ mtu, writes int }{{0, 10}, {30, 5}, {1000, 1}} {
		s := statsd.New("", nil)
		s.SetMTU(tt.mtu)
		tm := s.NewTiming("t", 1)
		for range 10 {
			tm.Observe(1) // "t:1.000000|ms\n": 14 bytes
		}
		var p packets
		if _, err := s.WriteTo(&p); err != nil {
			t.Fatal(err)
		}
		if len(p.writes) != tt.writes {
			t.Errorf("mtu %d: %d writes %q, want %d", tt.mtu, len(p.writes), p.writes, tt.writes)
		}
	}
}

func TestSendLoopUDP(t *testing.T) {
	t.Parallel()
	r := emittertest.Listen(t, "udp", "127.0.0.1:0")
	s := statsd.New("p.", nil)
	c := s.NewCounter("hits", 1)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tick := make(chan time.Time)
	var wg sync.WaitGroup
	wg.Go(func() { s.SendLoop(ctx, tick, "udp", r.Addr) })
	c.Add(3)
	if !r.WaitLine("p.hits:3.000000|c", 10*time.Second, func() { tick <- time.Now() }) {
		t.Fatalf("receiver got %q", r.Lines())
	}
	cancel()
	wg.Wait()
}

func TestReceiverDownBoundedMemory(t *testing.T) {
	t.Parallel()
	addr := emittertest.FreeAddr(t, "udp")
	s := statsd.New("p.", nil)
	c := s.NewCounter("c", 1)
	g := s.NewGauge("g")
	tm := s.NewTiming("t", 1)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tick := make(chan time.Time)
	var wg sync.WaitGroup
	wg.Go(func() { s.SendLoop(ctx, tick, "udp", addr) })

	const n = 1_000_000
	before := emittertest.HeapAlloc()
	for i := range n {
		c.Add(1)
		g.Add(1)
		tm.Observe(float64(i))
		if i%20_000 == 0 {
			tick <- time.Now()
		}
	}
	tick <- time.Now()
	tick <- time.Now()
	after := emittertest.HeapAlloc()
	const bound = 4 << 20
	if after > before && after-before > bound {
		t.Fatalf("heap grew by %d bytes over %d observations with the receiver down (bound %d)", after-before, n, bound)
	}

	r := emittertest.Listen(t, "udp", addr)
	if !r.WaitLine("p.c:", 20*time.Second, func() {
		c.Add(1)
		tick <- time.Now()
	}) {
		t.Fatalf("no counter line after the receiver came back; got %q", r.Lines())
	}
	cancel()
	wg.Wait()
}

func TestWriteToFailingWriterDropsEverything(t *testing.T) {
	t.Parallel()
	s := statsd.New("", nil)
	s.NewCounter("c", 1).Add(1)
	s.NewTiming("t", 1).Observe(1)
	if _, err := s.WriteTo(emittertest.FailingWriter{}); !errors.Is(err, emittertest.ErrDown) {
		t.Fatalf("WriteTo = %v, want ErrDown", err)
	}
	var buf bytes.Buffer
	if _, err := s.WriteTo(&buf); err != nil || buf.Len() != 0 {
		t.Fatalf("after a failed write, WriteTo wrote %q, %v; want nothing", buf.String(), err)
	}
}

func TestNilLogger(t *testing.T) {
	t.Parallel()
	s := statsd.New("", nil)
	s.NewCounter("c", 1).Add(1)
	ctx, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	var wg sync.WaitGroup
	wg.Go(func() { s.WriteLoop(ctx, tick, emittertest.FailingWriter{}) })
	tick <- time.Now()
	tick <- time.Now()
	cancel()
	wg.Wait()
}

// TestSendLoopStopsWhileDialing is a regression test: SendLoop used to dial
// without a timeout and ignore its context meanwhile, so against a receiver
// that drops connection attempts it hung for minutes after cancellation.
func TestSendLoopStopsWhileDialing(t *testing.T) {
	t.Parallel()
	s := statsd.New("p.", nil)
	c := s.NewCounter("c", 1)
	emittertest.SendLoopStopsWhileDialing(t, func() { c.Add(1) }, s.SendLoop)
}
