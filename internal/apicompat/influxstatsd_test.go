package apicompat_test

import (
	"context"
	"io"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/influxstatsd"
)

var (
	_ func(*influxstatsd.Counter, float64)                   = (*influxstatsd.Counter).Add
	_ func(*influxstatsd.Counter, ...string) metrics.Counter = (*influxstatsd.Counter).With
	_ metrics.Counter                                        = (*influxstatsd.Counter)(nil)

	_ func(*influxstatsd.Influxstatsd, string, float64) *influxstatsd.Counter             = (*influxstatsd.Influxstatsd).NewCounter
	_ func(*influxstatsd.Influxstatsd, string) *influxstatsd.Gauge                        = (*influxstatsd.Influxstatsd).NewGauge
	_ func(*influxstatsd.Influxstatsd, string, float64) *influxstatsd.Histogram           = (*influxstatsd.Influxstatsd).NewHistogram
	_ func(*influxstatsd.Influxstatsd, string, float64) *influxstatsd.Timing              = (*influxstatsd.Influxstatsd).NewTiming
	_ func(*influxstatsd.Influxstatsd, context.Context, <-chan time.Time, string, string) = (*influxstatsd.Influxstatsd).SendLoop
	_ func(*influxstatsd.Influxstatsd, context.Context, <-chan time.Time, io.Writer)      = (*influxstatsd.Influxstatsd).WriteLoop
	_ func(*influxstatsd.Influxstatsd, io.Writer) (int64, error)                          = (*influxstatsd.Influxstatsd).WriteTo

	_ func(*influxstatsd.Gauge, float64)                 = (*influxstatsd.Gauge).Add
	_ func(*influxstatsd.Gauge, float64)                 = (*influxstatsd.Gauge).Set
	_ func(*influxstatsd.Gauge, ...string) metrics.Gauge = (*influxstatsd.Gauge).With
	_ metrics.Gauge                                      = (*influxstatsd.Gauge)(nil)

	_ func(*influxstatsd.Histogram, float64)                     = (*influxstatsd.Histogram).Observe
	_ func(*influxstatsd.Histogram, ...string) metrics.Histogram = (*influxstatsd.Histogram).With
	_ metrics.Histogram                                          = (*influxstatsd.Histogram)(nil)

	_ func(*influxstatsd.Timing, float64)                     = (*influxstatsd.Timing).Observe
	_ func(*influxstatsd.Timing, ...string) metrics.Histogram = (*influxstatsd.Timing).With
	_ metrics.Histogram                                       = (*influxstatsd.Timing)(nil)

	_ func(string, log.Logger, ...string) *influxstatsd.Influxstatsd = influxstatsd.New
)
