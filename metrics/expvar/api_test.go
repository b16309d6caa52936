package expvar_test

import (
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/expvar"
)

// The concrete types implement the metrics interfaces.
var (
	_ metrics.Counter   = (*expvar.Counter)(nil)
	_ metrics.Gauge     = (*expvar.Gauge)(nil)
	_ metrics.Histogram = (*expvar.Histogram)(nil)
)
