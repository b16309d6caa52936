package apicompat_test

import (
	goexpvar "expvar"
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/expvar"
)

var (
	_ func(*expvar.Counter, float64)                       = (*expvar.Counter).Add
	_ func(*expvar.Counter, ...string) metrics.Counter     = (*expvar.Counter).With
	_ metrics.Counter                                      = (*expvar.Counter)(nil)
	_ func(*expvar.Gauge, float64)                         = (*expvar.Gauge).Add
	_ func(*expvar.Gauge, float64)                         = (*expvar.Gauge).Set
	_ func(*expvar.Gauge, ...string) metrics.Gauge         = (*expvar.Gauge).With
	_ metrics.Gauge                                        = (*expvar.Gauge)(nil)
	_ func(*expvar.Histogram, float64)                     = (*expvar.Histogram).Observe
	_ func(*expvar.Histogram, ...string) metrics.Histogram = (*expvar.Histogram).With
	_ metrics.Histogram                                    = (*expvar.Histogram)(nil)

	_ func(string) *expvar.Counter        = expvar.NewCounter
	_ func(string) *expvar.Gauge          = expvar.NewGauge
	_ func(string, int) *expvar.Histogram = expvar.NewHistogram
)

func TestExpvarValues(t *testing.T) {
	t.Parallel()
	// The histogram publishes its quantiles as name.p50 ... name.p99.
	expvar.NewHistogram("apicompat_histogram", 50).Observe(1)
	for _, q := range []string{"p50", "p90", "p95", "p99"} {
		if goexpvar.Get("apicompat_histogram."+q) == nil {
			t.Errorf("apicompat_histogram.%s is not published", q)
		}
	}
	// A second run (-count > 1) adds to the same published Float.
	c := expvar.NewCounter("apicompat_counter")
	before, _ := goexpvar.Get("apicompat_counter").(*goexpvar.Float)
	start := before.Value()
	c.Add(2)
	if got := before.Value() - start; got != 2 {
		t.Errorf("counter: added %v, want 2", got)
	}
}
