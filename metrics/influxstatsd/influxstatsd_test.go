package influxstatsd_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/metrics/influxstatsd"
	"github.com/seedkit/kit/metrics/internal/emitter/emittertest"
)

func TestWriteToFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		lvs  []string
		do   func(d *influxstatsd.Influxstatsd)
		want string
	}{
		{"counter sums", nil, func(d *influxstatsd.Influxstatsd) {
			c := d.NewCounter("c", 1)
			c.Add(1)
			c.Add(2.5)
		}, "p.c:3.500000|c\n"},
		{"sample rate declared, not applied", nil, func(d *influxstatsd.Influxstatsd) {
			d.NewTiming("t", 0.5).With("a", "1").Observe(2)
		}, "p.t,a=1:2.000000|ms|@0.500000\n"},
		{"global and label tags", []string{"env", "prod"}, func(d *influxstatsd.Influxstatsd) {
			d.NewGauge("g").With("a", "1").Set(2)
		}, "p.g,env=prod,a=1:2.000000|g\n"},
		{"odd labels padded", nil, func(d *influxstatsd.Influxstatsd) {
			d.NewHistogram("h", 1).With("a").Observe(1)
		}, "p.h,a=unknown:1.000000|h\n"},
		{"odd global padded", []string{"env"}, func(d *influxstatsd.Influxstatsd) {
			d.NewCounter("c", 1).Add(1)
		}, "p.c,env=unknown:1.000000|c\n"},
		{"pair order is one series", nil, func(d *influxstatsd.Influxstatsd) {
			c := d.NewCounter("c", 1)
			c.With("a", "1", "b", "2").Add(1)
			c.With("b", "2").With("a", "1").Add(1)
		}, "p.c,a=1,b=2:2.000000|c\n"},
		{"kinds in order", nil, func(d *influxstatsd.Influxstatsd) {
			d.NewHistogram("h", 1).Observe(4)
			d.NewTiming("t", 1).Observe(3)
			d.NewGauge("g").Set(2)
			d.NewCounter("c", 1).Add(1)
		}, "p.c:1.000000|c\np.g:2.000000|g\np.t:3.000000|ms\np.h:4.000000|h\n"},
		{"each observation a line", nil, func(d *influxstatsd.Influxstatsd) {
			h := d.NewHistogram("h", 1)
			h.Observe(1)
			h.Observe(2)
		}, "p.h:1.000000|h\np.h:2.000000|h\n"},
		{"nothing recorded", nil, func(d *influxstatsd.Influxstatsd) {
			d.NewCounter("c", 1)
			d.NewGauge("g")
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := influxstatsd.New("p.", nil, tt.lvs...)
			tt.do(d)
			var buf bytes.Buffer
			n, err := d.WriteTo(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if n != int64(buf.Len()) {
				t.Fatalf("WriteTo counted %d bytes, wrote %d", n, buf.Len())
			}
			if buf.String() != tt.want {
				t.Fatalf("WriteTo wrote\n%q\nwant\n%q", buf.String(), tt.want)
			}
		})
	}
}

func TestGaugeKeepsValueAcrossWrites(t *testing.T) {
	t.Parallel()
	d := influxstatsd.New("", nil)
	g := d.NewGauge("g")
	g.Set(10)
	var buf bytes.Buffer
	_, _ = d.WriteTo(&buf)
	g.Add(1)
	buf.Reset()
	_, _ = d.WriteTo(&buf)
	if buf.String() != "g:11.000000|g\n" {
		t.Fatalf("second write %q, want g:11", buf.String())
	}
	buf.Reset()
	_, _ = d.WriteTo(&buf)
	if buf.Len() != 0 {
		t.Fatalf("untouched gauge written again: %q", buf.String())
	}
}

type packets struct{ writes []string }

func (p *packets) Write(b []byte) (int, error) {
	p.writes = append(p.writes, string(b))
	return len(b), nil
}

func TestMTU(t *testing.T) {
	t.Parallel()
	tests := []struct {
		mtu       int
		wantMax   int
		wantCount int
	}{
		{0, 16, 20},                       // one write per line
		{-5, 16, 20},                      // same
		{64, 56, 5},                       // 4 lines of 14 bytes per packet
		{influxstatsd.DefaultMTU, 320, 1}, // all in one
		{1 << 20, 320, 1},                 // no limit that matters
	}
	for _, tt := range tests {
		d := influxstatsd.New("", nil)
		h := d.NewHistogram("hh", 1)
		for i := range 20 {
			h.Observe(float64(i % 10)) // "hh:1.000000|h\n": 14 bytes
		}
		if tt.mtu != influxstatsd.DefaultMTU {
			d.SetMTU(tt.mtu)
		}
		var p packets
		if _, err := d.WriteTo(&p); err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, w := range p.writes {
			if len(w) > tt.wantMax {
				t.Errorf("mtu %d: write of %d bytes", tt.mtu, len(w))
			}
			if !strings.HasSuffix(w, "\n") {
				t.Errorf("mtu %d: write %q splits a line", tt.mtu, w)
			}
			total += len(w)
		}
		if total != 20*14 {
			t.Errorf("mtu %d: %d bytes in all, want %d", tt.mtu, total, 20*14)
		}
		if len(p.writes) != tt.wantCount {
			t.Errorf("mtu %d: %d writes, want %d", tt.mtu, len(p.writes), tt.wantCount)
		}
	}
}

