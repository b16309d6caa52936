package apicompat_test

import (
	"io"
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/teststat"
)

var (
	_ *int = &teststat.Count
	_ *int = &teststat.Mean
	_ *int = &teststat.Stdev

	_ func(int64) int64                                                                   = teststat.ExpectedObservationsLessThan
	_ func(metrics.Counter) float64                                                       = teststat.FillCounter
	_ func(io.WriterTo, string) func() []float64                                          = teststat.LastLine
	_ func(metrics.Histogram, int)                                                        = teststat.PopulateNormalHistogram
	_ func(io.WriterTo, string, int) func() (float64, float64, float64, float64)          = teststat.Quantiles
	_ func(io.WriterTo, string) func() float64                                            = teststat.SumLines
	_ func(metrics.Counter, func() float64) error                                         = teststat.TestCounter
	_ func(metrics.Gauge, func() []float64) error                                         = teststat.TestGauge
	_ func(metrics.Histogram, func() (float64, float64, float64, float64), float64) error = teststat.TestHistogram
)

func TestTeststatValues(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		got, want int
	}{
		{"Count", teststat.Count, 12345},
		{"Mean", teststat.Mean, 500},
		{"Stdev", teststat.Stdev, 25},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.name, tc.got, tc.want)
		}
	}
	// The helpers pass against the reference implementation.
	c := generic.NewCounter("c")
	if err := teststat.TestCounter(c, c.Value); err != nil {
		t.Errorf("TestCounter(generic): %v", err)
	}
	h := generic.NewHistogram("h", 50)
	quantiles := func() (p50, p90, p95, p99 float64) {
		return h.Quantile(0.50), h.Quantile(0.90), h.Quantile(0.95), h.Quantile(0.99)
	}
	if err := teststat.TestHistogram(h, quantiles, 0.01); err != nil {
		t.Errorf("TestHistogram(generic): %v", err)
	}
}
