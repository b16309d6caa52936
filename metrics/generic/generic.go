package generic

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/internal/lv"
	"github.com/seedkit/kit/metrics/internal/streamhist"
)

// Counter is an in-memory metrics.Counter. Add is lock-free. Its methods are
// safe for concurrent use; a Counter must not be copied after first use.
type Counter struct {
	// Name is the name given to NewCounter; kit does not use it, it is there
	// for the code that reads the Counter (a push backend, a test).
	Name string
	bits atomic.Uint64 // math.Float64bits of the value
	lvs  lv.LabelValues
}

// NewCounter returns a Counter named name with value 0 and no label values.
func NewCounter(name string) *Counter {
	return &Counter{Name: name}
}

// With returns a new Counter with the same Name, the label values of c
// followed by labelValues (an odd trailing name gets the value "unknown", see
// package metrics), and, as its starting value, the value of c at the time of
// the call. The two Counters share nothing afterwards: adding to one does not
// change the other.
func (c *Counter) With(labelValues ...string) metrics.Counter {
	n := &Counter{Name: c.Name, lvs: c.lvs.With(labelValues...)}
	n.bits.Store(c.bits.Load())
	return n
}

// Add adds delta to the value, atomically and without locking. Negative and
// non-finite deltas are added as given.
func (c *Counter) Add(delta float64) {
	for {
		old := c.bits.Load()
		next := math.Float64bits(math.Float64frombits(old) + delta)
		if c.bits.CompareAndSwap(old, next) {
			return
		}
	}
}

// Value returns the current value.
func (c *Counter) Value() float64 {
	return math.Float64frombits(c.bits.Load())
}

// ValueReset returns the current value and sets it to 0, atomically: every
// Add is counted by exactly one ValueReset. Push backends use it to report
// the increase since the previous flush.
func (c *Counter) ValueReset() float64 {
	return math.Float64frombits(c.bits.Swap(0))
}

// LabelValues returns the label values of c, as alternating names and
// values. The caller must not modify the result.
func (c *Counter) LabelValues() []string {
	return c.lvs
}

// Gauge is an in-memory metrics.Gauge. Set, Add and Value are lock-free. Its
// methods are safe for concurrent use; a Gauge must not be copied after
// first use.
type Gauge struct {
	// Name is the name given to NewGauge, for the code that reads the Gauge.
	Name string
	bits atomic.Uint64
	lvs  lv.LabelValues
}

// NewGauge returns a Gauge named name with value 0 and no label values.
func NewGauge(name string) *Gauge {
	return &Gauge{Name: name}
}

// With returns a new Gauge with the same Name, the label values of g
// followed by labelValues (an odd trailing name gets the value "unknown"),
// and the current value of g as its starting value. The two Gauges share
// nothing afterwards.
func (g *Gauge) With(labelValues ...string) metrics.Gauge {
	n := &Gauge{Name: g.Name, lvs: g.lvs.With(labelValues...)}
	n.bits.Store(g.bits.Load())
	return n
}

// Set sets the value.
func (g *Gauge) Set(value float64) {
	g.bits.Store(math.Float64bits(value))
}

// Add adds delta, which may be negative, to the value atomically.
func (g *Gauge) Add(delta float64) {
	for {
		old := g.bits.Load()
		next := math.Float64bits(math.Float64frombits(old) + delta)
		if g.bits.CompareAndSwap(old, next) {
			return
		}
	}
}

// Value returns the current value.
func (g *Gauge) Value() float64 {
	return math.Float64frombits(g.bits.Load())
}

// LabelValues returns the label values of g, as alternating names and
// values. The caller must not modify the result.
func (g *Gauge) LabelValues() []string {
	return g.lvs
}

// Histogram is an in-memory metrics.Histogram that estimates quantiles in
// bounded memory with a streaming histogram (Ben-Haim and Tom-Tov): it keeps
// at most a fixed number of buckets, merging the closest two when a new
// value needs room. Its methods are safe for concurrent use.
type Histogram struct {
	// Name is the name given to NewHistogram, for the code that reads the
	// Histogram.
	Name string
	lvs  lv.LabelValues
	d    *histData // shared with every Histogram derived by With
}

// histData is the observation store that a Histogram and those derived from
// it with With share.
type histData struct {
	mu sync.RWMutex
	h  *streamhist.Histogram
}

// NewHistogram returns an empty Histogram named name that keeps at most
// buckets buckets (50 if buckets < 1). A few dozen buckets estimate the
// usual quantiles within a percent or so; more buckets cost memory and
// Observe time, both linear in buckets.
func NewHistogram(name string, buckets int) *Histogram {
	return &Histogram{Name: name, d: &histData{h: streamhist.New(buckets)}}
}

// With returns a Histogram with the same Name and the label values of h
// followed by labelValues (an odd trailing name gets the value "unknown").
// As in Go kit, the returned Histogram shares its observations with h: a
// value observed through either is seen by Quantile and Print on both. This
// is what makes a generic Histogram handy as a test double for middlewares
// that observe through With.
func (h *Histogram) With(labelValues ...string) metrics.Histogram {
	return &Histogram{Name: h.Name, lvs: h.lvs.With(labelValues...), d: h.d}
}