func TestSendLoopUDP(t *testing.T) {
	t.Parallel()
	r := emittertest.Listen(t, "udp", "127.0.0.1:0")
	d := influxstatsd.New("p.", nil)
	c := d.NewCounter("hits", 1).With("k", "v")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tick := make(chan time.Time)
	var wg sync.WaitGroup
	wg.Go(func() { d.SendLoop(ctx, tick, "udp", r.Addr) })
	for range 50 {
		c.Add(1)
	}
	c.Add(-50)
	c.Add(7)
	if !r.WaitLine("p.hits,k=v:7.000000|c", 10*time.Second, func() { tick <- time.Now() }) {
		t.Fatalf("receiver got %q", r.Lines())
	}
	cancel()
	wg.Wait()
}

// TestReceiverDownBoundedMemory keeps the agent down for a million
// observations of each kind, sending periodically, and checks that the heap
// does not grow with them; then the agent comes back on the same address
// and data flows again.
func TestReceiverDownBoundedMemory(t *testing.T) {
	t.Parallel()
	addr := emittertest.FreeAddr(t, "udp")
	d := influxstatsd.New("p.", nil, "env", "test")
	c := d.NewCounter("c", 1).With("k", "v")
	g := d.NewGauge("g")
	h := d.NewHistogram("h", 1)
	tm := d.NewTiming("t", 1).With("route", "/")

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tick := make(chan time.Time)
	var wg sync.WaitGroup
	wg.Go(func() { d.SendLoop(ctx, tick, "udp", addr) })

	const n = 1_000_000
	before := emittertest.HeapAlloc()
	for i := range n {
		c.Add(1)
		g.Set(float64(i))
		h.Observe(float64(i))
		tm.Observe(float64(i))
		if i%20_000 == 0 {
			tick <- time.Now()
		}
	}
	tick <- time.Now()
	tick <- time.Now() // the loop took the previous tick: that write is done
	after := emittertest.HeapAlloc()
	const bound = 4 << 20
	if after > before && after-before > bound {
		t.Fatalf("heap grew by %d bytes over %d observations with the agent down (bound %d)", after-before, n, bound)
	}

	r := emittertest.Listen(t, "udp", addr)
	if !r.WaitLine("p.c,env=test,k=v:", 20*time.Second, func() {
		c.Add(1)
		tick <- time.Now()
	}) {
		t.Fatalf("no counter line after the agent came back; got %q", r.Lines())
	}
	cancel()
	wg.Wait()
}

func TestWriteToFailingWriterDropsEverything(t *testing.T) {
	t.Parallel()
	d := influxstatsd.New("", nil)
	d.NewCounter("c", 1).Add(1)
	d.NewTiming("t", 1).Observe(1)
	d.NewHistogram("h", 1).Observe(1)
	if _, err := d.WriteTo(emittertest.FailingWriter{}); !errors.Is(err, emittertest.ErrDown) {
		t.Fatalf("WriteTo = %v, want ErrDown", err)
	}
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil || buf.Len() != 0 {
		t.Fatalf("after a failed write, WriteTo wrote %q, %v; want nothing", buf.String(), err)
	}
}

func TestWriteLoopLogsErrors(t *testing.T) {
	t.Parallel()
	logged := make(chan []any, 1)
	logger := logFunc(func(kv ...any) error {
		select {
		case logged <- kv:
		default:
		}
		return nil
	})
	d := influxstatsd.New("", logger)
	d.NewCounter("c", 1).Add(1)
	ctx, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	var wg sync.WaitGroup
	wg.Go(func() { d.WriteLoop(ctx, tick, emittertest.FailingWriter{}) })
	tick <- time.Now()
	kv := <-logged
	cancel()
	wg.Wait()
	if len(kv) != 4 || kv[0] != "during" || kv[1] != "WriteTo" || kv[2] != "err" {
		t.Fatalf("logged %v", kv)
	}
}

type logFunc func(...any) error

func (f logFunc) Log(kv ...any) error { return f(kv...) }

// TestSendLoopStopsWhileDialing is a regression test: SendLoop used to dial
// without a timeout and ignore its context meanwhile, so against a receiver
// that drops connection attempts it hung for minutes after cancellation.
func TestSendLoopStopsWhileDialing(t *testing.T) {
	t.Parallel()
	d := influxstatsd.New("p.", nil)
	c := d.NewCounter("c", 1)
	emittertest.SendLoopStopsWhileDialing(t, func() { c.Add(1) }, d.SendLoop)
}
