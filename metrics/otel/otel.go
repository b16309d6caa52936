package otel

import (
	"context"
	"errors"
	"sync"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/internal/lv"
)

// ErrNilMeter is returned by the constructors given a nil metric.Meter.
var ErrNilMeter = errors.New("otel: nil metric.Meter")

// attrs turns even-length label values into an attribute set; a repeated
// name keeps its last value.
func attrs(lvs lv.LabelValues) attribute.Set {
	if len(lvs) == 0 {
		return *attribute.EmptySet()
	}
	kvs := make([]attribute.KeyValue, 0, len(lvs)/2)
	for i := 0; i+1 < len(lvs); i += 2 {
		kvs = append(kvs, attribute.String(lvs[i], lvs[i+1]))
	}
	return attribute.NewSet(kvs...)
}

// Counter is a metrics.Counter recording to an OpenTelemetry Float64Counter.
// A Counter returned by With holds its precomputed attribute set, so Add
// only records. It is safe for concurrent use.
type Counter struct {
	inst metric.Float64Counter
	lvs  lv.LabelValues
	opts []metric.AddOption
}

// NewCounter creates the Float64Counter name with meter and returns a
// Counter over it, or the error of meter or ErrNilMeter.
func NewCounter(meter metric.Meter, name string, opts ...metric.Float64CounterOption) (*Counter, error) {
	if meter == nil {
		return nil, ErrNilMeter
	}
	inst, err := meter.Float64Counter(name, opts...)
	if err != nil {
		return nil, err
	}
	return &Counter{inst: inst}, nil
}

// With returns a Counter for c's label values followed by labelValues
// (alternating attribute names and values, all strings; an odd trailing name
// gets "unknown").
func (c *Counter) With(labelValues ...string) metrics.Counter {
	lvs := c.lvs.With(labelValues...)
	set := attrs(lvs)
	return &Counter{inst: c.inst, lvs: lvs, opts: []metric.AddOption{metric.WithAttributeSet(set)}}
}

// Add adds delta. OpenTelemetry counters are monotonic, but the SDK does
// not enforce it, so Add itself drops a negative or NaN delta.
func (c *Counter) Add(delta float64) {
	if !(delta >= 0) { // negative or NaN
		return
	}
	c.inst.Add(context.Background(), delta, c.opts...)
}

// Histogram is a metrics.Histogram recording to an OpenTelemetry
// Float64Histogram, with the attribute set precomputed by With. It is safe
// for concurrent use.
type Histogram struct {
	inst metric.Float64Histogram
	lvs  lv.LabelValues
	opts []metric.RecordOption
}

// NewHistogram creates the Float64Histogram name with meter and returns a
// Histogram over it, or the error of meter or ErrNilMeter. Pass
// metric.WithExplicitBucketBoundaries to choose the buckets.
func NewHistogram(meter metric.Meter, name string, opts ...metric.Float64HistogramOption) (*Histogram, error) {
	if meter == nil {
		return nil, ErrNilMeter
	}
	inst, err := meter.Float64Histogram(name, opts...)
	if err != nil {
		return nil, err
	}
	return &Histogram{inst: inst}, nil
}

// With returns a Histogram for h's label values followed by labelValues.
func (h *Histogram) With(labelValues ...string) metrics.Histogram {
	lvs := h.lvs.With(labelValues...)
	return &Histogram{inst: h.inst, lvs: lvs, opts: []metric.RecordOption{metric.WithAttributeSet(attrs(lvs))}}
}

// Observe records value.
func (h *Histogram) Observe(value float64) {
	h.inst.Record(context.Background(), value, h.opts...)
}

// Gauge is a metrics.Gauge recording to an OpenTelemetry Float64Gauge. Kit's
// Gauge has Add, which OpenTelemetry's gauge has not, so Gauge keeps the
// current value of each attribute set (shared by every Gauge of that set)
// and records it after each Set or Add. It is safe for concurrent use.
type Gauge struct {
	g    *gaugeState
	lvs  lv.LabelValues
	cell *gaugeCell
}

type gaugeState struct {
	inst  metric.Float64Gauge
	mu    sync.Mutex
	cells map[attribute.Distinct]*gaugeCell
}

type gaugeCell struct {
	mu    sync.Mutex
	value float64
	opts  []metric.RecordOption
}

// NewGauge creates the Float64Gauge name with meter and returns a Gauge over
// it, or the error of meter or ErrNilMeter.
func NewGauge(meter metric.Meter, name string, opts ...metric.Float64GaugeOption) (*Gauge, error) {
	if meter == nil {
		return nil, ErrNilMeter
	}
	inst, err := meter.Float64Gauge(name, opts...)
	if err != nil {
		return nil, err
	}
	g := &gaugeState{inst: inst, cells: map[attribute.Distinct]*gaugeCell{}}
	return &Gauge{g: g, cell: g.cell(nil)}, nil
}

func (g *gaugeState) cell(lvs lv.LabelValues) *gaugeCell {
	set := attrs(lvs)
	key := set.Equivalent()
	g.mu.Lock()
	defer g.mu.Unlock()
	c, ok := g.cells[key]
	if !ok {
		c = &gaugeCell{opts: []metric.RecordOption{metric.WithAttributeSet(set)}}
		g.cells[key] = c
	}
	return c
}

// With returns the Gauge for g's label values followed by labelValues.
func (g *Gauge) With(labelValues ...string) metrics.Gauge {
	lvs := g.lvs.With(labelValues...)
	return &Gauge{g: g.g, lvs: lvs, cell: g.g.cell(lvs)}
}

// Set sets the gauge's value and records it.
func (g *Gauge) Set(value float64) {
	c := g.cell
	c.mu.Lock()
	c.value = value
	g.g.inst.Record(context.Background(), value, c.opts...)
	c.mu.Unlock()
}

// Add moves the gauge's value by delta and records the new value.
func (g *Gauge) Add(delta float64) {
	c := g.cell
	c.mu.Lock()
	c.value += delta
	g.g.inst.Record(context.Background(), c.value, c.opts...)
	c.mu.Unlock()
}
