package metricsdiff_test

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	gokitgeneric "github.com/go-kit/kit/metrics/generic"
	kitgeneric "github.com/seedkit/kit/metrics/generic"
)

func same(t *testing.T, what string, kit, gokit any) {
	t.Helper()
	if !reflect.DeepEqual(kit, gokit) {
		t.Errorf("%s differs:\n  kit:   %#v\n  gokit: %#v", what, kit, gokit)
	}
}

func near(t *testing.T, what string, kit, gokit, tol float64) {
	t.Helper()
	if math.Abs(kit-gokit) > tol*math.Max(1, math.Abs(gokit)) {
		t.Errorf("%s: kit %g, gokit %g (tolerance %g)", what, kit, gokit, tol)
	}
}

func within(t *testing.T, what string, kit, want, abs float64) {
	t.Helper()
	if math.Abs(kit-want) > abs {
		t.Errorf("%s: kit %g, want %g ± %g", what, kit, want, abs)
	}
}

// labelLists are the label value lists given to With, odd ones included.
var labelLists = [][]string{
	nil, {}, {"a"}, {"a", "1"}, {"a", "1", "b"}, {"a", "1", "b", "2"}, {"", ""}, {"a", "1", "a", "2"},
}

func TestCounter(t *testing.T) {
	t.Parallel()
	k, g := kitgeneric.NewCounter("c"), gokitgeneric.NewCounter("c")
	same(t, "Name", k.Name, g.Name)
	for _, d := range []float64{1, 2.5, 0, 1e10, -3} {
		k.Add(d)
		g.Add(d)
		same(t, "Value", k.Value(), g.Value())
	}
	same(t, "LabelValues", k.LabelValues(), g.LabelValues())
	for _, lvs := range labelLists {
		kc := k.With(lvs...).(*kitgeneric.Counter)
		gc := g.With(lvs...).(*gokitgeneric.Counter)
		same(t, fmt.Sprintf("With(%q).LabelValues", lvs), fmt.Sprint(kc.LabelValues()), fmt.Sprint(gc.LabelValues()))
		same(t, fmt.Sprintf("With(%q) starting value", lvs), kc.Value(), gc.Value())
		kc.Add(5)
		gc.Add(5)
		same(t, "child value", kc.Value(), gc.Value())
		same(t, "parent after child Add", k.Value(), g.Value())
		kcc := kc.With("z", "9").(*kitgeneric.Counter)
		gcc := gc.With("z", "9").(*gokitgeneric.Counter)
		same(t, "nested LabelValues", fmt.Sprint(kcc.LabelValues()), fmt.Sprint(gcc.LabelValues()))
		same(t, "Name of child", kcc.Name, gcc.Name)
	}
	k.Add(1)
	g.Add(1)
	same(t, "ValueReset", k.ValueReset(), g.ValueReset())
	same(t, "Value after reset", k.Value(), g.Value())
}

func TestGauge(t *testing.T) {
	t.Parallel()
	k, g := kitgeneric.NewGauge("g"), gokitgeneric.NewGauge("g")
	same(t, "Name", k.Name, g.Name)
	steps := []struct {
		set bool
		v   float64
	}{{true, 3}, {false, 2}, {false, -10}, {true, 0.5}, {false, 0.25}, {true, -1}}
	for _, s := range steps {
		if s.set {
			k.Set(s.v)
			g.Set(s.v)
		} else {
			k.Add(s.v)
			g.Add(s.v)
		}
		same(t, "Value", k.Value(), g.Value())
	}
	for _, lvs := range labelLists {
		kc := k.With(lvs...).(*kitgeneric.Gauge)
		gc := g.With(lvs...).(*gokitgeneric.Gauge)
		same(t, fmt.Sprintf("With(%q).LabelValues", lvs), fmt.Sprint(kc.LabelValues()), fmt.Sprint(gc.LabelValues()))
		same(t, "starting value", kc.Value(), gc.Value())
		kc.Set(42)
		gc.Set(42)
		kc.Add(1)
		gc.Add(1)
		same(t, "child value", kc.Value(), gc.Value())
		same(t, "parent after child", k.Value(), g.Value())
	}
}

