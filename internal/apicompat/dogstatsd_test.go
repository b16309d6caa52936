package apicompat_test

import (
	"context"
	"io"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/dogstatsd"
)

var (
	_ func(*dogstatsd.Counter, float64)                   = (*dogstatsd.Counter).Add
	_ func(*dogstatsd.Counter, ...string) metrics.Counter = (*dogstatsd.Counter).With
	_ metrics.Counter                                     = (*dogstatsd.Counter)(nil)

	_ func(*dogstatsd.Dogstatsd, string, float64) *dogstatsd.Counter                = (*dogstatsd.Dogstatsd).NewCounter
	_ func(*dogstatsd.Dogstatsd, string) *dogstatsd.Gauge                           = (*dogstatsd.Dogstatsd).NewGauge
	_ func(*dogstatsd.Dogstatsd, string, float64) *dogstatsd.Histogram              = (*dogstatsd.Dogstatsd).NewHistogram
	_ func(*dogstatsd.Dogstatsd, string, float64) *dogstatsd.Timing                 = (*dogstatsd.Dogstatsd).NewTiming
	_ func(*dogstatsd.Dogstatsd, context.Context, <-chan time.Time, string, string) = (*dogstatsd.Dogstatsd).SendLoop
	_ func(*dogstatsd.Dogstatsd, context.Context, <-chan time.Time, io.Writer)      = (*dogstatsd.Dogstatsd).WriteLoop
	_ func(*dogstatsd.Dogstatsd, io.Writer) (int64, error)                          = (*dogstatsd.Dogstatsd).WriteTo

	_ func(*dogstatsd.Gauge, float64)                 = (*dogstatsd.Gauge).Add
	_ func(*dogstatsd.Gauge, float64)                 = (*dogstatsd.Gauge).Set
	_ func(*dogstatsd.Gauge, ...string) metrics.Gauge = (*dogstatsd.Gauge).With
	_ metrics.Gauge                                   = (*dogstatsd.Gauge)(nil)

	_ func(*dogstatsd.Histogram, float64)                     = (*dogstatsd.Histogram).Observe
	_ func(*dogstatsd.Histogram, ...string) metrics.Histogram = (*dogstatsd.Histogram).With
	_ metrics.Histogram                                       = (*dogstatsd.Histogram)(nil)

	_ func(*dogstatsd.Timing, float64)                     = (*dogstatsd.Timing).Observe
	_ func(*dogstatsd.Timing, ...string) metrics.Histogram = (*dogstatsd.Timing).With
	_ metrics.Histogram                                    = (*dogstatsd.Timing)(nil)

	_ func(string, log.Logger, ...string) *dogstatsd.Dogstatsd = dogstatsd.New
)
