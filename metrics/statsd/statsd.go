package statsd

import (
	"context"
	"io"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/internal/emitter"
)

// DefaultMTU is the packet size lines are batched into unless SetMTU is
// called: 1432 bytes, a UDP payload that fits a 1500-byte Ethernet frame.
const DefaultMTU = emitter.DefaultMTU

// Statsd holds the metrics it created and writes them in the StatsD line
// format. Create it with New. It is safe for concurrent use.
type Statsd struct {
	core   *emitter.Statsd
	logger log.Logger
}

// New returns a Statsd whose metric names all start with prefix (which is
// used as is: add your own separator). logger receives the errors of
// WriteLoop and SendLoop; nil discards them.
func New(prefix string, logger log.Logger) *Statsd {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	return &Statsd{core: emitter.NewStatsd(emitter.Plain, prefix, nil), logger: logger}
}

// SetMTU sets the size of the packets WriteTo batches lines into: lines are
// joined into writes of at most n bytes (a longer line is written alone).
// n <= 0 makes every line its own write, as Go kit does. It is safe to call
// at any time and applies from the next WriteTo.
func (s *Statsd) SetMTU(n int) { s.core.SetMTU(n) }

// NewCounter returns a counter written as "prefix+name:sum|c" with the sum of
// the deltas since the previous write. A sampleRate below 1 is declared on
// the line ("|@0.100000") so that the receiver scales the value; the caller
// is expected to sample (Go kit's statsd does not sample either). Counters
// of one name share their series, and the sample rate is per name: the
// latest NewCounter or NewTiming of a name sets it.
func (s *Statsd) NewCounter(name string, sampleRate float64) *Counter {
	s.core.Rates.Set(name, sampleRate)
	return &Counter{s: s.core.Counters.Series(name, nil)}
}

// NewGauge returns a gauge written as "prefix+name:value|g" with its value,
// at every write that follows a Set or Add. Gauges of one name share their
// value.
func (s *Statsd) NewGauge(name string) *Gauge {
	return &Gauge{s: s.core.Gauges.Series(name, nil)}
}

// NewTiming returns a histogram written as one "prefix+name:value|ms" line per
// observation, values being milliseconds by StatsD convention. sampleRate is
// declared as for NewCounter.
func (s *Statsd) NewTiming(name string, sampleRate float64) *Timing {
	s.core.Rates.Set(name, sampleRate)
	return &Timing{s: s.core.Timings.Series(name, nil)}
}

// WriteLoop calls WriteTo(w) on every tick of c until ctx is done, logging
// errors. It blocks: run it in its own goroutine.
func (s *Statsd) WriteLoop(ctx context.Context, c <-chan time.Time, w io.Writer) {
	emitter.Loop(ctx, c, s.logger, "WriteTo", func() error {
		_, err := s.WriteTo(w)
		return err
	})
}

// SendLoop is WriteLoop over a connection to address on network ("udp",
// "tcp", ...), dialled at the first write, redialled after a failed write,
// with exponential backoff after a failed dial. It closes the connection
// when ctx is done. It blocks: run it in its own goroutine.
// A dial is bounded by 10s and a write by 10s, and both are abandoned as
// soon as ctx is done, so SendLoop returns promptly after cancellation even
// when the receiver drops connection attempts.
func (s *Statsd) SendLoop(ctx context.Context, c <-chan time.Time, network, address string) {
	conn := emitter.NewConn(ctx, network, address)
	defer conn.Close()
	s.WriteLoop(ctx, c, conn)
}

// WriteTo writes every counter, gauge and timing recorded since the previous
// call to w, and forgets them, even if writing fails: what was not written
// is dropped. It returns the bytes written and the first write error, after
// which it writes no more. Counters come first, then gauges, then timings,
// each ordered by name. Calls are serialised.
func (s *Statsd) WriteTo(w io.Writer) (count int64, err error) {
	return s.core.WriteTo(w)
}

// Counter is a StatsD counter. It is safe for concurrent use.
type Counter struct {
	s *emitter.Series
}

// With returns c: StatsD has no labels.
func (c *Counter) With(...string) metrics.Counter { return c }

// Add adds delta to the sum written at the next write.
func (c *Counter) Add(delta float64) { c.s.Add(delta) }

// Gauge is a StatsD gauge. It is safe for concurrent use.
type Gauge struct {
	s *emitter.Series
}

// With returns g: StatsD has no labels.
func (g *Gauge) With(...string) metrics.Gauge { return g }

// Set sets the gauge's value.
func (g *Gauge) Set(value float64) { g.s.Set(value) }

// Add moves the gauge's value by delta; the value written is absolute.
func (g *Gauge) Add(delta float64) { g.s.Add(delta) }

// Timing is a StatsD timer, a metrics.Histogram of durations in
// milliseconds. It is safe for concurrent use.
type Timing struct {
	s *emitter.Series
}

// With returns t: StatsD has no labels.
func (t *Timing) With(...string) metrics.Histogram { return t }

// Observe records value, written on its own line at the next write.
func (t *Timing) Observe(value float64) { t.s.Add(value) }