func TestHistogram(t *testing.T) {
	t.Parallel()
	for _, buckets := range []int{10, 50, 200} {
		t.Run(fmt.Sprint(buckets), func(t *testing.T) {
			t.Parallel()
			k, g := kitgeneric.NewHistogram("h", buckets), gokitgeneric.NewHistogram("h", buckets)
			same(t, "Name", k.Name, g.Name)
			// Empty histograms.
			for _, q := range []float64{0.5, 0.99} {
				same(t, fmt.Sprintf("empty Quantile(%g)", q), k.Quantile(q), g.Quantile(q))
			}
			// 1..1000 in a scrambled order.
			for i := range 1000 {
				v := float64((i*7919)%1000 + 1)
				k.Observe(v)
				g.Observe(v)
			}
			for _, q := range []float64{0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99} {
				// The algorithms differ (kit's is its own): kit must be near the
				// true quantile, 1000*q, within 3% of the range, and near Go
				// kit's estimate where Go kit has enough buckets to be precise.
				t.Logf("Quantile(%g): kit %.2f, gokit %.2f, truth %.0f", q, k.Quantile(q), g.Quantile(q), 1000*q)
				within(t, fmt.Sprintf("Quantile(%g) vs truth", q), k.Quantile(q), 1000*q, 30)
				if buckets >= 50 {
					within(t, fmt.Sprintf("Quantile(%g) kit vs gokit", q), k.Quantile(q), g.Quantile(q), 30)
				}
			}
			for _, q := range []float64{0, 1, -1, 2} {
				t.Logf("Quantile(%g): kit %.2f, gokit %.2f", q, k.Quantile(q), g.Quantile(q))
			}
			// With shares observations with the parent, in both.
			kc := k.With("a", "1").(*kitgeneric.Histogram)
			gc := g.With("a", "1").(*gokitgeneric.Histogram)
			same(t, "child LabelValues", fmt.Sprint(kc.LabelValues()), fmt.Sprint(gc.LabelValues()))
			for range 1000 {
				kc.Observe(5000)
				gc.Observe(5000)
			}
			within(t, "parent p90 after child observations", k.Quantile(0.9), g.Quantile(0.9), 250)
			within(t, "child p25", kc.Quantile(0.25), gc.Quantile(0.25), 100)
			if k.Quantile(0.9) < 4000 || g.Quantile(0.9) < 4000 {
				t.Errorf("parent did not see the child's observations: kit %g gokit %g", k.Quantile(0.9), g.Quantile(0.9))
			}
			for _, lvs := range labelLists {
				same(t, fmt.Sprintf("With(%q).LabelValues", lvs),
					fmt.Sprint(k.With(lvs...).(*kitgeneric.Histogram).LabelValues()),
					fmt.Sprint(g.With(lvs...).(*gokitgeneric.Histogram).LabelValues()))
			}
		})
	}
}

// Print's format is for people and is kit's own (documented on
// Histogram.Print); both write a non-empty summary.
func TestHistogramPrint(t *testing.T) {
	t.Parallel()
	k, g := kitgeneric.NewHistogram("h", 20), gokitgeneric.NewHistogram("h", 20)
	for i := range 100 {
		k.Observe(float64(i))
		g.Observe(float64(i))
	}
	var kb, gb bytes.Buffer
	k.Print(&kb)
	g.Print(&gb)
	t.Logf("kit:\n%s\ngokit:\n%s", kb.String(), gb.String())
	if kb.Len() == 0 || gb.Len() == 0 {
		t.Errorf("empty output: kit %d bytes, gokit %d bytes", kb.Len(), gb.Len())
	}
	if !strings.Contains(kb.String(), "100 observations") {
		t.Errorf("kit summary lacks the count: %s", kb.String())
	}
}

func TestSimpleHistogram(t *testing.T) {
	t.Parallel()
	k, g := kitgeneric.NewSimpleHistogram(), gokitgeneric.NewSimpleHistogram()
	same(t, "empty average", k.ApproximateMovingAverage(), g.ApproximateMovingAverage())
	for _, v := range []float64{1, 2, 3, 10, -4, 0.5} {
		k.Observe(v)
		g.Observe(v)
		near(t, "average", k.ApproximateMovingAverage(), g.ApproximateMovingAverage(), 1e-12)
	}
	same(t, "LabelValues", fmt.Sprint(k.LabelValues()), fmt.Sprint(g.LabelValues()))
	for _, lvs := range labelLists {
		kc := k.With(lvs...).(*kitgeneric.SimpleHistogram)
		gc := g.With(lvs...).(*gokitgeneric.SimpleHistogram)
		same(t, fmt.Sprintf("With(%q).LabelValues", lvs), fmt.Sprint(kc.LabelValues()), fmt.Sprint(gc.LabelValues()))
		near(t, "child starting average", kc.ApproximateMovingAverage(), gc.ApproximateMovingAverage(), 1e-12)
		kc.Observe(100)
		gc.Observe(100)
		near(t, "child average", kc.ApproximateMovingAverage(), gc.ApproximateMovingAverage(), 1e-12)
		near(t, "parent average after child", k.ApproximateMovingAverage(), g.ApproximateMovingAverage(), 1e-12)
	}
}
