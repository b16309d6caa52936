package generic_test

import (
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
)

// The concrete types implement the metrics interfaces.
var (
	_ metrics.Counter   = (*generic.Counter)(nil)
	_ metrics.Gauge     = (*generic.Gauge)(nil)
	_ metrics.Histogram = (*generic.Histogram)(nil)
	_ metrics.Histogram = (*generic.SimpleHistogram)(nil)
)
