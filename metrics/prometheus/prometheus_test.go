package prometheus_test

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"testing"

	stdprometheus "github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/seedkit/kit/metrics/prometheus"
)

// value returns the value of the series of family name whose labels are
// exactly labels, or NaN.
func value(t *testing.T, g stdprometheus.Gatherer, name string, labels map[string]string) float64 {
	t.Helper()
	families, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			if !labelsMatch(m, labels) {
				continue
			}
			switch {
			case m.Counter != nil:
				return m.GetCounter().GetValue()
			case m.Gauge != nil:
				return m.GetGauge().GetValue()
			case m.Summary != nil:
				return float64(m.GetSummary().GetSampleCount())
			case m.Histogram != nil:
				return float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	return math.NaN()
}

func labelsMatch(m *dto.Metric, want map[string]string) bool {
	if len(m.GetLabel()) != len(want) {
		return false
	}
	for _, l := range m.GetLabel() {
		if want[l.GetName()] != l.GetValue() {
			return false
		}
	}
	return true
}

func TestLabelResolution(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		with    func(c *prometheus.Counter) interface{ Add(float64) }
		labels  map[string]string
		wantErr bool
	}{
		{"in order", func(c *prometheus.Counter) interface{ Add(float64) } {
			return c.With("a", "1", "b", "2")
		}, map[string]string{"a": "1", "b": "2"}, false},
		{"out of order", func(c *prometheus.Counter) interface{ Add(float64) } {
			return c.With("b", "2", "a", "1")
		}, map[string]string{"a": "1", "b": "2"}, false},
		{"chained", func(c *prometheus.Counter) interface{ Add(float64) } {
			return c.With("a", "1").With("b", "2")
		}, map[string]string{"a": "1", "b": "2"}, false},
		{"odd padded", func(c *prometheus.Counter) interface{ Add(float64) } {
			return c.With("a", "1", "b")
		}, map[string]string{"a": "1", "b": "unknown"}, false},
		{"missing label", func(c *prometheus.Counter) interface{ Add(float64) } {
			return c.With("a", "1")
		}, nil, true},
		{"unknown label", func(c *prometheus.Counter) interface{ Add(float64) } {
			return c.With("a", "1", "b", "2", "c", "3")
		}, nil, true},
		{"misspelt label", func(c *prometheus.Counter) interface{ Add(float64) } {
			return c.With("a", "1", "bb", "2")
		}, nil, true},
		{"no labels", func(c *prometheus.Counter) interface{ Add(float64) } { return c }, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reg := stdprometheus.NewRegistry()
			c, err := prometheus.NewCounterIn(reg, stdprometheus.CounterOpts{Name: "c", Help: "c"}, []string{"a", "b"})
			if err != nil {
				t.Fatal(err)
			}
			m := tt.with(c)
			m.Add(2)
			m.Add(3)
			err = m.(interface{ Err() error }).Err()
			if tt.wantErr {
				if !errors.Is(err, prometheus.ErrLabels) {
					t.Fatalf("Err = %v, want ErrLabels", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := value(t, reg, "c", tt.labels); got != 5 {
				t.Fatalf("value %v, want 5", got)
			}
		})
	}
}

func TestNoChildBeforeFirstObservation(t *testing.T) {
	t.Parallel()
	reg := stdprometheus.NewRegistry()
	c, _ := prometheus.NewCounterIn(reg, stdprometheus.CounterOpts{Name: "c", Help: "c"}, []string{"a"})
	_ = c.With("a", "1") // bound but unused: exports nothing, as in Go kit
	if got := value(t, reg, "c", map[string]string{"a": "1"}); !math.IsNaN(got) {
		t.Fatalf("series exported before any Add: %v", got)
	}
}

func TestAllKinds(t *testing.T) {
	t.Parallel()
	reg := stdprometheus.NewRegistry()
	names := []string{"k"}
	g, err := prometheus.NewGaugeIn(reg, stdprometheus.GaugeOpts{Name: "g", Help: "g"}, names)
	if err != nil {
		t.Fatal(err)
	}
	h, err := prometheus.NewHistogramIn(reg, stdprometheus.HistogramOpts{Name: "h", Help: "h"}, names)
	if err != nil {
		t.Fatal(err)
	}
	s, err := prometheus.NewSummaryIn(reg, stdprometheus.SummaryOpts{Name: "s", Help: "s"}, names)
	if err != nil {
		t.Fatal(err)
	}
	gv := g.With("k", "v")
	gv.Set(10)
	gv.Add(-3)
	h.With("k", "v").Observe(1)
	h.With("k", "v").Observe(2)
	s.With("k", "v").Observe(1)
	lbl := map[string]string{"k": "v"}
	if got := value(t, reg, "g", lbl); got != 7 {
		t.Errorf("gauge %v, want 7", got)
	}
	if got := value(t, reg, "h", lbl); got != 2 {
		t.Errorf("histogram count %v, want 2", got)
	}
	if got := value(t, reg, "s", lbl); got != 1 {
		t.Errorf("summary count %v, want 1", got)
	}
	for _, e := range []interface{ Err() error }{g, h, s} {
		if !errors.Is(e.Err(), prometheus.ErrLabels) {
			t.Errorf("%T without labels: Err = %v", e, e.Err())
		}
	}
	// Observations on unresolvable metrics are dropped without a panic.
	g.Set(1)
	g.Add(1)
	h.Observe(1)
	s.Observe(1)
}

func TestRegistration(t *testing.T) {
	t.Parallel()
	reg := stdprometheus.NewRegistry()
	opts := stdprometheus.CounterOpts{Name: "dup", Help: "dup"}
	a, err := prometheus.NewCounterIn(reg, opts, []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := prometheus.NewCounterIn(reg, opts, []string{"x"})
	if err != nil {
		t.Fatalf("equal vector registered twice: %v", err)
	}
	a.With("x", "1").Add(1)
	b.With("x", "1").Add(1)
	if got := value(t, reg, "dup", map[string]string{"x": "1"}); got != 2 {
		t.Fatalf("shared vector value %v, want 2", got)
	}
	if _, err := prometheus.NewCounterIn(reg, opts, []string{"y"}); err == nil {
		t.Fatal("conflicting label names registered")
	}
	if _, err := prometheus.NewGaugeIn(reg, stdprometheus.GaugeOpts{Name: "dup", Help: "dup"}, []string{"x"}); err == nil {
		t.Fatal("gauge registered over a counter")
	}
	if _, err := prometheus.NewCounterIn(reg, stdprometheus.CounterOpts{Name: "", Help: "x"}, nil); err == nil {
		t.Fatal("invalid name accepted")
	}
	c, err := prometheus.NewCounterIn(nil, stdprometheus.CounterOpts{Name: "unregistered", Help: "x"}, nil)
	if err != nil || c == nil {
		t.Fatalf("nil Registerer: %v", err)
	}
	c.Add(1)
}

// fromRuns numbers runs of TestFromUsesDefaultRegistry.
var fromRuns atomic.Int64

func TestFromUsesDefaultRegistry(t *testing.T) {
	t.Parallel()
	// The default registry is global to the process: names of their own
	// for each run under -count > 1.
	run := fmt.Sprint(fromRuns.Add(1))
	opts := stdprometheus.CounterOpts{Namespace: "kittest", Name: "from_default_total" + run, Help: "x"}
	a := prometheus.NewCounterFrom(opts, []string{"x"})
	b := prometheus.NewCounterFrom(opts, []string{"x"}) // Go kit panics here
	a.With("x", "1").Add(1)
	b.With("x", "1").Add(2)
	if got := value(t, stdprometheus.DefaultGatherer, "kittest_from_default_total"+run, map[string]string{"x": "1"}); got != 3 {
		t.Fatalf("value %v, want 3", got)
	}
	prometheus.NewGaugeFrom(stdprometheus.GaugeOpts{Namespace: "kittest", Name: "from_default_gauge" + run, Help: "x"}, nil).Set(1)
	prometheus.NewHistogramFrom(stdprometheus.HistogramOpts{Namespace: "kittest", Name: "from_default_hist" + run, Help: "x"}, nil).Observe(1)
	prometheus.NewSummaryFrom(stdprometheus.SummaryOpts{Namespace: "kittest", Name: "from_default_sum" + run, Help: "x"}, nil).Observe(1)
}

func TestFromPanicsOnConflict(t *testing.T) {
	t.Parallel()
	opts := stdprometheus.CounterOpts{Namespace: "kittest", Name: "conflict_total", Help: "x"}
	prometheus.NewCounterFrom(opts, []string{"x"})
	defer func() {
		if recover() == nil {
			t.Fatal("conflicting registration did not panic (Go kit's behaviour)")
		}
	}()
	prometheus.NewCounterFrom(opts, []string{"y"})
}

func TestWrapVectors(t *testing.T) {
	t.Parallel()
	cv := stdprometheus.NewCounterVec(stdprometheus.CounterOpts{Name: "cv", Help: "x"}, []string{"a"})
	gv := stdprometheus.NewGaugeVec(stdprometheus.GaugeOpts{Name: "gv", Help: "x"}, []string{"a"})
	hv := stdprometheus.NewHistogramVec(stdprometheus.HistogramOpts{Name: "hv", Help: "x"}, []string{"a"})
	sv := stdprometheus.NewSummaryVec(stdprometheus.SummaryOpts{Name: "sv", Help: "x"}, []string{"a"})
	reg := stdprometheus.NewRegistry()
	reg.MustRegister(cv, gv, hv, sv)
	prometheus.NewCounter(cv).With("a", "1").Add(1)
	prometheus.NewGauge(gv).With("a", "1").Set(2)
	prometheus.NewHistogram(hv).With("a", "1").Observe(3)
	prometheus.NewSummary(sv).With("a", "1").Observe(4)
	lbl := map[string]string{"a": "1"}
	for name, want := range map[string]float64{"cv": 1, "gv": 2, "hv": 1, "sv": 1} {
		if got := value(t, reg, name, lbl); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if err := prometheus.NewCounter(nil).Err(); !errors.Is(err, prometheus.ErrLabels) {
		t.Errorf("nil vector: Err = %v", err)
	}
	prometheus.NewCounter(nil).Add(1) // no panic
}

func TestConcurrentBoundCounter(t *testing.T) {
	t.Parallel()
	reg := stdprometheus.NewRegistry()
	c, _ := prometheus.NewCounterIn(reg, stdprometheus.CounterOpts{Name: "c", Help: "c"}, []string{"a"})
	bound := c.With("a", "1")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				bound.Add(1)
				c.With("a", "2").Add(1)
			}
		})
	}
	wg.Wait()
	if got := value(t, reg, "c", map[string]string{"a": "1"}); got != 8000 {
		t.Fatalf("bound %v, want 8000", got)
	}
	if got := value(t, reg, "c", map[string]string{"a": "2"}); got != 8000 {
		t.Fatalf("unbound %v, want 8000", got)
	}
}

