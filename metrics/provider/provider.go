package provider

import (
	stdprometheus "github.com/prometheus/client_golang/prometheus"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/discard"
	"github.com/seedkit/kit/metrics/dogstatsd"
	"github.com/seedkit/kit/metrics/expvar"
	"github.com/seedkit/kit/metrics/graphite"
	"github.com/seedkit/kit/metrics/influx"
	"github.com/seedkit/kit/metrics/prometheus"
	"github.com/seedkit/kit/metrics/statsd"
)

// Provider creates metrics of one backend by name, so that a program can
// choose its backend at run time. Implementations are safe for concurrent
// use.
type Provider interface {
	// NewCounter returns a counter named name.
	NewCounter(name string) metrics.Counter
	// NewGauge returns a gauge named name.
	NewGauge(name string) metrics.Gauge
	// NewHistogram returns a histogram named name; buckets is a hint that
	// backends without buckets ignore.
	NewHistogram(name string, buckets int) metrics.Histogram
	// Stop releases what the provider holds, such as its write loop.
	Stop()
}

// stopper calls a stop function; a nil function does nothing.
type stopper struct{ stop func() }

func (s stopper) Stop() {
	if s.stop != nil {
		s.stop()
	}
}

// NewDiscardProvider returns a Provider whose metrics record nothing.
func NewDiscardProvider() Provider { return discardProvider{} }

type discardProvider struct{}

func (discardProvider) NewCounter(string) metrics.Counter          { return discard.NewCounter() }
func (discardProvider) NewGauge(string) metrics.Gauge              { return discard.NewGauge() }
func (discardProvider) NewHistogram(string, int) metrics.Histogram { return discard.NewHistogram() }
func (discardProvider) Stop()                                      {}

// NewExpvarProvider returns a Provider of expvar metrics; buckets sizes the
// histograms' quantile estimators.
func NewExpvarProvider() Provider { return expvarProvider{} }

type expvarProvider struct{}

func (expvarProvider) NewCounter(name string) metrics.Counter { return expvar.NewCounter(name) }
func (expvarProvider) NewGauge(name string) metrics.Gauge     { return expvar.NewGauge(name) }
func (expvarProvider) NewHistogram(name string, buckets int) metrics.Histogram {
	return expvar.NewHistogram(name, buckets)
}
func (expvarProvider) Stop() {}

// NewDogstatsdProvider returns a Provider of d's metrics, with sample rate 1;
// histograms are DogStatsD histograms (|h). Stop calls stop (typically the
// cancel function of d's SendLoop context); a nil stop does nothing.
func NewDogstatsdProvider(d *dogstatsd.Dogstatsd, stop func()) Provider {
	return &dogstatsdProvider{d: d, stopper: stopper{stop}}
}

type dogstatsdProvider struct {
	d *dogstatsd.Dogstatsd
	stopper
}

func (p *dogstatsdProvider) NewCounter(name string) metrics.Counter { return p.d.NewCounter(name, 1) }
func (p *dogstatsdProvider) NewGauge(name string) metrics.Gauge     { return p.d.NewGauge(name) }
func (p *dogstatsdProvider) NewHistogram(name string, _ int) metrics.Histogram {
	return p.d.NewHistogram(name, 1)
}

// NewGraphiteProvider returns a Provider of g's metrics; buckets sizes the
// histograms' quantile estimators. Stop calls stop; a nil stop does nothing.
func NewGraphiteProvider(g *graphite.Graphite, stop func()) Provider {
	return &graphiteProvider{g: g, stopper: stopper{stop}}
}

type graphiteProvider struct {
	g *graphite.Graphite
	stopper
}

func (p *graphiteProvider) NewCounter(name string) metrics.Counter { return p.g.NewCounter(name) }
func (p *graphiteProvider) NewGauge(name string) metrics.Gauge     { return p.g.NewGauge(name) }
func (p *graphiteProvider) NewHistogram(name string, buckets int) metrics.Histogram {
	return p.g.NewHistogram(name, buckets)
}

// NewInfluxProvider returns a Provider of in's metrics; buckets is ignored.
// Stop calls stop; a nil stop does nothing.
func NewInfluxProvider(in *influx.Influx, stop func()) Provider {
	return &influxProvider{in: in, stopper: stopper{stop}}
}

type influxProvider struct {
	in *influx.Influx
	stopper
}

func (p *influxProvider) NewCounter(name string) metrics.Counter { return p.in.NewCounter(name) }
func (p *influxProvider) NewGauge(name string) metrics.Gauge     { return p.in.NewGauge(name) }
func (p *influxProvider) NewHistogram(name string, _ int) metrics.Histogram {
	return p.in.NewHistogram(name)
}

// NewStatsdProvider returns a Provider of s's metrics, with sample rate 1;
// histograms are StatsD timings (|ms). Stop calls stop; a nil stop does
// nothing.
func NewStatsdProvider(s *statsd.Statsd, stop func()) Provider {
	return &statsdProvider{s: s, stopper: stopper{stop}}
}

type statsdProvider struct {
	s *statsd.Statsd
	stopper
}

func (p *statsdProvider) NewCounter(name string) metrics.Counter { return p.s.NewCounter(name, 1) }
func (p *statsdProvider) NewGauge(name string) metrics.Gauge     { return p.s.NewGauge(name) }
func (p *statsdProvider) NewHistogram(name string, _ int) metrics.Histogram {
	return p.s.NewTiming(name, 1)
}

// NewPrometheusProvider returns a Provider of Prometheus metrics without
// labels, registered with the default registry under namespace and
// subsystem, with the name as help text. Histograms are Summaries; buckets
// is ignored. Creating a metric twice with one name returns a metric over
// the same vector (Go kit panics).
func NewPrometheusProvider(namespace, subsystem string) Provider {
	return &prometheusProvider{namespace: namespace, subsystem: subsystem}
}

type prometheusProvider struct {
	namespace, subsystem string
}

func (p *prometheusProvider) NewCounter(name string) metrics.Counter {
	return prometheus.NewCounterFrom(stdprometheus.CounterOpts{
		Namespace: p.namespace, Subsystem: p.subsystem, Name: name, Help: name,
	}, []string{})
}

func (p *prometheusProvider) NewGauge(name string) metrics.Gauge {
	return prometheus.NewGaugeFrom(stdprometheus.GaugeOpts{
		Namespace: p.namespace, Subsystem: p.subsystem, Name: name, Help: name,
	}, []string{})
}

func (p *prometheusProvider) NewHistogram(name string, _ int) metrics.Histogram {
	return prometheus.NewSummaryFrom(stdprometheus.SummaryOpts{
		Namespace: p.namespace, Subsystem: p.subsystem, Name: name, Help: name,
	}, []string{})
}

func (p *prometheusProvider) Stop() {}
