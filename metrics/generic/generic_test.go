package generic_test

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/teststat"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	t.Run("Counter", func(t *testing.T) {
		t.Parallel()
		c := generic.NewCounter("c")
		if err := teststat.TestCounter(c, c.Value); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("CounterWith", func(t *testing.T) {
		t.Parallel()
		c := generic.NewCounter("c").With("a", "1").(*generic.Counter)
		if err := teststat.TestCounter(c, c.Value); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Gauge", func(t *testing.T) {
		t.Parallel()
		g := generic.NewGauge("g")
		if err := teststat.TestGauge(g, func() []float64 { return []float64{g.Value()} }); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Histogram", func(t *testing.T) {
		t.Parallel()
		h := generic.NewHistogram("h", 50)
		quantiles := func() (float64, float64, float64, float64) {
			return h.Quantile(0.50), h.Quantile(0.90), h.Quantile(0.95), h.Quantile(0.99)
		}
		if err := teststat.TestHistogram(h, quantiles, 0.01); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("HistogramFewBuckets", func(t *testing.T) {
		t.Parallel()
		h := generic.NewHistogram("h", 10)
		quantiles := func() (float64, float64, float64, float64) {
			return h.Quantile(0.50), h.Quantile(0.90), h.Quantile(0.95), h.Quantile(0.99)
		}
		if err := teststat.TestHistogram(h, quantiles, 0.02); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCounterValueReset(t *testing.T) {
	t.Parallel()
	c := generic.NewCounter("c")
	c.Add(2)
	c.Add(3.5)
	if got := c.ValueReset(); got != 5.5 {
		t.Fatalf("ValueReset = %v, want 5.5", got)
	}
	if got := c.Value(); got != 0 {
		t.Fatalf("Value after ValueReset = %v, want 0", got)
	}
}

// TestCounterConcurrent checks that concurrent Adds and ValueResets lose
// nothing: every Add is counted by exactly one ValueReset or the final Value.
func TestCounterConcurrent(t *testing.T) {
	t.Parallel()
	c := generic.NewCounter("c")
	const workers, adds = 8, 1000
	var wg sync.WaitGroup
	var mu sync.Mutex
	var reset float64
	for range workers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range adds {
				c.Add(1)
			}
		}()
		go func() {
			defer wg.Done()
			for range adds / 10 {
				v := c.ValueReset()
				mu.Lock()
				reset += v
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if got, want := reset+c.Value(), float64(workers*adds); got != want {
		t.Fatalf("counted %v, want %v", got, want)
	}
}

func TestGaugeConcurrentAdd(t *testing.T) {
	t.Parallel()
	g := generic.NewGauge("g")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := 1.0
			if i%2 == 1 {
				d = -2
			}
			for range 500 {
				g.Add(d)
			}
		}()
	}
	wg.Wait()
	if got, want := g.Value(), 4*500.0-4*1000.0; got != want {
		t.Fatalf("Value = %v, want %v", got, want)
	}
}

func TestWith(t *testing.T) {
	t.Parallel()
	type labelled interface{ LabelValues() []string }
	tests := []struct {
		name  string
		calls [][]string
		want  []string
	}{
		{"none", nil, nil},
		{"one pair", [][]string{{"a", "1"}}, []string{"a", "1"}},
		{"two calls", [][]string{{"a", "1"}, {"b", "2"}}, []string{"a", "1", "b", "2"}},
		{"odd padded", [][]string{{"a"}}, []string{"a", "unknown"}},
		{"odd then pair", [][]string{{"a", "1", "b"}, {"c", "3"}}, []string{"a", "1", "b", "unknown", "c", "3"}},
		{"empty call", [][]string{{}, {"a", "1"}}, []string{"a", "1"}},
		{"order kept", [][]string{{"b", "2", "a", "1"}}, []string{"b", "2", "a", "1"}},
	}
	kinds := map[string]func(calls [][]string) labelled{
		"Counter": func(calls [][]string) labelled {
			var m metrics.Counter = generic.NewCounter("x")
			for _, c := range calls {
				m = m.With(c...)
			}
			return m.(labelled)
		},
		"Gauge": func(calls [][]string) labelled {
			var m metrics.Gauge = generic.NewGauge("x")
			for _, c := range calls {
				m = m.With(c...)
			}
			return m.(labelled)
		},
		"Histogram": func(calls [][]string) labelled {
			var m metrics.Histogram = generic.NewHistogram("x", 10)
			for _, c := range calls {
				m = m.With(c...)
			}
			return m.(labelled)
		},
		"SimpleHistogram": func(calls [][]string) labelled {
			var m metrics.Histogram = generic.NewSimpleHistogram()
			for _, c := range calls {
				m = m.With(c...)
			}
			return m.(labelled)
		},
	}
	for kind, build := range kinds {
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				if got := build(tt.calls).LabelValues(); !slices.Equal(got, tt.want) {
					t.Fatalf("LabelValues = %q, want %q", got, tt.want)
				}
			})
		}
	}
}

