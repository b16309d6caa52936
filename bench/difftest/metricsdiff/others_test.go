package metricsdiff_test

import (
	"encoding/json"
	stdexpvar "expvar"
	"fmt"
	"math"
	"testing"
	"time"

	gokitmetrics "github.com/go-kit/kit/metrics"
	gokitdiscard "github.com/go-kit/kit/metrics/discard"
	gokitexpvar "github.com/go-kit/kit/metrics/expvar"
	gokitgeneric "github.com/go-kit/kit/metrics/generic"
	gokitmulti "github.com/go-kit/kit/metrics/multi"
	kitmetrics "github.com/seedkit/kit/metrics"
	kitdiscard "github.com/seedkit/kit/metrics/discard"
	kitexpvar "github.com/seedkit/kit/metrics/expvar"
	kitgeneric "github.com/seedkit/kit/metrics/generic"
	kitmulti "github.com/seedkit/kit/metrics/multi"
)

func TestMulti(t *testing.T) {
	t.Parallel()
	k1, k2 := kitgeneric.NewCounter("a"), kitgeneric.NewCounter("b")
	g1, g2 := gokitgeneric.NewCounter("a"), gokitgeneric.NewCounter("b")
	kc, gc := kitmulti.NewCounter(k1, k2), gokitmulti.NewCounter(g1, g2)
	kc.Add(2)
	gc.Add(2)
	kw, gw := kc.With("l", "v").(kitmulti.Counter), gc.With("l", "v").(gokitmulti.Counter)
	kw.Add(3)
	gw.Add(3)
	same(t, "members", []float64{k1.Value(), k2.Value()}, []float64{g1.Value(), g2.Value()})
	same(t, "With members", []float64{kw[0].(*kitgeneric.Counter).Value(), kw[1].(*kitgeneric.Counter).Value()},
		[]float64{gw[0].(*gokitgeneric.Counter).Value(), gw[1].(*gokitgeneric.Counter).Value()})
	same(t, "With labels", fmt.Sprint(kw[0].(*kitgeneric.Counter).LabelValues()), fmt.Sprint(gw[0].(*gokitgeneric.Counter).LabelValues()))

	kg1, gg1 := kitgeneric.NewGauge("g"), gokitgeneric.NewGauge("g")
	kg, gg := kitmulti.NewGauge(kg1), gokitmulti.NewGauge(gg1)
	kg.Set(5)
	gg.Set(5)
	kg.Add(-2)
	gg.Add(-2)
	same(t, "gauge", kg1.Value(), gg1.Value())
	kgw, ggw := kg.With("x", "y").(kitmulti.Gauge), gg.With("x", "y").(gokitmulti.Gauge)
	same(t, "gauge With len", len(kgw), len(ggw))

	kh1, gh1 := kitgeneric.NewSimpleHistogram(), gokitgeneric.NewSimpleHistogram()
	kh, gh := kitmulti.NewHistogram(kh1), gokitmulti.NewHistogram(gh1)
	for _, v := range []float64{1, 2, 6} {
		kh.Observe(v)
		gh.Observe(v)
	}
	same(t, "histogram", kh1.ApproximateMovingAverage(), gh1.ApproximateMovingAverage())
	same(t, "histogram With len", len(kh.With("a").(kitmulti.Histogram)), len(gh.With("a").(gokitmulti.Histogram)))

	// Empty fan-outs do nothing in both.
	kitmulti.NewCounter().Add(1)
	gokitmulti.NewCounter().Add(1)

	// A nil member: Go kit panics, kit skips it (documented in kit's multi).
	kitmulti.NewCounter(nil, k1).Add(1)
	if k1.Value() != 3 {
		t.Errorf("kit skipped the good member: %g", k1.Value())
	}
	func() {
		defer func() { _ = recover() }()
		gokitmulti.NewCounter(nil, g1).Add(1)
		t.Log("Go kit did not panic on a nil member")
	}()
}

func TestDiscard(t *testing.T) {
	t.Parallel()
	kc, gc := kitdiscard.NewCounter(), gokitdiscard.NewCounter()
	kc.With("a").Add(1)
	gc.With("a").Add(1)
	kg, gg := kitdiscard.NewGauge(), gokitdiscard.NewGauge()
	kg.With("a", "b").Set(1)
	kg.Add(1)
	gg.With("a", "b").Set(1)
	gg.Add(1)
	kh, gh := kitdiscard.NewHistogram(), gokitdiscard.NewHistogram()
	kh.With().Observe(1)
	gh.With().Observe(1)
	same(t, "With returns itself", []bool{kc.With("x") == kc, kg.With("x") == kg, kh.With("x") == kh},
		[]bool{gc.With("x") == gc, gg.With("x") == gg, gh.With("x") == gh})
}

// expvar publishes into the process-wide registry: the two sides use
// different names.
func expvarJSON(name string) any {
	v := stdexpvar.Get(name)
	if v == nil {
		return "<unpublished>"
	}
	var x any
	if err := json.Unmarshal([]byte(v.String()), &x); err != nil {
		return "invalid " + v.String()
	}
	return x
}

