package graphite

import (
	"context"
	"io"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/internal/emitter"
)

// DefaultMTU is the packet size lines are batched into unless SetMTU is
// called.
const DefaultMTU = emitter.DefaultMTU

// Graphite holds the metrics it created and writes them in Graphite's
// plaintext protocol. Create it with New. It is safe for concurrent use.
type Graphite struct {
	prefix string
	logger log.Logger
	now    func() time.Time

	mu         sync.RWMutex
	counters   map[string]*Counter
	gauges     map[string]*Gauge
	histograms map[string]*Histogram

	mtu     atomic.Int64 // mtu+1; 0 means DefaultMTU
	writeMu sync.Mutex
}

// New returns a Graphite whose metric names all start with prefix (used as
// is: add your own "."). logger receives the errors of WriteLoop and
// SendLoop; nil discards them.
func New(prefix string, logger log.Logger) *Graphite {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	return &Graphite{
		prefix:     prefix,
		logger:     logger,
		now:        time.Now,
		counters:   map[string]*Counter{},
		gauges:     map[string]*Gauge{},
		histograms: map[string]*Histogram{},
	}
}

// SetMTU sets the size of the writes WriteTo batches lines into: lines are
// joined into writes of at most n bytes (a longer line is written alone).
// n <= 0 makes every line its own write, as Go kit does. It applies from the
// next WriteTo.
func (g *Graphite) SetMTU(n int) { g.mtu.Store(int64(max(n, 0)) + 1) }

// SetClock replaces time.Now as the source of the timestamps WriteTo writes;
// nil restores time.Now. It is meant for tests.
func (g *Graphite) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	g.writeMu.Lock()
	g.now = now
	g.writeMu.Unlock()
}

// NewCounter returns the counter prefix+name, creating it at the first call
// for that name; later calls return the same counter (Go kit replaces it,
// losing what the first one counted).
func (g *Graphite) NewCounter(name string) *Counter {
	return getOrCreate(&g.mu, g.counters, g.prefix+name, func(n string) *Counter { return NewCounter(n) })
}

// NewGauge returns the gauge prefix+name, creating it at the first call for
// that name; later calls return the same gauge.
func (g *Graphite) NewGauge(name string) *Gauge {
	return getOrCreate(&g.mu, g.gauges, g.prefix+name, func(n string) *Gauge { return NewGauge(n) })
}

// NewHistogram returns the histogram prefix+name, creating it with the given
// number of buckets (bins of its streaming quantile estimator) at the first
// call for that name; later calls return the same histogram.
func (g *Graphite) NewHistogram(name string, buckets int) *Histogram {
	return getOrCreate(&g.mu, g.histograms, g.prefix+name, func(n string) *Histogram { return NewHistogram(n, buckets) })
}

func getOrCreate[T any](mu *sync.RWMutex, m map[string]*T, name string, mk func(string) *T) *T {
	mu.RLock()
	v, ok := m[name]
	mu.RUnlock()
	if ok {
		return v
	}
	mu.Lock()
	defer mu.Unlock()
	if v, ok := m[name]; ok {
		return v
	}
	v = mk(name)
	m[name] = v
	return v
}

// WriteLoop calls WriteTo(w) on every tick of c until ctx is done, logging
// errors. It blocks: run it in its own goroutine.
func (g *Graphite) WriteLoop(ctx context.Context, c <-chan time.Time, w io.Writer) {
	emitter.Loop(ctx, c, g.logger, "WriteTo", func() error {
		_, err := g.WriteTo(w)
		return err
	})
}

// SendLoop is WriteLoop over a connection to address on network (usually
// "tcp"), dialled at the first write, redialled after a failed write, with
// exponential backoff after a failed dial. It closes the connection when ctx
// is done. It blocks: run it in its own goroutine.
// A dial is bounded by 10s and a write by 10s, and both are abandoned as
// soon as ctx is done, so SendLoop returns promptly after cancellation even
// when the receiver drops connection attempts.
func (g *Graphite) SendLoop(ctx context.Context, c <-chan time.Time, network, address string) {
	conn := emitter.NewConn(ctx, network, address)
	defer conn.Close()
	g.WriteLoop(ctx, c, conn)
}

