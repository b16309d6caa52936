package apicompat_test

import (
	"context"
	"io"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/statsd"
)

var (
	_ func(*statsd.Counter, float64)                   = (*statsd.Counter).Add
	_ func(*statsd.Counter, ...string) metrics.Counter = (*statsd.Counter).With
	_ metrics.Counter                                  = (*statsd.Counter)(nil)

	_ func(*statsd.Gauge, float64)                 = (*statsd.Gauge).Add
	_ func(*statsd.Gauge, float64)                 = (*statsd.Gauge).Set
	_ func(*statsd.Gauge, ...string) metrics.Gauge = (*statsd.Gauge).With
	_ metrics.Gauge                                = (*statsd.Gauge)(nil)

	_ func(*statsd.Statsd, string, float64) *statsd.Counter                   = (*statsd.Statsd).NewCounter
	_ func(*statsd.Statsd, string) *statsd.Gauge                              = (*statsd.Statsd).NewGauge
	_ func(*statsd.Statsd, string, float64) *statsd.Timing                    = (*statsd.Statsd).NewTiming
	_ func(*statsd.Statsd, context.Context, <-chan time.Time, string, string) = (*statsd.Statsd).SendLoop
	_ func(*statsd.Statsd, context.Context, <-chan time.Time, io.Writer)      = (*statsd.Statsd).WriteLoop
	_ func(*statsd.Statsd, io.Writer) (int64, error)                          = (*statsd.Statsd).WriteTo
	_ io.WriterTo                                                             = (*statsd.Statsd)(nil)

	_ func(*statsd.Timing, float64)                     = (*statsd.Timing).Observe
	_ func(*statsd.Timing, ...string) metrics.Histogram = (*statsd.Timing).With
	_ metrics.Histogram                                 = (*statsd.Timing)(nil)

	_ func(string, log.Logger) *statsd.Statsd = statsd.New
)