func TestExpvar(t *testing.T) {
	t.Parallel()
	kc, gc := kitexpvar.NewCounter("kitdiff_counter"), gokitexpvar.NewCounter("gokitdiff_counter")
	kc.Add(1.5)
	gc.Add(1.5)
	kc.With("a", "b").Add(2)
	gc.With("a", "b").Add(2)
	same(t, "counter", expvarJSON("kitdiff_counter"), expvarJSON("gokitdiff_counter"))

	kg, gg := kitexpvar.NewGauge("kitdiff_gauge"), gokitexpvar.NewGauge("gokitdiff_gauge")
	kg.Set(10)
	gg.Set(10)
	kg.With("x").Add(-2.5)
	gg.With("x").Add(-2.5)
	same(t, "gauge", expvarJSON("kitdiff_gauge"), expvarJSON("gokitdiff_gauge"))

	kh, gh := kitexpvar.NewHistogram("kitdiff_hist", 50), gokitexpvar.NewHistogram("gokitdiff_hist", 50)
	for _, s := range []string{"", ".p50", ".p90", ".p95", ".p99"} {
		t.Logf("before: kitdiff_hist%s=%v gokitdiff_hist%s=%v", s, expvarJSON("kitdiff_hist"+s), s, expvarJSON("gokitdiff_hist"+s))
	}
	for i := range 1000 {
		v := float64((i*7919)%1000 + 1)
		kh.Observe(v)
		gh.With("l", "v").Observe(v)
	}
	for _, s := range []string{".p50", ".p90", ".p95", ".p99"} {
		kv, _ := expvarJSON("kitdiff_hist" + s).(float64)
		gv, _ := expvarJSON("gokitdiff_hist" + s).(float64)
		t.Logf("%s: kit %g, gokit %g", s, kv, gv)
		within(t, "histogram"+s, kv, gv, 30)
	}
	same(t, "histogram base name", expvarJSON("kitdiff_hist"), expvarJSON("gokitdiff_hist"))

	// Duplicate names: Go kit panics (expvar.Publish); kit shares the
	// published Float (documented on kit's expvar.NewCounter).
	kitexpvar.NewCounter("kitdiff_counter").Add(1)
	same(t, "kit duplicate shares", expvarJSON("kitdiff_counter"), 4.5)
	panicked := func() (p bool) {
		defer func() { p = recover() != nil }()
		gokitexpvar.NewCounter("gokitdiff_counter")
		return false
	}()
	if !panicked {
		t.Error("Go kit did not panic on a duplicate name")
	}
	kitexpvar.NewHistogram("kitdiff_hist", 10) // no panic
}

// fakeHistogram records observations; it satisfies both metrics.Histogram
// interfaces through two thin wrappers.
type recorded struct{ obs []float64 }

type kitFake struct{ r *recorded }

func (f kitFake) With(...string) kitmetrics.Histogram { return f }
func (f kitFake) Observe(v float64)                   { f.r.obs = append(f.r.obs, v) }

type gokitFake struct{ r *recorded }

func (f gokitFake) With(...string) gokitmetrics.Histogram { return f }
func (f gokitFake) Observe(v float64)                     { f.r.obs = append(f.r.obs, v) }

// TestTimer compares the units both Timers report in. Go kit's Timer reads
// the clock with time.Since, so the observed value is checked against
// bounds measured around it rather than a fixed duration (no sleeps).
func TestTimer(t *testing.T) {
	t.Parallel()
	units := []time.Duration{0 /* default: seconds */, time.Second, time.Millisecond, time.Microsecond, time.Nanosecond, time.Minute}
	for _, u := range units {
		var kr, gr recorded
		start := time.Now()
		kt, gt := kitmetrics.NewTimer(kitFake{&kr}), gokitmetrics.NewTimer(gokitFake{&gr})
		if u != 0 {
			kt.Unit(u)
			gt.Unit(u)
		}
		inner := time.Now()
		kt.ObserveDuration()
		gt.ObserveDuration()
		kt.ObserveDuration()
		elapsed := time.Since(start)
		_ = inner
		unit := u
		if unit == 0 {
			unit = time.Second
		}
		limit := float64(elapsed) / float64(unit)
		if len(kr.obs) != 2 || len(gr.obs) != 1 {
			t.Fatalf("observations: kit %v, gokit %v", kr.obs, gr.obs)
		}
		for _, v := range append(append([]float64(nil), kr.obs...), gr.obs...) {
			if v < 0 || v > limit {
				t.Errorf("unit %v: observed %g, want within [0, %g]", unit, v, limit)
			}
		}
		if kr.obs[1] < kr.obs[0] {
			t.Errorf("kit: second ObserveDuration %g before first %g: both measure from NewTimer", kr.obs[1], kr.obs[0])
		}
	}
	// A non-positive unit: kit ignores it (documented on kit's Timer.Unit);
	// Go kit divides by it.
	var kr, gr recorded
	kt, gt := kitmetrics.NewTimer(kitFake{&kr}), gokitmetrics.NewTimer(gokitFake{&gr})
	kt.Unit(0)
	gt.Unit(0)
	kt.ObserveDuration()
	gt.ObserveDuration()
	t.Logf("Unit(0): kit %v, gokit %v", kr.obs, gr.obs)
	if math.IsInf(kr.obs[0], 0) || math.IsNaN(kr.obs[0]) || kr.obs[0] > 10 {
		t.Errorf("kit Unit(0) observed %v", kr.obs)
	}
}
