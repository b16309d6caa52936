package influx_test

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	influxdb "github.com/influxdata/influxdb1-client/v2"

	"github.com/seedkit/kit/metrics/influx"
	"github.com/seedkit/kit/metrics/internal/emitter/emittertest"
)

// recorder is a BatchPointsWriter keeping the line protocol of each batch.
type recorder struct {
	batches []string
	err     error
}

func (r *recorder) Write(bp influxdb.BatchPoints) error {
	if r.err != nil {
		return r.err
	}
	var lines []string
	for _, p := range bp.Points() {
		lines = append(lines, p.String())
	}
	r.batches = append(r.batches, strings.Join(lines, "\n"))
	return nil
}

func newInflux() *influx.Influx {
	in := influx.New(map[string]string{"svc": "api"}, influxdb.BatchPointsConfig{Database: "db"}, nil)
	in.SetClock(func() time.Time { return time.Unix(1, 0) })
	return in
}

func TestWriteTo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		do   func(in *influx.Influx)
		want string
	}{
		{"counter", func(in *influx.Influx) {
			c := in.NewCounter("c").With("k", "v")
			c.Add(1)
			c.Add(2)
		}, "c,k=v,svc=api count=3 1000000000"},
		{"gauge", func(in *influx.Influx) {
			g := in.NewGauge("g")
			g.Set(5)
			g.Add(-1)
		}, "g,svc=api value=4 1000000000"},
		{"label overrides a global tag", func(in *influx.Influx) {
			in.NewCounter("c").With("svc", "other").Add(1)
		}, "c,svc=other count=1 1000000000"},
		{"histogram quantiles", func(in *influx.Influx) {
			h := in.NewHistogram("h")
			for range 10 {
				h.Observe(7)
			}
		}, "h,svc=api p50=7,p90=7,p95=7,p99=7 1000000000"},
		{"nothing", func(in *influx.Influx) { in.NewCounter("c") }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := newInflux()
			tt.do(in)
			var r recorder
			if err := in.WriteTo(&r); err != nil {
				t.Fatal(err)
			}
			if len(r.batches) != 1 || r.batches[0] != tt.want {
				t.Fatalf("batches %q, want [%q]", r.batches, tt.want)
			}
		})
	}
}

func TestWriteToErrors(t *testing.T) {
	t.Parallel()
	in := newInflux()
	c := in.NewCounter("c")
	c.Add(1)
	boom := errors.New("boom")
	if err := in.WriteTo(&recorder{err: boom}); !errors.Is(err, boom) {
		t.Fatalf("WriteTo = %v, want boom", err)
	}
	var r recorder
	_ = in.WriteTo(&r)
	if r.batches[0] != "" {
		t.Fatalf("a failed write was kept: %q", r.batches)
	}
	c.Add(1)
	if err := in.WriteTo(nil); !errors.Is(err, influx.ErrNilWriter) {
		t.Fatalf("nil writer: %v", err)
	}
	bad := influx.New(nil, influxdb.BatchPointsConfig{Precision: "fortnight"}, nil)
	bad.NewCounter("c").Add(1)
	if err := bad.WriteTo(&r); err == nil {
		t.Fatal("invalid precision accepted")
	}
}

func TestGaugeKeepsValueAcrossWrites(t *testing.T) {
	t.Parallel()
	in := newInflux()
	g := in.NewGauge("g")
	g.Set(10)
	_ = in.WriteTo(&recorder{})
	g.Add(1)
	var r recorder
	_ = in.WriteTo(&r)
	if r.batches[0] != "g,svc=api value=11 1000000000" {
		t.Fatalf("got %q", r.batches)
	}
}

// TestGaugeLabelSetsAreFreed is a regression test: every label set a gauge
// ever had used to be kept forever, so memory grew with label cardinality.
// Not parallel: it measures the heap.
func TestGaugeLabelSetsAreFreed(t *testing.T) {
	in := newInflux()
	g := in.NewGauge("g")
	const rounds, perRound = 5, 20_000
	var before uint64
	for round := range rounds {
		for i := range perRound {
			g.With("conn", strconv.Itoa(round*perRound+i)).Set(1)
		}
		var r recorder
		if err := in.WriteTo(&r); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(r.batches[0], "\n") + 1; n != perRound {
			t.Fatalf("round %d wrote %d points, want %d", round, n, perRound)
		}
		if round == 0 {
			before = emittertest.HeapAlloc()
		}
	}
	after := emittertest.HeapAlloc()
	const bound = 4 << 20 // the 80k label sets kept would take tens of MiB
	if after > before && after-before > bound {
		t.Fatalf("heap grew by %d bytes over %d one-shot gauge label sets (bound %d)", after-before, (rounds-1)*perRound, bound)
	}
	runtime.KeepAlive(in)
}

// TestHeldLabelledGaugeKeepsValue: a Gauge returned by With that is still
// referred to keeps its value across writes and garbage collections.
func TestHeldLabelledGaugeKeepsValue(t *testing.T) {
	t.Parallel()
	in := newInflux()
	g := in.NewGauge("g").With("k", "v")
	g.Set(10)
	_ = in.WriteTo(&recorder{})
	runtime.GC()
	runtime.GC()
	g.Add(1)
	in.NewGauge("g").With("k", "v").Add(1) // the same label set while g lives
	var r recorder
	if err := in.WriteTo(&r); err != nil {
		t.Fatal(err)
	}
	if want := "g,k=v,svc=api value=12 1000000000"; len(r.batches) != 1 || r.batches[0] != want {
		t.Fatalf("got %q, want %q", r.batches, want)
	}
	runtime.KeepAlive(g)
}
