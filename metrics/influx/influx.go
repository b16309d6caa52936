package influx

import (
	"context"
	"errors"
	"maps"
	"sync"
	"time"

	influxdb "github.com/influxdata/influxdb1-client/v2"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/internal/emitter"
	"github.com/seedkit/kit/metrics/internal/lv"
	"github.com/seedkit/kit/metrics/internal/streamhist"
)

// ErrNilWriter is returned by WriteTo given a nil BatchPointsWriter.
var ErrNilWriter = errors.New("influx: nil BatchPointsWriter")

// histogramBins is the number of bins of the quantile estimator WriteTo
// builds per histogram series, as in Go kit.
const histogramBins = 50

// Influx holds the metrics it created and writes them as InfluxDB points
// (line protocol) through a BatchPointsWriter, usually an influxdb.Client.
// Create it with New. It is safe for concurrent use.
type Influx struct {
	tags   map[string]string
	conf   influxdb.BatchPointsConfig
	logger log.Logger
	now    func() time.Time

	counters   *emitter.Set
	gauges     *emitter.Set
	histograms *emitter.Set
	writeMu    sync.Mutex
}

// New returns an Influx whose points all carry tags (copied) and are written
// with conf (database, retention policy, precision...). logger receives the
// errors of WriteLoop; nil discards them.
func New(tags map[string]string, conf influxdb.BatchPointsConfig, logger log.Logger) *Influx {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	return &Influx{
		tags:       maps.Clone(tags),
		conf:       conf,
		logger:     logger,
		now:        time.Now,
		counters:   emitter.NewSet(emitter.Sum, false),
		gauges:     emitter.NewSetKeepRoots(emitter.Last),
		histograms: emitter.NewSet(emitter.Samples, false),
	}
}

// SetClock replaces time.Now as the source of the points' timestamps; nil
// restores time.Now. It is meant for tests.
func (in *Influx) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	in.writeMu.Lock()
	in.now = now
	in.writeMu.Unlock()
}

// NewCounter returns a counter written as a point named name with the field
// "count", the sum of the deltas since the previous write, per label set.
func (in *Influx) NewCounter(name string) *Counter {
	return &Counter{in: in, name: name, s: in.counters.Series(name, nil)}
}

// NewGauge returns a gauge written as a point named name with the field
// "value", per label set, at every write that follows a Set or Add. The
// value without labels outlives writes. A labelled value outlives writes
// while a Gauge for its label set (returned by With) is reachable; once none
// is and the value has been written, Influx forgets the label set, so memory
// does not grow with the number of label sets ever used, and a later Add on
// it starts again from zero, as in Go kit.
func (in *Influx) NewGauge(name string) *Gauge {
	return &Gauge{in: in, name: name, s: in.gauges.Series(name, nil)}
}

// NewHistogram returns a histogram written as a point named name with the
// fields "p50", "p90", "p95" and "p99", quantiles of the observations since
// the previous write, per label set.
func (in *Influx) NewHistogram(name string) *Histogram {
	return &Histogram{in: in, name: name, s: in.histograms.Series(name, nil)}
}

// BatchPointsWriter is the part of influxdb.Client that Influx uses.
type BatchPointsWriter interface {
	Write(influxdb.BatchPoints) error
}

// WriteLoop calls WriteTo(w) on every tick of c until ctx is done, logging
// errors. It blocks: run it in its own goroutine.
func (in *Influx) WriteLoop(ctx context.Context, c <-chan time.Time, w BatchPointsWriter) {
	emitter.Loop(ctx, c, in.logger, "WriteTo", func() error { return in.WriteTo(w) })
}

// WriteTo builds one batch of points from everything recorded since the
// previous call and writes it with w. Recorded values are taken out before
// anything can fail, so a failed write drops them rather than letting them
// pile up. Calls are serialised.
func (in *Influx) WriteTo(w BatchPointsWriter) (err error) {
	in.writeMu.Lock()
	defer in.writeMu.Unlock()
	counters := in.counters.Flush()
	gauges := in.gauges.Flush()
	histograms := in.histograms.Flush()
	if w == nil {
		return ErrNilWriter
	}
	bp, err := influxdb.NewBatchPoints(in.conf)
	if err != nil {
		return err
	}
	now := in.now()
	add := func(p emitter.Point, fields map[string]any) error {
		pt, err := influxdb.NewPoint(p.Name, mergeTags(in.tags, p.LVs), fields, now)
		if err != nil {
			return err
		}
		bp.AddPoint(pt)
		return nil
	}
	for _, p := range counters {
		if err := add(p, map[string]any{"count": p.Value}); err != nil {
			return err
		}
	}
	for _, p := range gauges {
		if err := add(p, map[string]any{"value": p.Value}); err != nil {
			return err
		}
	}
	for _, p := range histograms {
		h := streamhist.New(histogramBins)
		for _, v := range p.Obs {
			h.Add(v)
		}
		fields := map[string]any{
			"p50": h.Quantile(0.50),
			"p90": h.Quantile(0.90),
			"p95": h.Quantile(0.95),
			"p99": h.Quantile(0.99),
		}
		if err := add(p, fields); err != nil {
			return err
		}
	}
	return w.Write(bp)
}

func mergeTags(tags map[string]string, lvs lv.LabelValues) map[string]string {
	out := make(map[string]string, len(tags)+len(lvs)/2)
	maps.Copy(out, tags)
	for i := 0; i+1 < len(lvs); i += 2 {
		out[lvs[i]] = lvs[i+1]
	}
	return out
}

// Counter is an InfluxDB counter. It is safe for concurrent use.
type Counter struct {
	in   *Influx
	name string
	lvs  lv.LabelValues
	s    *emitter.Series
}

// With returns the counter of the same name with labelValues (alternating
// tag names and values; an odd trailing name gets "unknown") added to c's.
func (c *Counter) With(labelValues ...string) metrics.Counter {
	lvs := c.lvs.With(labelValues...)
	return &Counter{in: c.in, name: c.name, lvs: lvs, s: c.in.counters.Series(c.name, lvs)}
}

// Add adds delta to the count written at the next write.
func (c *Counter) Add(delta float64) { c.s.Add(delta) }

// Gauge is an InfluxDB gauge. It is safe for concurrent use.
type Gauge struct {
	in   *Influx
	name string
	lvs  lv.LabelValues
	s    *emitter.Series
}

// With returns the gauge of the same name with labelValues added to g's.
func (g *Gauge) With(labelValues ...string) metrics.Gauge {
	lvs := g.lvs.With(labelValues...)
	return &Gauge{in: g.in, name: g.name, lvs: lvs, s: g.in.gauges.Series(g.name, lvs)}
}

// Set sets the gauge's value.
func (g *Gauge) Set(value float64) { g.s.Set(value) }

// Add moves the gauge's value by delta.
func (g *Gauge) Add(delta float64) { g.s.Add(delta) }

// Histogram is an InfluxDB histogram. It is safe for concurrent use.
type Histogram struct {
	in   *Influx
	name string
	lvs  lv.LabelValues
	s    *emitter.Series
}

// With returns the histogram of the same name with labelValues added to h's.
func (h *Histogram) With(labelValues ...string) metrics.Histogram {
	lvs := h.lvs.With(labelValues...)
	return &Histogram{in: h.in, name: h.name, lvs: lvs, s: h.in.histograms.Series(h.name, lvs)}
}

// Observe records value.
func (h *Histogram) Observe(value float64) { h.s.Add(value) }