// TestWithIndependent checks that a metric returned by With starts from its
// parent's state and shares nothing with it afterwards, and that siblings
// never see each other's labels.
func TestWithState(t *testing.T) {
	t.Parallel()
	t.Run("Counter", func(t *testing.T) {
		t.Parallel()
		parent := generic.NewCounter("c").With("k", "v").(*generic.Counter)
		parent.Add(1)
		child := parent.With("a", "1").(*generic.Counter)
		sibling := parent.With("b", "2").(*generic.Counter)
		child.Add(10)
		if parent.Value() != 1 || child.Value() != 11 || sibling.Value() != 1 {
			t.Fatalf("parent %v child %v sibling %v, want 1 11 1", parent.Value(), child.Value(), sibling.Value())
		}
		if child.Name != "c" {
			t.Fatalf("Name = %q", child.Name)
		}
		if got := sibling.LabelValues(); !slices.Equal(got, []string{"k", "v", "b", "2"}) {
			t.Fatalf("sibling labels %q", got)
		}
		if got := child.LabelValues(); !slices.Equal(got, []string{"k", "v", "a", "1"}) {
			t.Fatalf("child labels %q", got)
		}
	})
	t.Run("Gauge", func(t *testing.T) {
		t.Parallel()
		parent := generic.NewGauge("g")
		parent.Set(5)
		child := parent.With("a", "1").(*generic.Gauge)
		child.Add(1)
		parent.Set(7)
		if parent.Value() != 7 || child.Value() != 6 {
			t.Fatalf("parent %v child %v, want 7 6", parent.Value(), child.Value())
		}
	})
	t.Run("Histogram shares its observations, as in Go kit", func(t *testing.T) {
		t.Parallel()
		parent := generic.NewHistogram("h", 10)
		parent.Observe(1)
		child := parent.With("a", "1").(*generic.Histogram)
		child.Observe(100)
		if got := parent.Quantile(1); got != 100 {
			t.Fatalf("parent max %v, want 100 (observed through the child)", got)
		}
		if got := child.Quantile(0); got != 1 {
			t.Fatalf("child min %v, want 1 (observed through the parent)", got)
		}
		if got := child.LabelValues(); !slices.Equal(got, []string{"a", "1"}) {
			t.Fatalf("child labels %q", got)
		}
		if child.Name != "h" {
			t.Fatalf("Name = %q", child.Name)
		}
	})
	t.Run("SimpleHistogram", func(t *testing.T) {
		t.Parallel()
		parent := generic.NewSimpleHistogram()
		parent.Observe(2)
		child := parent.With("a", "1").(*generic.SimpleHistogram)
		child.Observe(4)
		if parent.ApproximateMovingAverage() != 2 || child.ApproximateMovingAverage() != 3 {
			t.Fatalf("parent %v child %v, want 2 3", parent.ApproximateMovingAverage(), child.ApproximateMovingAverage())
		}
	})
}

func TestHistogramQuantile(t *testing.T) {
	t.Parallel()
	h := generic.NewHistogram("h", 50)
	if got := h.Quantile(0.5); got != -1 { // as Go kit
		t.Fatalf("empty Quantile = %v, want -1", got)
	}
	for i := 1; i <= 5; i++ {
		h.Observe(float64(i))
	}
	h.Observe(math.NaN()) // ignored
	tests := []struct {
		q, want float64
	}{
		{-1, 1}, {0, 1}, {0.5, 3}, {1, 5}, {2, 5},
	}
	for _, tt := range tests {
		if got := h.Quantile(tt.q); got != tt.want {
			t.Errorf("Quantile(%v) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if got := h.Quantile(math.NaN()); !math.IsNaN(got) {
		t.Errorf("Quantile(NaN) = %v, want NaN", got)
	}
}

func TestHistogramPrint(t *testing.T) {
	t.Parallel()
	h := generic.NewHistogram("latency", 5)
	var buf bytes.Buffer
	h.Print(&buf)
	if got := buf.String(); got != "latency: 0 observations\n" {
		t.Fatalf("empty Print = %q", got)
	}
	teststat.PopulateNormalHistogram(h, 1)
	buf.Reset()
	h.Print(&buf)
	out := buf.String()
	for _, want := range []string{"latency: 12345 observations", "p50 ", "p99 ", "value", "count", "#"} {
		if !strings.Contains(out, want) {
			t.Errorf("Print output lacks %q:\n%s", want, out)
		}
	}
	if lines := strings.Count(out, "\n"); lines != 3+5 {
		t.Errorf("Print wrote %d lines, want 8 (3 header lines, 5 buckets):\n%s", lines, out)
	}
	h.Print(nil) // must not panic
}

func TestSimpleHistogram(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		obs  []float64
		want float64
	}{
		{"empty", nil, 0},
		{"one", []float64{4}, 4},
		{"mean", []float64{1, 2, 3, 4}, 2.5},
		{"negative", []float64{-1, 1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := generic.NewSimpleHistogram()
			for _, v := range tt.obs {
				h.Observe(v)
			}
			if got := h.ApproximateMovingAverage(); math.Abs(got-tt.want) > 1e-12 {
				t.Fatalf("ApproximateMovingAverage = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSimpleHistogramConcurrent(t *testing.T) {
	t.Parallel()
	h := generic.NewSimpleHistogram()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 1000 {
				h.Observe(10)
				_ = h.ApproximateMovingAverage()
			}
		}()
	}
	wg.Wait()
	if got := h.ApproximateMovingAverage(); math.Abs(got-10) > 1e-9 {
		t.Fatalf("mean = %v, want 10", got)
	}
}
