package prometheus

import (
	"slices"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/seedkit/kit/metrics"
)

// Counter is a metrics.Counter over a *prometheus.CounterVec. Each Counter
// stands for one list of label values; its vector child is looked up at its
// first observation and reused after. It is safe for concurrent use.
type Counter struct {
	metric[prometheus.Counter, Counter]
}

func cFamily(cv *prometheus.CounterVec, names []string, shared bool) *family[prometheus.Counter, Counter] {
	var (
		byVals func(...string) (prometheus.Counter, error)
		byMap  func(prometheus.Labels) (prometheus.Counter, error)
	)
	if cv != nil {
		byVals, byMap = cv.GetMetricWithLabelValues, cv.GetMetricWith
	}
	return newFamily(names, shared, byVals, byMap,
		func(x *Counter) *metric[prometheus.Counter, Counter] { return &x.metric },
		func() *Counter { return new(Counter) })
}

// NewCounterFrom creates a CounterVec from opts and labelNames, registers it
// with prometheus.DefaultRegisterer and returns a Counter over it. If an
// equal vector is already registered, it is reused; any other registration
// error panics, as in Go kit (NewCounterIn returns it instead).
func NewCounterFrom(opts prometheus.CounterOpts, labelNames []string) *Counter {
	cv, shared := mustRegister(prometheus.NewCounterVec(opts, labelNames))
	return cFamily(cv, slices.Clone(labelNames), shared).root()
}

// NewCounterIn is NewCounterFrom with the Registerer to use: it registers the
// vector with reg (nil registers nowhere), reuses an equal vector already
// registered there, and returns any other registration error.
func NewCounterIn(reg prometheus.Registerer, opts prometheus.CounterOpts, labelNames []string) (*Counter, error) {
	cv, shared, err := register(reg, prometheus.NewCounterVec(opts, labelNames))
	if err != nil {
		return nil, err
	}
	return cFamily(cv, slices.Clone(labelNames), shared).root(), nil
}

// NewCounter returns a Counter over cv, which the caller registers. Label
// values are matched to cv's labels by name with a map, and With allocates;
// the constructors that know the label names avoid both.
func NewCounter(cv *prometheus.CounterVec) *Counter {
	return cFamily(cv, nil, true).root()
}

// With returns the Counter for c's label values followed by labelValues
// (alternating names and values; an odd trailing name gets "unknown"). For a
// Counter created by NewCounterFrom or NewCounterIn, With returns the same Counter for the
// same label values without allocating.
func (c *Counter) With(labelValues ...string) metrics.Counter {
	return c.fam.with(c.lvs, labelValues)
}

// Add adds delta. A negative delta is dropped: Prometheus counters only go
// up, and client_golang (and so Go kit) panics on one. If c's label values do
// not fit the vector's label names, Add does nothing and Err reports why; Go
// kit panics.
func (c *Counter) Add(delta float64) {
	if delta < 0 {
		return
	}
	if m, ok := c.child(); ok {
		m.Add(delta)
	}
}

// Err returns nil, or the error (wrapping ErrLabels) that makes c's
// observations be dropped. It resolves c's child if needed.
func (c *Counter) Err() error { return c.err() }

// Gauge is a metrics.Gauge over a *prometheus.GaugeVec, resolved as Counter
// is. It is safe for concurrent use.
type Gauge struct {
	metric[prometheus.Gauge, Gauge]
}

func gFamily(gv *prometheus.GaugeVec, names []string, shared bool) *family[prometheus.Gauge, Gauge] {
	var (
		byVals func(...string) (prometheus.Gauge, error)
		byMap  func(prometheus.Labels) (prometheus.Gauge, error)
	)
	if gv != nil {
		byVals, byMap = gv.GetMetricWithLabelValues, gv.GetMetricWith
	}
	return newFamily(names, shared, byVals, byMap,
		func(x *Gauge) *metric[prometheus.Gauge, Gauge] { return &x.metric },
		func() *Gauge { return new(Gauge) })
}

// NewGaugeFrom creates a GaugeVec from opts and labelNames, registers it with
// prometheus.DefaultRegisterer and returns a Gauge over it; registration is
// handled as by NewCounterFrom.
func NewGaugeFrom(opts prometheus.GaugeOpts, labelNames []string) *Gauge {
	gv, shared := mustRegister(prometheus.NewGaugeVec(opts, labelNames))
	return gFamily(gv, slices.Clone(labelNames), shared).root()
}

// NewGaugeIn is NewGaugeFrom with the Registerer to use, as NewCounterIn.
func NewGaugeIn(reg prometheus.Registerer, opts prometheus.GaugeOpts, labelNames []string) (*Gauge, error) {
	gv, shared, err := register(reg, prometheus.NewGaugeVec(opts, labelNames))
	if err != nil {
		return nil, err
	}
	return gFamily(gv, slices.Clone(labelNames), shared).root(), nil
}

// NewGauge returns a Gauge over gv, which the caller registers (see
// NewCounter).
func NewGauge(gv *prometheus.GaugeVec) *Gauge {
	return gFamily(gv, nil, true).root()
}

// With returns the Gauge for g's label values followed by labelValues
// (alternating names and values; an odd trailing name gets "unknown"). For a
// Gauge created by NewGaugeFrom or NewGaugeIn, With returns the same Gauge for the
// same label values without allocating.
func (g *Gauge) With(labelValues ...string) metrics.Gauge {
	return g.fam.with(g.lvs, labelValues)
}

// Set sets the gauge's value. Label values that do not fit make it a no-op,
// as for Counter.Add.
func (g *Gauge) Set(value float64) {
	if m, ok := g.child(); ok {
		m.Set(value)
	}
}

