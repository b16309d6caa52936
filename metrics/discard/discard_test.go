package discard_test

import (
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/discard"
)

func TestZeroAllocs(t *testing.T) {
	tests := []struct {
		name string
		fn   func()
	}{
		{"NewCounter", func() { _ = discard.NewCounter() }},
		{"Counter", func() { discard.NewCounter().With("a", "1").Add(1) }},
		{"Gauge", func() {
			g := discard.NewGauge().With("a", "1")
			g.Set(1)
			g.Add(1)
		}},
		{"Histogram", func() { discard.NewHistogram().With("a", "1").Observe(1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tt.fn); n != 0 {
				t.Fatalf("%v allocations per run, want 0", n)
			}
		})
	}
}

func TestWithReturnsSameKind(t *testing.T) {
	t.Parallel()
	var c metrics.Counter = discard.NewCounter()
	var g metrics.Gauge = discard.NewGauge()
	var h metrics.Histogram = discard.NewHistogram()
	if c.With("a") != c || g.With("a") != g || h.With("a") != h {
		t.Fatal("With returned a different metric")
	}
}

var sink metrics.Counter

func BenchmarkCounter(b *testing.B) {
	c := discard.NewCounter()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.With("method", "GET").Add(1)
		}
	})
}

func BenchmarkHistogram(b *testing.B) {
	h := discard.NewHistogram()
	b.ReportAllocs()
	for b.Loop() {
		h.With("method", "GET").Observe(1)
	}
	sink = discard.NewCounter()
}
