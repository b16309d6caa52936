package expvar

import (
	"expvar"
	"sync"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
)

// publishMu makes the lookup and publication of a name by this package
// atomic, so that two metrics created concurrently with one name get the same
// variable instead of making the expvar package panic.
var publishMu sync.Mutex

// float returns the *expvar.Float published as name, publishing a new one if
// the name is free. If name is taken by a variable of another type, it
// returns a new, unpublished Float.
func float(name string) *expvar.Float {
	publishMu.Lock()
	defer publishMu.Unlock()
	switch v := expvar.Get(name).(type) {
	case *expvar.Float:
		return v
	case nil:
		f := new(expvar.Float)
		if publish(name, f) {
			return f
		}
		// Someone outside this package published name since Get.
		if v, ok := expvar.Get(name).(*expvar.Float); ok {
			return v
		}
		return f
	default:
		return new(expvar.Float)
	}
}

// publish publishes v as name and reports whether it could: expvar.Publish
// panics on a name already taken. publishMu makes that impossible between
// this package's own calls; only a publication by other code racing with
// ours gets here, and then expvar logs the duplicate before panicking.
func publish(name string, v expvar.Var) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	expvar.Publish(name, v)
	return true
}

// Counter is a metrics.Counter published as an expvar.Float. It is safe for
// concurrent use.
type Counter struct {
	f *expvar.Float
}

// NewCounter returns a Counter published under name, and never panics
// (Go kit's panics, through expvar.Publish, when name is taken). If
// an *expvar.Float is already published under name (by an earlier
// NewCounter, NewGauge or anyone else), the Counter uses it, so two Counters
// of the same name share one value. If name is taken by a variable of
// another type, the Counter works but is not published.
func NewCounter(name string) *Counter {
	return &Counter{f: float(name)}
}

// With returns c: expvar has no labels, so label values are ignored.
func (c *Counter) With(labelValues ...string) metrics.Counter { return c }

// Add adds delta to the published value.
func (c *Counter) Add(delta float64) { c.f.Add(delta) }

// Gauge is a metrics.Gauge published as an expvar.Float. It is safe for
// concurrent use.
type Gauge struct {
	f *expvar.Float
}

// NewGauge returns a Gauge published under name, and never panics; a name
// already in use is handled as by NewCounter.
func NewGauge(name string) *Gauge {
	return &Gauge{f: float(name)}
}

// With returns g: expvar has no labels, so label values are ignored.
func (g *Gauge) With(labelValues ...string) metrics.Gauge { return g }

// Set sets the published value.
func (g *Gauge) Set(value float64) { g.f.Set(value) }

// Add adds delta, which may be negative, to the published value.
func (g *Gauge) Add(delta float64) { g.f.Add(delta) }

// Histogram is a metrics.Histogram that publishes four quantiles of its
// observations as expvar.Floats named name.p50, name.p90, name.p95 and
// name.p99, updated on every Observe. It is safe for concurrent use.
type Histogram struct {
	mu                 sync.Mutex
	h                  *generic.Histogram
	p50, p90, p95, p99 *expvar.Float
}

// NewHistogram returns a Histogram that estimates quantiles with a
// generic.Histogram of buckets buckets (50 if buckets < 1) and publishes them
// under name.p50, name.p90, name.p95 and name.p99. It never panics: names
// already in use are handled as by NewCounter. Create one Histogram per name:
// two Histograms of one name overwrite each other's quantiles.
func NewHistogram(name string, buckets int) *Histogram {
	return &Histogram{
		h:   generic.NewHistogram(name, buckets),
		p50: float(name + ".p50"),
		p90: float(name + ".p90"),
		p95: float(name + ".p95"),
		p99: float(name + ".p99"),
	}
}

// With returns h: expvar has no labels, so label values are ignored.
func (h *Histogram) With(labelValues ...string) metrics.Histogram { return h }

// Observe records value and publishes the updated quantiles.
func (h *Histogram) Observe(value float64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.h.Observe(value)
	h.p50.Set(h.h.Quantile(0.50))
	h.p90.Set(h.h.Quantile(0.90))
	h.p95.Set(h.h.Quantile(0.95))
	h.p99.Set(h.h.Quantile(0.99))
}
