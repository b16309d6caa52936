package apicompat_test

import (
	"io"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
)

var (
	// type Bucket struct { From, To, Count int64 }
	_ = generic.Bucket(struct{ From, To, Count int64 }{})
	// type Quantile struct { Quantile int; Value int64 }
	_ = generic.Quantile(struct {
		Quantile int
		Value    int64
	}{})

	// type Counter struct { Name string; _ unexported }
	_ func(*generic.Counter, float64)                   = (*generic.Counter).Add
	_ func(*generic.Counter) []string                   = (*generic.Counter).LabelValues
	_ func(*generic.Counter) float64                    = (*generic.Counter).Value
	_ func(*generic.Counter) float64                    = (*generic.Counter).ValueReset
	_ func(*generic.Counter, ...string) metrics.Counter = (*generic.Counter).With
	_ metrics.Counter                                   = (*generic.Counter)(nil)

	// type Gauge struct { Name string; _ unexported }
	_ func(*generic.Gauge, float64)                 = (*generic.Gauge).Add
	_ func(*generic.Gauge) []string                 = (*generic.Gauge).LabelValues
	_ func(*generic.Gauge, float64)                 = (*generic.Gauge).Set
	_ func(*generic.Gauge) float64                  = (*generic.Gauge).Value
	_ func(*generic.Gauge, ...string) metrics.Gauge = (*generic.Gauge).With
	_ metrics.Gauge                                 = (*generic.Gauge)(nil)

	// type Histogram struct { Name string; _ unexported }
	_ func(*generic.Histogram) []string                     = (*generic.Histogram).LabelValues
	_ func(*generic.Histogram, float64)                     = (*generic.Histogram).Observe
	_ func(*generic.Histogram, io.Writer)                   = (*generic.Histogram).Print
	_ func(*generic.Histogram, float64) float64             = (*generic.Histogram).Quantile
	_ func(*generic.Histogram, ...string) metrics.Histogram = (*generic.Histogram).With
	_ metrics.Histogram                                     = (*generic.Histogram)(nil)

	// type SimpleHistogram struct { _ unexported }
	_ func(*generic.SimpleHistogram) float64                      = (*generic.SimpleHistogram).ApproximateMovingAverage
	_ func(*generic.SimpleHistogram) []string                     = (*generic.SimpleHistogram).LabelValues
	_ func(*generic.SimpleHistogram, float64)                     = (*generic.SimpleHistogram).Observe
	_ func(*generic.SimpleHistogram, ...string) metrics.Histogram = (*generic.SimpleHistogram).With
	_ metrics.Histogram                                           = (*generic.SimpleHistogram)(nil)

	_ func(string) *generic.Counter        = generic.NewCounter
	_ func(string) *generic.Gauge          = generic.NewGauge
	_ func(string, int) *generic.Histogram = generic.NewHistogram
	_ func() *generic.SimpleHistogram      = generic.NewSimpleHistogram
)

// The exported Name fields have type string and can be set by name.
func _(c *generic.Counter, g *generic.Gauge, h *generic.Histogram) {
	var _ *string = &c.Name
	var _ *string = &g.Name
	var _ *string = &h.Name
	_ = &generic.Counter{Name: "c"}
	_ = &generic.Gauge{Name: "g"}
	_ = &generic.Histogram{Name: "h"}
}
