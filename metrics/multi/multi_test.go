package multi_test

import (
	"slices"
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/multi"
	"github.com/seedkit/kit/metrics/teststat"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	t.Run("Counter", func(t *testing.T) {
		t.Parallel()
		a, b := generic.NewCounter("a"), generic.NewCounter("b")
		c := multi.NewCounter(a, nil, b)
		// Both members must hold the sum: report it only if they agree.
		value := func() float64 {
			if a.Value() != b.Value() {
				return -1
			}
			return a.Value()
		}
		if err := teststat.TestCounter(c, value); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Gauge", func(t *testing.T) {
		t.Parallel()
		a, b := generic.NewGauge("a"), generic.NewGauge("b")
		g := multi.NewGauge(a, b)
		if err := teststat.TestGauge(g, func() []float64 { return []float64{a.Value()} }); err != nil {
			t.Fatal(err)
		}
		if a.Value() != b.Value() {
			t.Fatalf("members disagree: %v and %v", a.Value(), b.Value())
		}
	})
	t.Run("Histogram", func(t *testing.T) {
		t.Parallel()
		a, b := generic.NewHistogram("a", 50), generic.NewHistogram("b", 50)
		h := multi.NewHistogram(a, b)
		quantiles := func() (float64, float64, float64, float64) {
			return a.Quantile(0.50), a.Quantile(0.90), a.Quantile(0.95), a.Quantile(0.99)
		}
		if err := teststat.TestHistogram(h, quantiles, 0.01); err != nil {
			t.Fatal(err)
		}
		// Both members saw the same observations in the same order.
		for _, q := range []float64{0, 0.5, 0.9, 0.99, 1} {
			if a.Quantile(q) != b.Quantile(q) {
				t.Fatalf("members disagree at %v: %v and %v", q, a.Quantile(q), b.Quantile(q))
			}
		}
	})
}

func TestWith(t *testing.T) {
	t.Parallel()
	labels := func(m any) []string { return m.(interface{ LabelValues() []string }).LabelValues() }
	want := []string{"a", "1"}

	c := multi.NewCounter(generic.NewCounter("x"), nil, generic.NewCounter("y")).With("a", "1").(multi.Counter)
	if len(c) != 3 || c[1] != nil {
		t.Fatalf("Counter.With gave %v", c)
	}
	g := multi.NewGauge(generic.NewGauge("x"), generic.NewGauge("y")).With("a", "1").(multi.Gauge)
	h := multi.NewHistogram(generic.NewHistogram("x", 5), generic.NewSimpleHistogram()).With("a", "1").(multi.Histogram)
	for _, m := range []any{c[0], c[2], g[0], g[1], h[0], h[1]} {
		if got := labels(m); !slices.Equal(got, want) {
			t.Errorf("%T labels %q, want %q", m, got, want)
		}
	}
}

func TestEmpty(t *testing.T) {
	t.Parallel()
	var c metrics.Counter = multi.NewCounter()
	c.With("a", "1").Add(1)
	var g metrics.Gauge = multi.NewGauge()
	g.Set(1)
	g.With().Add(1)
	var h metrics.Histogram = multi.NewHistogram()
	h.With("a").Observe(1)
}

func BenchmarkCounterAdd(b *testing.B) {
	c := multi.NewCounter(generic.NewCounter("a"), generic.NewCounter("b"))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Add(1)
		}
	})
}
