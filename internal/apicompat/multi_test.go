package apicompat_test

import (
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/multi"
)

var (
	// type Counter []metrics.Counter (and so on): pointer conversions need
	// identical underlying types.
	_ = (*[]metrics.Counter)((*multi.Counter)(nil))
	_ = (*[]metrics.Gauge)((*multi.Gauge)(nil))
	_ = (*[]metrics.Histogram)((*multi.Histogram)(nil))

	_ func(multi.Counter, float64)                       = multi.Counter.Add
	_ func(multi.Counter, ...string) metrics.Counter     = multi.Counter.With
	_ metrics.Counter                                    = multi.Counter{}
	_ func(multi.Gauge, float64)                         = multi.Gauge.Add
	_ func(multi.Gauge, float64)                         = multi.Gauge.Set
	_ func(multi.Gauge, ...string) metrics.Gauge         = multi.Gauge.With
	_ metrics.Gauge                                      = multi.Gauge{}
	_ func(multi.Histogram, float64)                     = multi.Histogram.Observe
	_ func(multi.Histogram, ...string) metrics.Histogram = multi.Histogram.With
	_ metrics.Histogram                                  = multi.Histogram{}

	_ func(...metrics.Counter) multi.Counter     = multi.NewCounter
	_ func(...metrics.Gauge) multi.Gauge         = multi.NewGauge
	_ func(...metrics.Histogram) multi.Histogram = multi.NewHistogram
)

func _(v any) {
	switch v.(type) {
	case multi.Counter:
	case []metrics.Counter:
	case multi.Gauge:
	case []metrics.Gauge:
	case multi.Histogram:
	case []metrics.Histogram:
	}
}

func TestMultiValues(t *testing.T) {
	t.Parallel()
	a, b := generic.NewCounter("a"), generic.NewCounter("b")
	multi.NewCounter(a, b).Add(2)
	if a.Value() != 2 || b.Value() != 2 {
		t.Errorf("multi.Counter.Add(2): got %v and %v, want 2 and 2", a.Value(), b.Value())
	}
	c := multi.Counter{a, b} // a slice literal, as the type is a slice
	if len(c) != 2 {
		t.Errorf("len: got %d, want 2", len(c))
	}
}