// WriteTo writes every metric of g to w as "name value timestamp" lines:
// each counter with what it counted since the previous successful write of
// its line (a counter whose line is not written in full keeps its count for
// the next call), each gauge with its value, and each
// histogram as four lines name.p50, .p90, .p95 and .p99 with quantiles over
// everything it observed (-1 before its first observation). Within a kind,
// lines are ordered by name. It returns the bytes written and the first
// write error, after which it writes no more. Calls are serialised.
func (g *Graphite) WriteTo(w io.Writer) (count int64, err error) {
	g.writeMu.Lock()
	defer g.writeMu.Unlock()
	g.mu.RLock()
	counters := sortedKeys(g.counters)
	gauges := sortedKeys(g.gauges)
	histograms := sortedKeys(g.histograms)
	g.mu.RUnlock()

	mtu := DefaultMTU
	if v := g.mtu.Load(); v > 0 {
		mtu = int(v - 1)
	}
	now := g.now().Unix()
	p := emitter.NewPacker(w, mtu)
	line := func(name, suffix string, v float64) {
		b := p.Line()
		b = append(b, name...)
		b = append(b, suffix...)
		b = append(b, ' ')
		b = emitter.AppendFloat(b, v)
		b = append(b, ' ')
		b = strconv.AppendInt(b, now, 10)
		p.End(b)
	}
	counted := make([]float64, len(counters))
	for i, c := range counters {
		counted[i] = c.c.ValueReset()
		line(c.c.Name, "", counted[i])
	}
	for _, ga := range gauges {
		line(ga.g.Name, "", ga.g.Value())
	}
	for _, h := range histograms {
		for _, q := range quantiles {
			line(h.h.Name, q.suffix, h.h.Quantile(q.q))
		}
	}
	count, err = p.Flush()
	if err != nil {
		// Counters come first: give back what the counters whose lines did
		// not go out counted, to be written next time. A counter is one
		// number, so this keeps memory bounded while the receiver is down.
		for i := p.Lines(); i < len(counters); i++ {
			counters[i].c.Add(counted[i])
		}
	}
	return count, err
}

var quantiles = []struct {
	suffix string
	q      float64
}{{".p50", 0.50}, {".p90", 0.90}, {".p95", 0.95}, {".p99", 0.99}}

func sortedKeys[T any](m map[string]*T) []*T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]*T, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// Counter is a Graphite counter: it writes what it counted since the
// previous write. It is safe for concurrent use.
type Counter struct {
	c *generic.Counter
}

// NewCounter returns a Counter named name that belongs to no Graphite: it
// is never written. Use Graphite.NewCounter to create one that is.
func NewCounter(name string) *Counter { return &Counter{c: generic.NewCounter(name)} }

// With returns c: Graphite's plaintext protocol has no labels.
func (c *Counter) With(...string) metrics.Counter { return c }

// Add adds delta to the counter.
func (c *Counter) Add(delta float64) { c.c.Add(delta) }

// Gauge is a Graphite gauge. It is safe for concurrent use.
type Gauge struct {
	g *generic.Gauge
}

// NewGauge returns a Gauge named name that belongs to no Graphite: it is
// never written. Use Graphite.NewGauge to create one that is.
func NewGauge(name string) *Gauge { return &Gauge{g: generic.NewGauge(name)} }

// With returns g: Graphite's plaintext protocol has no labels.
func (g *Gauge) With(...string) metrics.Gauge { return g }

// Set sets the gauge's value.
func (g *Gauge) Set(value float64) { g.g.Set(value) }

// Add moves the gauge's value by delta.
func (g *Gauge) Add(delta float64) { g.g.Add(delta) }

// Histogram is a Graphite histogram: a streaming quantile estimator in
// bounded memory, written as its 50th, 90th, 95th and 99th percentiles. It
// is safe for concurrent use.
type Histogram struct {
	h *generic.Histogram
}

// NewHistogram returns a Histogram named name with the given number of
// buckets that belongs to no Graphite: it is never written. Use
// Graphite.NewHistogram to create one that is.
func NewHistogram(name string, buckets int) *Histogram {
	return &Histogram{h: generic.NewHistogram(name, buckets)}
}

// With returns h: Graphite's plaintext protocol has no labels.
func (h *Histogram) With(...string) metrics.Histogram { return h }

// Observe records value.
func (h *Histogram) Observe(value float64) { h.h.Observe(value) }
