package apicompat_test

import (
	"github.com/performancecopilot/speed/v4"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/pcp"
)

var (
	_ func(*pcp.Counter, float64)                   = (*pcp.Counter).Add
	_ func(*pcp.Counter, ...string) metrics.Counter = (*pcp.Counter).With
	_ metrics.Counter                               = (*pcp.Counter)(nil)

	_ func(*pcp.Gauge, float64)                 = (*pcp.Gauge).Add
	_ func(*pcp.Gauge, float64)                 = (*pcp.Gauge).Set
	_ func(*pcp.Gauge, ...string) metrics.Gauge = (*pcp.Gauge).With
	_ metrics.Gauge                             = (*pcp.Gauge)(nil)

	_ func(*pcp.Histogram) float64                      = (*pcp.Histogram).Mean
	_ func(*pcp.Histogram, float64)                     = (*pcp.Histogram).Observe
	_ func(*pcp.Histogram, float64) int64               = (*pcp.Histogram).Percentile
	_ func(*pcp.Histogram, ...string) metrics.Histogram = (*pcp.Histogram).With
	_ metrics.Histogram                                 = (*pcp.Histogram)(nil)

	_ func(*pcp.Reporter, string, ...string) (*pcp.Counter, error)                                   = (*pcp.Reporter).NewCounter
	_ func(*pcp.Reporter, string, ...string) (*pcp.Gauge, error)                                     = (*pcp.Reporter).NewGauge
	_ func(*pcp.Reporter, string, int64, int64, speed.MetricUnit, ...string) (*pcp.Histogram, error) = (*pcp.Reporter).NewHistogram
	_ func(*pcp.Reporter)                                                                            = (*pcp.Reporter).Start
	_ func(*pcp.Reporter)                                                                            = (*pcp.Reporter).Stop

	_ func(string) (*pcp.Reporter, error) = pcp.NewReporter
)
