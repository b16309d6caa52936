package multi

import "github.com/seedkit/kit/metrics"

// Counter is a metrics.Counter that forwards every call to each of its
// members, in order. nil members are skipped (Go kit panics on them). It is safe for concurrent use
// if its members are; do not modify the slice while it is in use.
type Counter []metrics.Counter

// NewCounter returns a Counter over c.
func NewCounter(c ...metrics.Counter) Counter {
	return Counter(c)
}

// Add adds delta to every member.
func (c Counter) Add(delta float64) {
	for _, m := range c {
		if m != nil {
			m.Add(delta)
		}
	}
}

// With returns a new Counter whose members are the members' With results,
// in the same order; nil members stay nil.
func (c Counter) With(labelValues ...string) metrics.Counter {
	next := make(Counter, len(c))
	for i, m := range c {
		if m != nil {
			next[i] = m.With(labelValues...)
		}
	}
	return next
}

// Gauge is a metrics.Gauge that forwards every call to each of its members,
// in order. nil members are skipped. It is safe for concurrent use if its
// members are; do not modify the slice while it is in use.
type Gauge []metrics.Gauge

// NewGauge returns a Gauge over g.
func NewGauge(g ...metrics.Gauge) Gauge {
	return Gauge(g)
}

// Set sets every member to value.
func (g Gauge) Set(value float64) {
	for _, m := range g {
		if m != nil {
			m.Set(value)
		}
	}
}

// Add adds delta to every member.
func (g Gauge) Add(delta float64) {
	for _, m := range g {
		if m != nil {
			m.Add(delta)
		}
	}
}

// With returns a new Gauge whose members are the members' With results, in
// the same order; nil members stay nil.
func (g Gauge) With(labelValues ...string) metrics.Gauge {
	next := make(Gauge, len(g))
	for i, m := range g {
		if m != nil {
			next[i] = m.With(labelValues...)
		}
	}
	return next
}

// Histogram is a metrics.Histogram that forwards every observation to each
// of its members, in order. nil members are skipped. It is safe for
// concurrent use if its members are; do not modify the slice while it is in
// use.
type Histogram []metrics.Histogram

// NewHistogram returns a Histogram over h.
func NewHistogram(h ...metrics.Histogram) Histogram {
	return Histogram(h)
}

// Observe records value in every member.
func (h Histogram) Observe(value float64) {
	for _, m := range h {
		if m != nil {
			m.Observe(value)
		}
	}
}

// With returns a new Histogram whose members are the members' With results,
// in the same order; nil members stay nil.
func (h Histogram) With(labelValues ...string) metrics.Histogram {
	next := make(Histogram, len(h))
	for i, m := range h {
		if m != nil {
			next[i] = m.With(labelValues...)
		}
	}
	return next
}
