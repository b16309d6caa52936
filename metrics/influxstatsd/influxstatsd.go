package influxstatsd

import (
	"context"
	"io"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/internal/emitter"
	"github.com/seedkit/kit/metrics/internal/lv"
)

// DefaultMTU is the packet size lines are batched into unless SetMTU is
// called: 1432 bytes, a UDP payload that fits a 1500-byte Ethernet frame.
const DefaultMTU = emitter.DefaultMTU

// Influxstatsd holds the metrics it created and writes them in the Telegraf statsd
// line format. Create it with New. It is safe for concurrent use.
type Influxstatsd struct {
	core   *emitter.Statsd
	logger log.Logger
}

// New returns a Influxstatsd whose metric names all start with prefix (used as
// is) and whose lines all carry the tags lvs (alternating names and values;
// an odd trailing name gets the value "unknown", where Go kit panics).
// logger receives the errors of WriteLoop and SendLoop; nil discards them.
func New(prefix string, logger log.Logger, lvs ...string) *Influxstatsd {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	return &Influxstatsd{core: emitter.NewStatsd(emitter.Influx, prefix, lvs), logger: logger}
}

// SetMTU sets the size of the packets WriteTo batches lines into: lines are
// joined into writes of at most n bytes (a longer line is written alone).
// n <= 0 makes every line its own write, as Go kit does. It is safe to call
// at any time and applies from the next WriteTo.
func (d *Influxstatsd) SetMTU(n int) { d.core.SetMTU(n) }

// NewCounter returns a counter written as "prefix+name,tags:sum|c" per label
// set, with the sum of the deltas since the previous write. A sampleRate
// below 1 is declared on the line ("|@0.100000") so that Telegraf scales the
// value; the caller is expected to sample (as with Go kit, this package does
// not). The declared rate is per name: the latest NewCounter, NewTiming or
// NewHistogram of a name sets it.
func (d *Influxstatsd) NewCounter(name string, sampleRate float64) *Counter {
	d.core.Rates.Set(name, sampleRate)
	return &Counter{d: d, name: name, s: d.core.Counters.Series(name, nil)}
}

// NewGauge returns a gauge written as "prefix+name,tags:value|g" per label
// set, at every write that follows a Set or Add of that label set. A gauge's
// value outlives writes; gauges of one name and label set share it.
func (d *Influxstatsd) NewGauge(name string) *Gauge {
	return &Gauge{d: d, name: name, s: d.core.Gauges.Series(name, nil)}
}

// NewTiming returns a histogram written as one "prefix+name,tags:value|ms" line
// per observation, values being milliseconds. sampleRate works as for
// NewCounter.
func (d *Influxstatsd) NewTiming(name string, sampleRate float64) *Timing {
	d.core.Rates.Set(name, sampleRate)
	return &Timing{series{d: d, name: name, s: d.core.Timings.Series(name, nil)}}
}

// NewHistogram returns a histogram written as one "prefix+name,tags:value|h"
// line per observation, for Telegraf to aggregate. sampleRate works as for
// NewCounter.
func (d *Influxstatsd) NewHistogram(name string, sampleRate float64) *Histogram {
	d.core.Rates.Set(name, sampleRate)
	return &Histogram{series{d: d, name: name, s: d.core.Histograms.Series(name, nil)}}
}

// WriteLoop calls WriteTo(w) on every tick of c until ctx is done, logging
// errors. It blocks: run it in its own goroutine.
func (d *Influxstatsd) WriteLoop(ctx context.Context, c <-chan time.Time, w io.Writer) {
	emitter.Loop(ctx, c, d.logger, "WriteTo", func() error {
		_, err := d.WriteTo(w)
		return err
	})
}

