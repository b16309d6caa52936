package expvar_test

import (
	stdexpvar "expvar"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/seedkit/kit/metrics/expvar"
	"github.com/seedkit/kit/metrics/teststat"
)

// runs numbers the runs of tests in this process: expvar names are global,
// so each run (under -count > 1) publishes names of its own.
var runs atomic.Int64

func runPrefix() string { return fmt.Sprintf("r%d_", runs.Add(1)) }

// value reads the published Float named name, failing t if there is none.
func value(t *testing.T, name string) float64 {
	t.Helper()
	f, ok := stdexpvar.Get(name).(*stdexpvar.Float)
	if !ok {
		t.Fatalf("%s: published %T, want *expvar.Float", name, stdexpvar.Get(name))
	}
	return f.Value()
}

func TestConformance(t *testing.T) {
	run := runPrefix()
	t.Parallel()
	t.Run("Counter", func(t *testing.T) {
		t.Parallel()
		c := expvar.NewCounter(run + "conformance_counter")
		if err := teststat.TestCounter(c, func() float64 { return value(t, run+"conformance_counter") }); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Gauge", func(t *testing.T) {
		t.Parallel()
		g := expvar.NewGauge(run + "conformance_gauge")
		if err := teststat.TestGauge(g, func() []float64 { return []float64{value(t, run+"conformance_gauge")} }); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Histogram", func(t *testing.T) {
		t.Parallel()
		h := expvar.NewHistogram(run+"conformance_histogram", 50)
		quantiles := func() (float64, float64, float64, float64) {
			return value(t, run+"conformance_histogram.p50"), value(t, run+"conformance_histogram.p90"),
				value(t, run+"conformance_histogram.p95"), value(t, run+"conformance_histogram.p99")
		}
		if err := teststat.TestHistogram(h, quantiles, 0.01); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWithIgnoresLabels(t *testing.T) {
	run := runPrefix()
	t.Parallel()
	c := expvar.NewCounter(run + "with_counter")
	c.With("a", "1").Add(1)
	c.With("odd").Add(2)
	g := expvar.NewGauge(run + "with_gauge")
	g.With("a", "1").Set(5)
	h := expvar.NewHistogram(run+"with_histogram", 10)
	h.With("a", "1").Observe(7)
	if c.With("a") != c || g.With("a") != g || h.With("a") != h {
		t.Fatal("With returned a different metric")
	}
	if got := value(t, run+"with_counter"); got != 3 {
		t.Errorf("counter = %v, want 3", got)
	}
	if got := value(t, run+"with_gauge"); got != 5 {
		t.Errorf("gauge = %v, want 5", got)
	}
	if got := value(t, run+"with_histogram.p99"); got != 7 {
		t.Errorf("histogram p99 = %v, want 7", got)
	}
}

// TestDuplicateNames checks that names already published never make the
// constructors panic: a Float is shared, another type leaves the metric
// unpublished.
func TestDuplicateNames(t *testing.T) {
	// Names are global to the process: a run of its own under -count > 1.
	run := runPrefix()
	t.Parallel()
	t.Run("same name shares the Float", func(t *testing.T) {
		t.Parallel()
		a := expvar.NewCounter(run + "dup_counter")
		b := expvar.NewCounter(run + "dup_counter")
		g := expvar.NewGauge(run + "dup_counter")
		a.Add(1)
		b.Add(2)
		g.Add(3)
		if got := value(t, run+"dup_counter"); got != 6 {
			t.Fatalf("published %v, want 6", got)
		}
	})
	t.Run("Float published by someone else", func(t *testing.T) {
		t.Parallel()
		f := stdexpvar.NewFloat(run + "dup_foreign_float")
		expvar.NewGauge(run + "dup_foreign_float").Set(4)
		if f.Value() != 4 {
			t.Fatalf("foreign Float = %v, want 4", f.Value())
		}
	})
	t.Run("other type stays unpublished", func(t *testing.T) {
		t.Parallel()
		s := stdexpvar.NewString(run + "dup_string")
		s.Set("kept")
		c := expvar.NewCounter(run + "dup_string")
		c.Add(1)
		h := expvar.NewHistogram(run+"dup_hist", 10)
		stdexpvar.NewInt(run + "dup_int.p50")
		i := expvar.NewHistogram(run+"dup_int", 10)
		i.Observe(1)
		h.Observe(1)
		if got := stdexpvar.Get(run + "dup_string").String(); got != `"kept"` {
			t.Fatalf("dup_string = %s, want \"kept\"", got)
		}
		if got := value(t, run+"dup_int.p90"); got != 1 {
			t.Fatalf("dup_int.p90 = %v, want 1", got)
		}
	})
	t.Run("concurrent constructors", func(t *testing.T) {
		t.Parallel()
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				expvar.NewCounter(run + "dup_concurrent").Add(1)
				expvar.NewHistogram(fmt.Sprint(run+"dup_concurrent_h", i%2), 10).Observe(1)
			}()
		}
		wg.Wait()
		if got := value(t, run+"dup_concurrent"); got != 8 {
			t.Fatalf("published %v, want 8", got)
		}
	})
}

func TestHistogramBuckets(t *testing.T) {
	t.Parallel()
	h := expvar.NewHistogram("zero_buckets", 0) // uses the default
	for i := 1; i <= 100; i++ {
		h.Observe(float64(i))
	}
	if got := value(t, "zero_buckets.p50"); got < 45 || got > 55 {
		t.Fatalf("p50 = %v, want about 50", got)
	}
}

func BenchmarkCounterAdd(b *testing.B) {
	c := expvar.NewCounter("bench_counter")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Add(1)
		}
	})
}

func BenchmarkHistogramObserve(b *testing.B) {
	h := expvar.NewHistogram("bench_histogram", 50)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		h.Observe(float64(i % 1000))
	}
}
