package apicompat_test

import (
	"context"
	"io"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/graphite"
)

var (
	_ func(*graphite.Counter, float64)                   = (*graphite.Counter).Add
	_ func(*graphite.Counter, ...string) metrics.Counter = (*graphite.Counter).With
	_ metrics.Counter                                    = (*graphite.Counter)(nil)

	_ func(*graphite.Gauge, float64)                 = (*graphite.Gauge).Add
	_ func(*graphite.Gauge, float64)                 = (*graphite.Gauge).Set
	_ func(*graphite.Gauge, ...string) metrics.Gauge = (*graphite.Gauge).With
	_ metrics.Gauge                                  = (*graphite.Gauge)(nil)

	_ func(*graphite.Graphite, string) *graphite.Counter                          = (*graphite.Graphite).NewCounter
	_ func(*graphite.Graphite, string) *graphite.Gauge                            = (*graphite.Graphite).NewGauge
	_ func(*graphite.Graphite, string, int) *graphite.Histogram                   = (*graphite.Graphite).NewHistogram
	_ func(*graphite.Graphite, context.Context, <-chan time.Time, string, string) = (*graphite.Graphite).SendLoop
	_ func(*graphite.Graphite, context.Context, <-chan time.Time, io.Writer)      = (*graphite.Graphite).WriteLoop
	_ func(*graphite.Graphite, io.Writer) (int64, error)                          = (*graphite.Graphite).WriteTo

	_ func(*graphite.Histogram, float64)                     = (*graphite.Histogram).Observe
	_ func(*graphite.Histogram, ...string) metrics.Histogram = (*graphite.Histogram).With
	_ metrics.Histogram                                      = (*graphite.Histogram)(nil)

	_ func(string, log.Logger) *graphite.Graphite = graphite.New
	_ func(string) *graphite.Counter              = graphite.NewCounter
	_ func(string) *graphite.Gauge                = graphite.NewGauge
	_ func(string, int) *graphite.Histogram       = graphite.NewHistogram
)
