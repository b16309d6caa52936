package pcp

import (
	"sync"

	"github.com/performancecopilot/speed/v4"

	"github.com/seedkit/kit/metrics"
)

// histogramSigFigs is the precision of the HDR histograms NewHistogram
// creates, as in Go kit.
const histogramSigFigs = 5

// Reporter owns the MMV file that PCP's pmcd reads the metrics from. Create
// metrics first, then Start: speed cannot add metrics to a started file. It
// is safe for concurrent use.
type Reporter struct {
	c *speed.PCPClient

	mu  sync.Mutex
	err error
}

// NewReporter returns a Reporter for the application appname, which names
// the MMV file (it may not contain a path separator). The file goes to
// PCP_TMP_DIR/mmv as configured in pcp.conf, or to os.TempDir()/mmv when PCP
// is not installed.
func NewReporter(appname string) (*Reporter, error) {
	c, err := speed.NewPCPClient(appname)
	if err != nil {
		return nil, err
	}
	return &Reporter{c: c}, nil
}

// Start writes the MMV file with every metric created so far and starts
// publishing their values. Go kit panics if that fails; Start records the
// error for Err instead.
func (r *Reporter) Start() { r.setErr(r.c.Start()) }

// Stop stops publishing and unmaps the MMV file (speed removes it only if
// speed.EraseFileOnStop is set). Go kit panics if that
// fails (for example when the Reporter is not started); Stop records the
// error for Err instead.
func (r *Reporter) Stop() { r.setErr(r.c.Stop()) }

// Err returns the error of the latest Start or Stop, or nil.
func (r *Reporter) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

func (r *Reporter) setErr(err error) {
	r.mu.Lock()
	r.err = err
	r.mu.Unlock()
}

// Counter is a PCP counter of integers. It is safe for concurrent use.
type Counter struct {
	c speed.Counter
}

// NewCounter creates and registers the counter name (a dotted PCP metric
// name) with an optional short and long description. It fails if name is
// invalid or taken, or if r is started (Go kit panics then).
func (r *Reporter) NewCounter(name string, desc ...string) (*Counter, error) {
	c, err := speed.NewPCPCounter(0, name, desc...)
	if err != nil {
		return nil, err
	}
	if err := r.c.Register(c); err != nil {
		return nil, err
	}
	return &Counter{c: c}, nil
}

// With returns c: PCP metrics of this package have no labels.
func (c *Counter) With(labelValues ...string) metrics.Counter { return c }

// Add adds delta truncated to an integer, as Go kit does. A negative delta
// is ignored: a PCP counter cannot go down.
func (c *Counter) Add(delta float64) { _ = c.c.Inc(int64(delta)) }

// Value returns the counter's current value. It is not in Go kit.
func (c *Counter) Value() float64 { return float64(c.c.Val()) }

// Gauge is a PCP gauge. It is safe for concurrent use.
type Gauge struct {
	g speed.Gauge
}

// NewGauge creates and registers the gauge name, as NewCounter.
func (r *Reporter) NewGauge(name string, desc ...string) (*Gauge, error) {
	g, err := speed.NewPCPGauge(0, name, desc...)
	if err != nil {
		return nil, err
	}
	if err := r.c.Register(g); err != nil {
		return nil, err
	}
	return &Gauge{g: g}, nil
}

// With returns g: PCP metrics of this package have no labels.
func (g *Gauge) With(labelValues ...string) metrics.Gauge { return g }

// Set sets the gauge's value.
func (g *Gauge) Set(value float64) { _ = g.g.Set(value) }

// Add moves the gauge's value by delta.
func (g *Gauge) Add(delta float64) { _ = g.g.Inc(delta) }

// Value returns the gauge's current value. It is not in Go kit.
func (g *Gauge) Value() float64 { return g.g.Val() }

// Histogram is a PCP HDR histogram of integers in [min, max]. It is safe
// for concurrent use.
type Histogram struct {
	h speed.Histogram
}

// NewHistogram creates and registers the histogram name for values in [min,
// max] in unit (for example speed.OneUnit), as NewCounter.
func (r *Reporter) NewHistogram(name string, min, max int64, unit speed.MetricUnit, desc ...string) (*Histogram, error) {
	h, err := speed.NewPCPHistogram(name, min, max, histogramSigFigs, unit, desc...)
	if err != nil {
		return nil, err
	}
	if err := r.c.Register(h); err != nil {
		return nil, err
	}
	return &Histogram{h: h}, nil
}

// With returns h: PCP metrics of this package have no labels.
func (h *Histogram) With(labelValues ...string) metrics.Histogram { return h }

// Observe records value truncated to an integer. A value outside the
// histogram's [min, max] is dropped (Go kit panics).
func (h *Histogram) Observe(value float64) { _ = h.h.Record(int64(value)) }

// Mean returns the mean of the recorded values.
func (h *Histogram) Mean() float64 { return h.h.Mean() }

// Percentile returns the recorded value at percentile p, in [0, 100].
func (h *Histogram) Percentile(p float64) int64 { return h.h.Percentile(p) }
