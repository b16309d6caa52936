package convert

import "github.com/seedkit/kit/metrics"

type counterAsGauge struct{ c metrics.Counter }

// NewCounterAsGauge returns a Gauge whose Set(v) and Add(d) both add to c.
func NewCounterAsGauge(c metrics.Counter) metrics.Gauge { return counterAsGauge{c} }

func (g counterAsGauge) With(labelValues ...string) metrics.Gauge {
	if g.c == nil {
		return g
	}
	return counterAsGauge{g.c.With(labelValues...)}
}

func (g counterAsGauge) Set(value float64) {
	if g.c != nil {
		g.c.Add(value)
	}
}

func (g counterAsGauge) Add(delta float64) {
	if g.c != nil {
		g.c.Add(delta)
	}
}

type counterAsHistogram struct{ c metrics.Counter }

// NewCounterAsHistogram returns a Histogram whose Observe(v) adds v to c.
func NewCounterAsHistogram(c metrics.Counter) metrics.Histogram { return counterAsHistogram{c} }

func (h counterAsHistogram) With(labelValues ...string) metrics.Histogram {
	if h.c == nil {
		return h
	}
	return counterAsHistogram{h.c.With(labelValues...)}
}

func (h counterAsHistogram) Observe(value float64) {
	if h.c != nil {
		h.c.Add(value)
	}
}

type gaugeAsCounter struct{ g metrics.Gauge }

// NewGaugeAsCounter returns a Counter whose Add(d) adds d to g.
func NewGaugeAsCounter(g metrics.Gauge) metrics.Counter { return gaugeAsCounter{g} }

func (c gaugeAsCounter) With(labelValues ...string) metrics.Counter {
	if c.g == nil {
		return c
	}
	return gaugeAsCounter{c.g.With(labelValues...)}
}

func (c gaugeAsCounter) Add(delta float64) {
	if c.g != nil {
		c.g.Add(delta)
	}
}

type gaugeAsHistogram struct{ g metrics.Gauge }

// NewGaugeAsHistogram returns a Histogram whose Observe(v) sets g to v, so
// that g holds the last observation.
func NewGaugeAsHistogram(g metrics.Gauge) metrics.Histogram { return gaugeAsHistogram{g} }

func (h gaugeAsHistogram) With(labelValues ...string) metrics.Histogram {
	if h.g == nil {
		return h
	}
	return gaugeAsHistogram{h.g.With(labelValues...)}
}

func (h gaugeAsHistogram) Observe(value float64) {
	if h.g != nil {
		h.g.Set(value)
	}
}

type histogramAsCounter struct{ h metrics.Histogram }

// NewHistogramAsCounter returns a Counter whose Add(d) observes d in h.
func NewHistogramAsCounter(h metrics.Histogram) metrics.Counter { return histogramAsCounter{h} }

func (c histogramAsCounter) With(labelValues ...string) metrics.Counter {
	if c.h == nil {
		return c
	}
	return histogramAsCounter{c.h.With(labelValues...)}
}

func (c histogramAsCounter) Add(delta float64) {
	if c.h != nil {
		c.h.Observe(delta)
	}
}

type histogramAsGauge struct{ h metrics.Histogram }

// NewHistogramAsGauge returns a Gauge whose Set(v) and Add(d) both observe
// their argument in h.
func NewHistogramAsGauge(h metrics.Histogram) metrics.Gauge { return histogramAsGauge{h} }

func (g histogramAsGauge) With(labelValues ...string) metrics.Gauge {
	if g.h == nil {
		return g
	}
	return histogramAsGauge{g.h.With(labelValues...)}
}

func (g histogramAsGauge) Set(value float64) {
	if g.h != nil {
		g.h.Observe(value)
	}
}

func (g histogramAsGauge) Add(delta float64) {
	if g.h != nil {
		g.h.Observe(delta)
	}
}