func TestWithAfterVectorReset(t *testing.T) {
	t.Parallel()
	reg := stdprometheus.NewRegistry()
	opts := stdprometheus.CounterOpts{Name: "reset_total", Help: "x"}
	cv := stdprometheus.NewCounterVec(opts, []string{"a"})
	reg.MustRegister(cv)
	c, err := prometheus.NewCounterIn(reg, opts, []string{"a"}) // reuses cv
	if err != nil {
		t.Fatal(err)
	}
	c.With("a", "1").Add(5)
	if c.With("a", "1") != c.With("a", "1") {
		t.Fatal("With does not return the cached metric")
	}
	cv.Reset()
	c.With("a", "1").Add(2) // With notices the reset and resolves again
	if got := value(t, reg, "reset_total", map[string]string{"a": "1"}); got != 2 {
		t.Fatalf("after Reset: %v, want 2", got)
	}
}

// TestWithAfterVectorResetAnyOrder is a regression test: With kept using a
// child deleted by the vector's Reset when the label pairs were given in
// another order than the vector's label names.
func TestWithAfterVectorResetAnyOrder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		lvs  []string
	}{
		{"in order", []string{"method", "GET", "code", "200"}},
		{"out of order", []string{"code", "200", "method", "GET"}},
		{"split over With calls", []string{"code", "200"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			reg := stdprometheus.NewRegistry()
			opts := stdprometheus.CounterOpts{Name: "req_total", Help: "x"}
			cv := stdprometheus.NewCounterVec(opts, []string{"method", "code"})
			reg.MustRegister(cv)
			c, err := prometheus.NewCounterIn(reg, opts, []string{"method", "code"})
			if err != nil {
				t.Fatal(err)
			}
			with := func() interface{ Add(float64) } {
				if len(tc.lvs) == 2 {
					return c.With(tc.lvs...).With("method", "GET")
				}
				return c.With(tc.lvs...)
			}
			with().Add(5)
			cv.Reset()
			with().Add(1)
			want := map[string]string{"method": "GET", "code": "200"}
			if got := value(t, reg, "req_total", want); got != 1 {
				t.Fatalf("after Reset: %v, want 1", got)
			}
		})
	}
}

func TestCounterDropsNegativeDeltas(t *testing.T) {
	t.Parallel()
	reg := stdprometheus.NewRegistry()
	c, err := prometheus.NewCounterIn(reg, stdprometheus.CounterOpts{Name: "negative_total", Help: "x"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Add(2)
	c.Add(-1) // client_golang panics on this; kit drops it
	c.Add(1)
	if got := value(t, reg, "negative_total", nil); got != 3 {
		t.Fatalf("counter = %v, want 3", got)
	}
}
