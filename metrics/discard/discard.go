package discard

import "github.com/seedkit/kit/metrics"

type counter struct{}

// NewCounter returns a Counter that does nothing. With returns the same
// Counter. It never allocates.
func NewCounter() metrics.Counter { return counter{} }

func (c counter) With(...string) metrics.Counter { return c }
func (counter) Add(float64)                      {}

type gauge struct{}

// NewGauge returns a Gauge that does nothing. With returns the same Gauge.
// It never allocates.
func NewGauge() metrics.Gauge { return gauge{} }

func (g gauge) With(...string) metrics.Gauge { return g }
func (gauge) Set(float64)                    {}
func (gauge) Add(float64)                    {}

type histogram struct{}

// NewHistogram returns a Histogram that does nothing. With returns the same
// Histogram. It never allocates.
func NewHistogram() metrics.Histogram { return histogram{} }

func (h histogram) With(...string) metrics.Histogram { return h }
func (histogram) Observe(float64)                    {}
