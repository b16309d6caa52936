package apicompat_test

import (
	"context"
	"time"

	influxdb "github.com/influxdata/influxdb1-client/v2"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/influx"
)

var (
	// type BatchPointsWriter interface { Write(influxdb.BatchPoints) error }
	_ influx.BatchPointsWriter = (interface {
		Write(influxdb.BatchPoints) error
	})(nil)
	_ interface {
		Write(influxdb.BatchPoints) error
	} = (influx.BatchPointsWriter)(nil)

	_ func(*influx.Counter, float64)                   = (*influx.Counter).Add
	_ func(*influx.Counter, ...string) metrics.Counter = (*influx.Counter).With
	_ metrics.Counter                                  = (*influx.Counter)(nil)

	_ func(*influx.Gauge, float64)                 = (*influx.Gauge).Add
	_ func(*influx.Gauge, float64)                 = (*influx.Gauge).Set
	_ func(*influx.Gauge, ...string) metrics.Gauge = (*influx.Gauge).With
	_ metrics.Gauge                                = (*influx.Gauge)(nil)

	_ func(*influx.Histogram, float64)                     = (*influx.Histogram).Observe
	_ func(*influx.Histogram, ...string) metrics.Histogram = (*influx.Histogram).With
	_ metrics.Histogram                                    = (*influx.Histogram)(nil)

	_ func(*influx.Influx, string) *influx.Counter                                      = (*influx.Influx).NewCounter
	_ func(*influx.Influx, string) *influx.Gauge                                        = (*influx.Influx).NewGauge
	_ func(*influx.Influx, string) *influx.Histogram                                    = (*influx.Influx).NewHistogram
	_ func(*influx.Influx, context.Context, <-chan time.Time, influx.BatchPointsWriter) = (*influx.Influx).WriteLoop
	_ func(*influx.Influx, influx.BatchPointsWriter) error                              = (*influx.Influx).WriteTo
	_ func(map[string]string, influxdb.BatchPointsConfig, log.Logger) *influx.Influx    = influx.New
)