// SendLoop is WriteLoop over a connection to address on network ("udp",
// "tcp", ...), dialled at the first write, redialled after a
// failed write, with exponential backoff after a failed dial. It closes the
// connection when ctx is done. It blocks: run it in its own goroutine.
// A dial is bounded by 10s and a write by 10s, and both are abandoned as
// soon as ctx is done, so SendLoop returns promptly after cancellation even
// when the receiver drops connection attempts.
func (d *Influxstatsd) SendLoop(ctx context.Context, c <-chan time.Time, network, address string) {
	conn := emitter.NewConn(ctx, network, address)
	defer conn.Close()
	d.WriteLoop(ctx, c, conn)
}

// WriteTo writes everything recorded since the previous call to w and
// forgets it, even if writing fails: what was not written is dropped, so
// memory stays bounded while Telegraf is unreachable. It returns the bytes
// written and the first write error, after which it writes no more. Counters
// come first, then gauges, timings and histograms, each ordered by name and
// label set. Calls are serialised.
func (d *Influxstatsd) WriteTo(w io.Writer) (count int64, err error) {
	return d.core.WriteTo(w)
}

// Counter is a Telegraf statsd counter. A Counter returned by With is bound to its
// label set: Add on it touches only that series. It is safe for concurrent
// use.
type Counter struct {
	d    *Influxstatsd
	name string
	lvs  lv.LabelValues
	s    *emitter.Series
}

// With returns a counter of the same name with labelValues added to c's
// (alternating names and values; an odd trailing name gets "unknown").
func (c *Counter) With(labelValues ...string) metrics.Counter {
	lvs := c.lvs.With(labelValues...)
	return &Counter{d: c.d, name: c.name, lvs: lvs, s: c.d.core.Counters.Series(c.name, lvs)}
}

// Add adds delta to the sum written at the next write.
func (c *Counter) Add(delta float64) {
	c.s.Add(delta)
}

// Gauge is a Telegraf statsd gauge. It is safe for concurrent use.
type Gauge struct {
	d    *Influxstatsd
	name string
	lvs  lv.LabelValues
	s    *emitter.Series
}

// With returns the gauge of the same name with labelValues added to g's.
// As in Go kit, a labelled gauge made for the first time starts from g's
// current value.
func (g *Gauge) With(labelValues ...string) metrics.Gauge {
	lvs := g.lvs.With(labelValues...)
	return &Gauge{d: g.d, name: g.name, lvs: lvs, s: g.d.core.Gauges.SeriesFrom(g.name, lvs, g.s.Value())}
}

// Set sets the gauge's value.
func (g *Gauge) Set(value float64) { g.s.Set(value) }

// Add moves the gauge's value by delta; the value written is absolute.
func (g *Gauge) Add(delta float64) { g.s.Add(delta) }

type series struct {
	d    *Influxstatsd
	name string
	lvs  lv.LabelValues
	s    *emitter.Series
}

func (s *series) observe(value float64) {
	s.s.Add(value)
}

func (s *series) with(set *emitter.Set, labelValues []string) series {
	lvs := s.lvs.With(labelValues...)
	return series{d: s.d, name: s.name, lvs: lvs, s: set.Series(s.name, lvs)}
}

// Timing is a Telegraf statsd timer (|ms), a metrics.Histogram of durations in
// milliseconds. It is safe for concurrent use.
type Timing struct{ series }

// With returns a timing of the same name with labelValues added to t's.
func (t *Timing) With(labelValues ...string) metrics.Histogram {
	return &Timing{t.with(t.d.core.Timings, labelValues)}
}

// Observe records value.
func (t *Timing) Observe(value float64) { t.observe(value) }

// Histogram is a Telegraf statsd histogram (|h), aggregated by Telegraf. It is
// safe for concurrent use.
type Histogram struct{ series }

// With returns a histogram of the same name with labelValues added to h's.
func (h *Histogram) With(labelValues ...string) metrics.Histogram {
	return &Histogram{h.with(h.d.core.Histograms, labelValues)}
}

// Observe records value.
func (h *Histogram) Observe(value float64) { h.observe(value) }
