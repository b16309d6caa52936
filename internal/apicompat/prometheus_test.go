package apicompat_test

import (
	stdprometheus "github.com/prometheus/client_golang/prometheus"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/prometheus"
)

var (
	_ func(*prometheus.Counter, float64)                   = (*prometheus.Counter).Add
	_ func(*prometheus.Counter, ...string) metrics.Counter = (*prometheus.Counter).With
	_ metrics.Counter                                      = (*prometheus.Counter)(nil)

	_ func(*prometheus.Gauge, float64)                 = (*prometheus.Gauge).Add
	_ func(*prometheus.Gauge, float64)                 = (*prometheus.Gauge).Set
	_ func(*prometheus.Gauge, ...string) metrics.Gauge = (*prometheus.Gauge).With
	_ metrics.Gauge                                    = (*prometheus.Gauge)(nil)

	_ func(*prometheus.Histogram, float64)                     = (*prometheus.Histogram).Observe
	_ func(*prometheus.Histogram, ...string) metrics.Histogram = (*prometheus.Histogram).With
	_ metrics.Histogram                                        = (*prometheus.Histogram)(nil)

	_ func(*prometheus.Summary, float64)                     = (*prometheus.Summary).Observe
	_ func(*prometheus.Summary, ...string) metrics.Histogram = (*prometheus.Summary).With
	_ metrics.Histogram                                      = (*prometheus.Summary)(nil)

	_ func(*stdprometheus.CounterVec) *prometheus.Counter               = prometheus.NewCounter
	_ func(stdprometheus.CounterOpts, []string) *prometheus.Counter     = prometheus.NewCounterFrom
	_ func(*stdprometheus.GaugeVec) *prometheus.Gauge                   = prometheus.NewGauge
	_ func(stdprometheus.GaugeOpts, []string) *prometheus.Gauge         = prometheus.NewGaugeFrom
	_ func(*stdprometheus.HistogramVec) *prometheus.Histogram           = prometheus.NewHistogram
	_ func(stdprometheus.HistogramOpts, []string) *prometheus.Histogram = prometheus.NewHistogramFrom
	_ func(*stdprometheus.SummaryVec) *prometheus.Summary               = prometheus.NewSummary
	_ func(stdprometheus.SummaryOpts, []string) *prometheus.Summary     = prometheus.NewSummaryFrom
)