// Observe records value. NaN is ignored.
func (h *Histogram) Observe(value float64) {
	h.d.mu.Lock()
	h.d.h.Add(value)
	h.d.mu.Unlock()
}

// Quantile returns an estimate of the q-quantile (q in [0, 1]; 0.99 is the
// 99th percentile) of the values observed: q <= 0 gives the smallest value
// and q >= 1 the largest (Go kit returns -1 for q > 1). It returns -1 if
// nothing was observed, as Go kit does, and NaN if q is NaN. The estimate is
// kit's own interpolation over the same kind of buckets as Go kit's, so the
// two agree within the histogram's precision, not exactly.
func (h *Histogram) Quantile(q float64) float64 {
	h.d.mu.RLock()
	defer h.d.mu.RUnlock()
	if h.d.h.Count() == 0 {
		return -1
	}
	return h.d.h.Quantile(q)
}

// LabelValues returns the label values of h, as alternating names and
// values. The caller must not modify the result.
func (h *Histogram) LabelValues() []string {
	return h.lvs
}

// Print writes a human-readable summary of h to w: the number of
// observations, mean, minimum and maximum, the 50th, 90th, 95th and 99th
// percentiles, and one line per bucket with its mean value, its count and a
// bar. The format is for people and may change; it is kit's own (Go kit
// prints a total and one dotted bar per bucket). Write errors are ignored.
// A nil w writes nothing.
func (h *Histogram) Print(w io.Writer) {
	if w == nil {
		return
	}
	h.d.mu.RLock()
	s := h.d.h.Clone()
	h.d.mu.RUnlock()

	var b strings.Builder
	name := h.Name
	if name == "" {
		name = "histogram"
	}
	fmt.Fprintf(&b, "%s: %d observations", name, s.Count())
	if s.Count() == 0 {
		b.WriteString("\n")
		_, _ = io.WriteString(w, b.String())
		return
	}
	fmt.Fprintf(&b, ", mean %.6g, min %.6g, max %.6g\n", s.Mean(), s.Min(), s.Max())
	fmt.Fprintf(&b, "p50 %.6g, p90 %.6g, p95 %.6g, p99 %.6g\n",
		s.Quantile(0.50), s.Quantile(0.90), s.Quantile(0.95), s.Quantile(0.99))
	bins := s.Bins()
	var most uint64
	for _, bin := range bins {
		most = max(most, bin.Count)
	}
	const width = 40
	fmt.Fprintf(&b, "%14s %10s\n", "value", "count")
	for _, bin := range bins {
		bar := int(math.Ceil(float64(bin.Count) * width / float64(most)))
		fmt.Fprintf(&b, "%14.4f %10d %s\n", bin.Value, bin.Count, strings.Repeat("#", bar))
	}
	_, _ = io.WriteString(w, b.String())
}

// Bucket is a histogram bucket: Count observations in [From, To). kit's own
// histograms do not produce Buckets; the type is kept for programs that
// exchange them.
type Bucket struct {
	From, To, Count int64
}

// Quantile is a quantile and its value, the quantile as a percentage (99 for
// the 99th percentile). kit's own histograms do not produce Quantiles; the
// type is kept for programs that exchange them.
type Quantile struct {
	Quantile int // 0 to 100
	Value    int64
}

// SimpleHistogram is a metrics.Histogram that only keeps the mean of the
// values observed, in constant memory. Its methods are safe for concurrent
// use.
type SimpleHistogram struct {
	mu  sync.RWMutex
	lvs lv.LabelValues
	avg float64
	n   uint64
}

// NewSimpleHistogram returns an empty SimpleHistogram.
func NewSimpleHistogram() *SimpleHistogram {
	return &SimpleHistogram{}
}

// With returns a new SimpleHistogram with the label values of h followed by
// labelValues (an odd trailing name gets the value "unknown") and the
// current mean and count of h as its starting point. The two share nothing
// afterwards.
func (h *SimpleHistogram) With(labelValues ...string) metrics.Histogram {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return &SimpleHistogram{lvs: h.lvs.With(labelValues...), avg: h.avg, n: h.n}
}

// Observe records value, updating the running mean incrementally (so it does
// not overflow for large counts).
func (h *SimpleHistogram) Observe(value float64) {
	h.mu.Lock()
	h.n++
	h.avg += (value - h.avg) / float64(h.n)
	h.mu.Unlock()
}

// ApproximateMovingAverage returns the mean of every value observed since
// the SimpleHistogram was created (0 if none was): despite its name, each
// observation weighs the same, whatever its age.
func (h *SimpleHistogram) ApproximateMovingAverage() float64 {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.avg
}

// LabelValues returns the label values of h, as alternating names and
// values. The caller must not modify the result.
func (h *SimpleHistogram) LabelValues() []string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.lvs
}