// Add moves the gauge's value by delta. Label values that do not fit make it
// a no-op, as for Counter.Add.
func (g *Gauge) Add(delta float64) {
	if m, ok := g.child(); ok {
		m.Add(delta)
	}
}

// Err returns nil, or the error (wrapping ErrLabels) that makes g's
// observations be dropped. It resolves g's child if needed.
func (g *Gauge) Err() error { return g.err() }

// Summary is a metrics.Histogram over a *prometheus.SummaryVec, resolved as
// Counter is. It is safe for concurrent use.
type Summary struct {
	metric[prometheus.Observer, Summary]
}

func sFamily(sv *prometheus.SummaryVec, names []string, shared bool) *family[prometheus.Observer, Summary] {
	var (
		byVals func(...string) (prometheus.Observer, error)
		byMap  func(prometheus.Labels) (prometheus.Observer, error)
	)
	if sv != nil {
		byVals, byMap = sv.GetMetricWithLabelValues, sv.GetMetricWith
	}
	return newFamily(names, shared, byVals, byMap,
		func(x *Summary) *metric[prometheus.Observer, Summary] { return &x.metric },
		func() *Summary { return new(Summary) })
}

// NewSummaryFrom creates a SummaryVec from opts and labelNames, registers it
// with prometheus.DefaultRegisterer and returns a Summary over it;
// registration is handled as by NewCounterFrom.
func NewSummaryFrom(opts prometheus.SummaryOpts, labelNames []string) *Summary {
	sv, shared := mustRegister(prometheus.NewSummaryVec(opts, labelNames))
	return sFamily(sv, slices.Clone(labelNames), shared).root()
}

// NewSummaryIn is NewSummaryFrom with the Registerer to use, as NewCounterIn.
func NewSummaryIn(reg prometheus.Registerer, opts prometheus.SummaryOpts, labelNames []string) (*Summary, error) {
	sv, shared, err := register(reg, prometheus.NewSummaryVec(opts, labelNames))
	if err != nil {
		return nil, err
	}
	return sFamily(sv, slices.Clone(labelNames), shared).root(), nil
}

// NewSummary returns a Summary over sv, which the caller registers (see
// NewCounter).
func NewSummary(sv *prometheus.SummaryVec) *Summary {
	return sFamily(sv, nil, true).root()
}

// With returns the Summary for s's label values followed by labelValues
// (alternating names and values; an odd trailing name gets "unknown"). For a
// Summary created by NewSummaryFrom or NewSummaryIn, With returns the same Summary for the
// same label values without allocating.
func (s *Summary) With(labelValues ...string) metrics.Histogram {
	return s.fam.with(s.lvs, labelValues)
}

// Observe records value. Label values that do not fit make it a no-op, as
// for Counter.Add.
func (s *Summary) Observe(value float64) {
	if m, ok := s.child(); ok {
		m.Observe(value)
	}
}

// Err returns nil, or the error (wrapping ErrLabels) that makes s's
// observations be dropped. It resolves s's child if needed.
func (s *Summary) Err() error { return s.err() }

// Histogram is a metrics.Histogram over a *prometheus.HistogramVec, resolved
// as Counter is. It is safe for concurrent use.
type Histogram struct {
	metric[prometheus.Observer, Histogram]
}

func hFamily(hv *prometheus.HistogramVec, names []string, shared bool) *family[prometheus.Observer, Histogram] {
	var (
		byVals func(...string) (prometheus.Observer, error)
		byMap  func(prometheus.Labels) (prometheus.Observer, error)
	)
	if hv != nil {
		byVals, byMap = hv.GetMetricWithLabelValues, hv.GetMetricWith
	}
	return newFamily(names, shared, byVals, byMap,
		func(x *Histogram) *metric[prometheus.Observer, Histogram] { return &x.metric },
		func() *Histogram { return new(Histogram) })
}

// NewHistogramFrom creates a HistogramVec from opts and labelNames, registers
// it with prometheus.DefaultRegisterer and returns a Histogram over it;
// registration is handled as by NewCounterFrom.
func NewHistogramFrom(opts prometheus.HistogramOpts, labelNames []string) *Histogram {
	hv, shared := mustRegister(prometheus.NewHistogramVec(opts, labelNames))
	return hFamily(hv, slices.Clone(labelNames), shared).root()
}

// NewHistogramIn is NewHistogramFrom with the Registerer to use, as
// NewCounterIn.
func NewHistogramIn(reg prometheus.Registerer, opts prometheus.HistogramOpts, labelNames []string) (*Histogram, error) {
	hv, shared, err := register(reg, prometheus.NewHistogramVec(opts, labelNames))
	if err != nil {
		return nil, err
	}
	return hFamily(hv, slices.Clone(labelNames), shared).root(), nil
}

// NewHistogram returns a Histogram over hv, which the caller registers (see
// NewCounter).
func NewHistogram(hv *prometheus.HistogramVec) *Histogram {
	return hFamily(hv, nil, true).root()
}

// With returns the Histogram for h's label values followed by labelValues
// (alternating names and values; an odd trailing name gets "unknown"). For a
// Histogram created by NewHistogramFrom or NewHistogramIn, With returns the same Histogram for the
// same label values without allocating.
func (h *Histogram) With(labelValues ...string) metrics.Histogram {
	return h.fam.with(h.lvs, labelValues)
}

// Observe records value. Label values that do not fit make it a no-op, as
// for Counter.Add.
func (h *Histogram) Observe(value float64) {
	if m, ok := h.child(); ok {
		m.Observe(value)
	}
}

// Err returns nil, or the error (wrapping ErrLabels) that makes h's
// observations be dropped. It resolves h's child if needed.
func (h *Histogram) Err() error { return h.err() }
