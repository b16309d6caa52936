package apicompat_test

import (
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/dogstatsd"
	"github.com/seedkit/kit/metrics/graphite"
	"github.com/seedkit/kit/metrics/influx"
	"github.com/seedkit/kit/metrics/provider"
	"github.com/seedkit/kit/metrics/statsd"
)

type providerMethods = interface {
	NewCounter(name string) metrics.Counter
	NewGauge(name string) metrics.Gauge
	NewHistogram(name string, buckets int) metrics.Histogram
	Stop()
}

var (
	_ provider.Provider = providerMethods(nil)
	_ providerMethods   = provider.Provider(nil)

	_ func() provider.Provider                             = provider.NewDiscardProvider
	_ func(*dogstatsd.Dogstatsd, func()) provider.Provider = provider.NewDogstatsdProvider
	_ func() provider.Provider                             = provider.NewExpvarProvider
	_ func(*graphite.Graphite, func()) provider.Provider   = provider.NewGraphiteProvider
	_ func(*influx.Influx, func()) provider.Provider       = provider.NewInfluxProvider
	_ func(string, string) provider.Provider               = provider.NewPrometheusProvider
	_ func(*statsd.Statsd, func()) provider.Provider       = provider.NewStatsdProvider
)
