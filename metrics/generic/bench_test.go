package generic_test

import (
	"testing"

	"github.com/seedkit/kit/metrics/generic"
)

func BenchmarkCounterAdd(b *testing.B) {
	c := generic.NewCounter("c")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Add(1)
		}
	})
}

func BenchmarkCounterWith(b *testing.B) {
	c := generic.NewCounter("c").With("service", "adder")
	b.ReportAllocs()
	for b.Loop() {
		c.With("method", "sum").Add(1)
	}
}

func BenchmarkGaugeSetAdd(b *testing.B) {
	g := generic.NewGauge("g")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			g.Set(1)
			g.Add(1)
		}
	})
}

func BenchmarkHistogramObserve(b *testing.B) {
	h := generic.NewHistogram("h", 50)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			h.Observe(float64(i % 1000))
		}
	})
}

func BenchmarkHistogramQuantile(b *testing.B) {
	h := generic.NewHistogram("h", 50)
	for i := range 10000 {
		h.Observe(float64(i % 1000))
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = h.Quantile(0.99)
	}
}

func BenchmarkSimpleHistogramObserve(b *testing.B) {
	h := generic.NewSimpleHistogram()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			h.Observe(1)
		}
	})
}
