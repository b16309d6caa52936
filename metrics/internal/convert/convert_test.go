package convert_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/internal/convert"
	"github.com/seedkit/kit/metrics/teststat"
)

// The conformance suite runs on each adapter whose source kind can carry the
// target kind's contract, and on round trips back to the source kind.
func TestConformance(t *testing.T) {
	t.Parallel()
	t.Run("HistogramAsCounter of CounterAsHistogram", func(t *testing.T) {
		t.Parallel()
		c := generic.NewCounter("c")
		if err := teststat.TestCounter(convert.NewHistogramAsCounter(convert.NewCounterAsHistogram(c)), c.Value); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("GaugeAsCounter", func(t *testing.T) {
		t.Parallel()
		g := generic.NewGauge("g")
		if err := teststat.TestCounter(convert.NewGaugeAsCounter(g), g.Value); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("GaugeAsCounter of CounterAsGauge", func(t *testing.T) {
		t.Parallel()
		c := generic.NewCounter("c")
		if err := teststat.TestCounter(convert.NewGaugeAsCounter(convert.NewCounterAsGauge(c)), c.Value); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("GaugeAsHistogram of HistogramAsGauge", func(t *testing.T) {
		t.Parallel()
		h := generic.NewHistogram("h", 50)
		quantiles := func() (float64, float64, float64, float64) {
			return h.Quantile(0.50), h.Quantile(0.90), h.Quantile(0.95), h.Quantile(0.99)
		}
		if err := teststat.TestHistogram(convert.NewGaugeAsHistogram(convert.NewHistogramAsGauge(h)), quantiles, 0.01); err != nil {
			t.Fatal(err)
		}
	})
	// No adapter carries the Gauge contract over generic metrics: Gauge.Add
	// becomes an observation or an addition of the delta, not a change of a
	// current value. TestMapping pins what the gauge adapters forward.
}

// recorder records every call made on it, whatever kind it plays.
type recorder struct {
	calls *[]string
	lvs   []string
}

func (r recorder) log(call string, v float64) {
	*r.calls = append(*r.calls, fmt.Sprintf("%s %g %q", call, v, r.lvs))
}
func (r recorder) Add(d float64)     { r.log("Add", d) }
func (r recorder) Set(v float64)     { r.log("Set", v) }
func (r recorder) Observe(v float64) { r.log("Observe", v) }
func (r recorder) with(lvs []string) recorder {
	return recorder{r.calls, append(slices.Clone(r.lvs), lvs...)}
}
func (r recorder) asCounter() metrics.Counter     { return counterRec{r} }
func (r recorder) asGauge() metrics.Gauge         { return gaugeRec{r} }
func (r recorder) asHistogram() metrics.Histogram { return histRec{r} }

type counterRec struct{ recorder }

func (c counterRec) With(lvs ...string) metrics.Counter { return counterRec{c.with(lvs)} }

type gaugeRec struct{ recorder }

func (g gaugeRec) With(lvs ...string) metrics.Gauge { return gaugeRec{g.with(lvs)} }

type histRec struct{ recorder }

func (h histRec) With(lvs ...string) metrics.Histogram { return histRec{h.with(lvs)} }

func TestMapping(t *testing.T) {
	t.Parallel()
	type target struct {
		counter   metrics.Counter
		gauge     metrics.Gauge
		histogram metrics.Histogram
	}
	tests := []struct {
		name  string
		build func(r recorder) target
		want  []string
	}{
		{"CounterAsGauge", func(r recorder) target { return target{gauge: convert.NewCounterAsGauge(r.asCounter())} }, []string{`Add 1 ["a" "1"]`, `Add 2 ["a" "1"]`}},
		{"CounterAsHistogram", func(r recorder) target { return target{histogram: convert.NewCounterAsHistogram(r.asCounter())} }, []string{`Add 3 ["a" "1" "b"]`}},
		{"GaugeAsCounter", func(r recorder) target { return target{counter: convert.NewGaugeAsCounter(r.asGauge())} }, []string{`Add 4 ["a" "1"]`}},
		{"GaugeAsHistogram", func(r recorder) target { return target{histogram: convert.NewGaugeAsHistogram(r.asGauge())} }, []string{`Set 3 ["a" "1" "b"]`}},
		{"HistogramAsCounter", func(r recorder) target { return target{counter: convert.NewHistogramAsCounter(r.asHistogram())} }, []string{`Observe 4 ["a" "1"]`}},
		{"HistogramAsGauge", func(r recorder) target { return target{gauge: convert.NewHistogramAsGauge(r.asHistogram())} }, []string{`Observe 1 ["a" "1"]`, `Observe 2 ["a" "1"]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls []string
			m := tt.build(recorder{calls: &calls})
			switch {
			case m.gauge != nil:
				g := m.gauge.With("a", "1")
				g.Set(1)
				g.Add(2)
			case m.histogram != nil:
				// Forwarded as given: the wrapped backend applies the label rules.
				m.histogram.With("a", "1").With("b").Observe(3)
			case m.counter != nil:
				m.counter.With("a", "1").Add(4)
			}
			if !slices.Equal(calls, tt.want) {
				t.Fatalf("calls %q, want %q", calls, tt.want)
			}
		})
	}
}

func TestNil(t *testing.T) {
	t.Parallel()
	convert.NewCounterAsGauge(nil).With("a").Set(1)
	convert.NewCounterAsGauge(nil).Add(1)
	convert.NewCounterAsHistogram(nil).With("a").Observe(1)
	convert.NewGaugeAsCounter(nil).With("a").Add(1)
	convert.NewGaugeAsHistogram(nil).With("a").Observe(1)
	convert.NewHistogramAsCounter(nil).With("a").Add(1)
	convert.NewHistogramAsGauge(nil).With("a").Set(1)
	convert.NewHistogramAsGauge(nil).Add(1)
}
