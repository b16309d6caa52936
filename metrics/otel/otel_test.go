package otel_test

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	kitotel "github.com/seedkit/kit/metrics/otel"
)

func newMeter(t *testing.T) (metric.Meter, *sdkmetric.ManualReader) {
	t.Helper()
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() { _ = mp.Shutdown(context.Background()) })
	return mp.Meter("kittest"), reader
}

// collect returns, for instrument name, every data point's value keyed by
// its attribute set's encoding (sum or gauge value; histogram count).
func collect(t *testing.T, r *sdkmetric.ManualReader, name string) map[string]float64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := r.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != name {
				continue
			}
			switch d := m.Data.(type) {
			case metricdata.Sum[float64]:
				for _, p := range d.DataPoints {
					out[p.Attributes.Encoded(attribute.DefaultEncoder())] = p.Value
				}
			case metricdata.Gauge[float64]:
				for _, p := range d.DataPoints {
					out[p.Attributes.Encoded(attribute.DefaultEncoder())] = p.Value
				}
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					out[p.Attributes.Encoded(attribute.DefaultEncoder())] = float64(p.Count)
				}
			}
		}
	}
	return out
}

func TestCounter(t *testing.T) {
	t.Parallel()
	meter, reader := newMeter(t)
	c, err := kitotel.NewCounter(meter, "requests")
	if err != nil {
		t.Fatal(err)
	}
	c.Add(1)
	ok := c.With("method", "GET", "code", "200")
	ok.Add(2)
	ok.Add(3)
	c.With("code", "200").With("method", "GET").Add(1) // same set, any order
	c.With("odd").Add(1)
	c.With("k", "a", "k", "b").Add(1) // the last value of a name wins
	got := collect(t, reader, "requests")
	want := map[string]float64{
		"":                    1,
		"code=200,method=GET": 6,
		"odd=unknown":         1,
		"k=b":                 1,
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q = %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
}

// TestCounterDropsNegativeAndNaN is a regression test: the SDK applies a
// negative delta to a counter, so Counter.Add must drop it (and NaN).
func TestCounterDropsNegativeAndNaN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		deltas []float64
		want   float64
	}{
		{"negative", []float64{5, -3}, 5},
		{"NaN", []float64{5, math.NaN()}, 5},
		{"negative infinity", []float64{2, math.Inf(-1), 1}, 3},
		{"zero", []float64{0, 4}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			meter, reader := newMeter(t)
			c, err := kitotel.NewCounter(meter, "c")
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range tt.deltas {
				c.With("k", "v").Add(d)
			}
			if got := collect(t, reader, "c")["k=v"]; got != tt.want {
				t.Fatalf("after Add%v: %v, want %v", tt.deltas, got, tt.want)
			}
		})
	}
}

func TestGauge(t *testing.T) {
	t.Parallel()
	meter, reader := newMeter(t)
	g, err := kitotel.NewGauge(meter, "inflight")
	if err != nil {
		t.Fatal(err)
	}
	g.Set(10)
	g.Add(-3)
	a := g.With("pool", "a")
	a.Add(2)
	g.With("pool", "a").Add(2) // shares a's value
	got := collect(t, reader, "inflight")
	if got[""] != 7 || got["pool=a"] != 4 {
		t.Fatalf("got %v, want 7 and pool=a 4", got)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				a.Add(1)
			}
		})
	}
	wg.Wait()
	if got := collect(t, reader, "inflight"); got["pool=a"] != 804 {
		t.Fatalf("after concurrent adds: %v, want pool=a 804", got)
	}
}

func TestHistogram(t *testing.T) {
	t.Parallel()
	meter, reader := newMeter(t)
	h, err := kitotel.NewHistogram(meter, "latency", metric.WithExplicitBucketBoundaries(1, 10, 100))
	if err != nil {
		t.Fatal(err)
	}
	r := h.With("route", "/")
	r.Observe(5)
	r.Observe(50)
	h.Observe(1)
	got := collect(t, reader, "latency")
	if got["route=/"] != 2 || got[""] != 1 {
		t.Fatalf("got %v", got)
	}
}

func TestNilMeter(t *testing.T) {
	t.Parallel()
	if _, err := kitotel.NewCounter(nil, "c"); !errors.Is(err, kitotel.ErrNilMeter) {
		t.Errorf("counter: %v", err)
	}
	if _, err := kitotel.NewGauge(nil, "g"); !errors.Is(err, kitotel.ErrNilMeter) {
		t.Errorf("gauge: %v", err)
	}
	if _, err := kitotel.NewHistogram(nil, "h"); !errors.Is(err, kitotel.ErrNilMeter) {
		t.Errorf("histogram: %v", err)
	}
}

func TestInvalidName(t *testing.T) {
	t.Parallel()
	meter, _ := newMeter(t)
	if _, err := kitotel.NewCounter(meter, "bad name!"); err == nil {
		t.Error("invalid instrument name accepted")
	}
}
