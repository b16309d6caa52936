package metricsdiff_test

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	gokitmetrics "github.com/go-kit/kit/metrics"
	gokitgeneric "github.com/go-kit/kit/metrics/generic"
	gokitteststat "github.com/go-kit/kit/metrics/teststat"
	kitmetrics "github.com/seedkit/kit/metrics"
	kitgeneric "github.com/seedkit/kit/metrics/generic"
	kitteststat "github.com/seedkit/kit/metrics/teststat"
)

// text is an io.WriterTo that writes the same lines every time, like a
// push backend's buffer.
type text string

func (s text) WriteTo(w io.Writer) (int64, error) {
	n, err := io.WriteString(w, string(s))
	return int64(n), err
}

func TestTeststatVars(t *testing.T) {
	t.Parallel()
	same(t, "Count Mean Stdev", []int{kitteststat.Count, kitteststat.Mean, kitteststat.Stdev},
		[]int{gokitteststat.Count, gokitteststat.Mean, gokitteststat.Stdev})
}

func TestExpectedObservationsLessThan(t *testing.T) {
	t.Parallel()
	for b := int64(-100); b <= 1100; b += 5 {
		same(t, fmt.Sprintf("ExpectedObservationsLessThan(%d)", b), kitteststat.ExpectedObservationsLessThan(b), gokitteststat.ExpectedObservationsLessThan(b))
	}
}

func stats(obs []float64) (mean, stdev float64) {
	for _, v := range obs {
		mean += v
	}
	mean /= float64(len(obs))
	for _, v := range obs {
		stdev += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(stdev / float64(len(obs)))
}

func TestPopulateNormalHistogram(t *testing.T) {
	t.Parallel()
	for _, seed := range []int{0, 1, 1234} {
		var kr, gr recorded
		kitteststat.PopulateNormalHistogram(kitFake{&kr}, seed)
		gokitteststat.PopulateNormalHistogram(gokitFake{&gr}, seed)
		same(t, "count", len(kr.obs), len(gr.obs))
		km, ks := stats(kr.obs)
		gm, gs := stats(gr.obs)
		t.Logf("seed %d: kit mean %.3f stdev %.3f, gokit mean %.3f stdev %.3f; first values kit %.4f gokit %.4f", seed, km, ks, gm, gs, kr.obs[0], gr.obs[0])
		within(t, "mean", km, gm, 1)
		within(t, "stdev", ks, gs, 1)
		if fmt.Sprint(kr.obs) != fmt.Sprint(gr.obs) {
			t.Errorf("seed %d: the observations differ (first: kit %v, gokit %v)", seed, kr.obs[0], gr.obs[0])
		}
	}
}

type kitAddRec struct{ adds *[]float64 }

func (c kitAddRec) With(...string) kitmetrics.Counter { return c }
func (c kitAddRec) Add(d float64)                     { *c.adds = append(*c.adds, d) }

type gokitAddRec struct{ adds *[]float64 }

func (c gokitAddRec) With(...string) gokitmetrics.Counter { return c }
func (c gokitAddRec) Add(d float64)                       { *c.adds = append(*c.adds, d) }

func TestFillCounter(t *testing.T) {
	t.Parallel()
	check := func(name string, sum float64, adds []float64) {
		var total float64
		for _, d := range adds {
			if d < 0 || d != math.Trunc(d) {
				t.Errorf("%s added %g", name, d)
			}
			total += d
		}
		if total != sum {
			t.Errorf("%s: returned %g, added %g", name, sum, total)
		}
	}
	for range 20 {
		var ka, ga []float64
		check("kit", kitteststat.FillCounter(kitAddRec{&ka}), ka)
		check("gokit", gokitteststat.FillCounter(gokitAddRec{&ga}), ga)
	}
}

// try runs f and reports a panic as its result.
func try(f func() string) (s string) {
	defer func() {
		if p := recover(); p != nil {
			s = "panic"
		}
	}()
	return f()
}

func TestLineExtractors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, text, regex string
		// gokitPanics marks output Go kit's extractors cannot parse: kit
		// skips non-matching lines, uses the whole match of a regex without
		// a group, and reports NaN for a value that is not a number
		// (documented in kit's teststat package doc).
		gokitPanics bool
		kit         string // kit's LastLine, SumLines and p50 then
	}{
		{name: "counter lines", text: "c:1|c\nc:2.5|c\nc:3|c\n", regex: `^c:([0-9.]+)\|c$`},
		{name: "unanchored", text: "c:1|c\nc:2.5|c\nc:3|c\n", regex: `c:([0-9.]+)\|c`},
		{name: "many values", text: "v 1\nv 2\nv 3\nv 4\nv 5\nv 6\nv 7\nv 8\nv 9\nv 10\n", regex: `v ([0-9]+)`},
		{name: "empty", text: "", regex: `^c:([0-9]+)$`},
		{name: "crlf", text: "c:4\r\nc:5\r\n", regex: `^c:([0-9]+)`},
		{name: "two groups", text: "c:1:2\n", regex: `^c:([0-9]+):([0-9]+)$`},
		{name: "other lines", text: "c:1|c\nother\nc:3|c\n", regex: `c:([0-9.]+)\|c`, gokitPanics: true, kit: "[3] 4"},
		{name: "no group", text: "5\n6\n", regex: `^[0-9]+$`, gokitPanics: true, kit: "[6] 11"},
		{name: "not a number", text: "c:abc\n", regex: `^c:(.*)$`, gokitPanics: true, kit: "[NaN] NaN"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := text(tc.text)
			run := func(last func() []float64, sum func() float64, qs func() (float64, float64, float64, float64)) string {
				return try(func() string {
					p50, p90, p95, p99 := qs()
					return fmt.Sprintf("%v %.6g|%.6g %.6g %.6g %.6g", last(), sum(), p50, p90, p95, p99)
				})
			}
			k := run(kitteststat.LastLine(w, tc.regex), kitteststat.SumLines(w, tc.regex), kitteststat.Quantiles(w, tc.regex, 50))
			g := run(gokitteststat.LastLine(w, tc.regex), gokitteststat.SumLines(w, tc.regex), gokitteststat.Quantiles(w, tc.regex, 50))
			t.Logf("kit %s, gokit %s", k, g)
			if tc.gokitPanics {
				if g != "panic" {
					t.Errorf("Go kit did not panic: %s", g)
				}
				if got, _, _ := strings.Cut(k, "|"); got != tc.kit {
					t.Errorf("kit %s, want %s", got, tc.kit)
				}
				return
			}
			// Quantiles of a handful of values: kit's estimate is its own
			// (logged above), so only LastLine and SumLines must be equal.
			kh, _, _ := strings.Cut(k, "|")
			gh, _, _ := strings.Cut(g, "|")
			same(t, "LastLine SumLines", kh, gh)
		})
	}
}

// Metrics for the verdicts: correct ones are each side's generic metrics;
// broken ones distort what they are given.

type kitDoubler struct{ c *kitgeneric.Counter }

func (d kitDoubler) With(...string) kitmetrics.Counter { return d }
func (d kitDoubler) Add(v float64)                     { d.c.Add(2 * v) }

type gokitDoubler struct{ c *gokitgeneric.Counter }

func (d gokitDoubler) With(...string) gokitmetrics.Counter { return d }
func (d gokitDoubler) Add(v float64)                       { d.c.Add(2 * v) }

type kitSetOnly struct{ g *kitgeneric.Gauge }

func (s kitSetOnly) With(...string) kitmetrics.Gauge { return s }
func (s kitSetOnly) Set(v float64)                   { s.g.Set(v) }
func (s kitSetOnly) Add(float64)                     {}

type gokitSetOnly struct{ g *gokitgeneric.Gauge }

func (s gokitSetOnly) With(...string) gokitmetrics.Gauge { return s }
func (s gokitSetOnly) Set(v float64)                     { s.g.Set(v) }
func (s gokitSetOnly) Add(float64)                       {}

type kitShift struct{ h *kitgeneric.Histogram }

func (s kitShift) With(...string) kitmetrics.Histogram { return s }
func (s kitShift) Observe(v float64)                   { s.h.Observe(v * 1.2) }

type gokitShift struct{ h *gokitgeneric.Histogram }

func (s gokitShift) With(...string) gokitmetrics.Histogram { return s }
func (s gokitShift) Observe(v float64)                     { s.h.Observe(v * 1.2) }

func TestVerdicts(t *testing.T) {
	t.Parallel()
	verdict := func(err error) string {
		if err != nil {
			return "fail"
		}
		return "pass"
	}
	kc, gc := kitgeneric.NewCounter("c"), gokitgeneric.NewCounter("c")
	same(t, "TestCounter correct", verdict(kitteststat.TestCounter(kc, kc.Value)), verdict(gokitteststat.TestCounter(gc, gc.Value)))

	// Go kit's TestGauge draws 0 to 99 Set calls and panics (index -1) when it
	// draws 0: goGauge runs it again then. A gauge that ignores Add passes
	// either suite when every random delta happens to be 0, so the broken
	// verdict is taken over a few runs: "fail" if any run failed.
	goGauge := func(run func() error) (err error) {
		for range 5 {
			panicked := false
			func() {
				defer func() {
					if recover() != nil {
						panicked = true
					}
				}()
				err = run()
			}()
			if !panicked {
				return err
			}
		}
		return errors.New("go kit's TestGauge panicked 5 times")
	}
	anyFail := func(run func() error) error {
		for range 3 {
			if err := run(); err != nil {
				return err
			}
		}
		return nil
	}
	// Go kit's TestCounter adds 0 to 99 values: a doubling counter passes
	// when it draws 0, hence anyFail.
	same(t, "TestCounter broken",
		verdict(anyFail(func() error {
			kd := kitDoubler{kitgeneric.NewCounter("d")}
			return kitteststat.TestCounter(kd, kd.c.Value)
		})),
		verdict(anyFail(func() error {
			gd := gokitDoubler{gokitgeneric.NewCounter("d")}
			return gokitteststat.TestCounter(gd, gd.c.Value)
		})))
	kg, gg := kitgeneric.NewGauge("g"), gokitgeneric.NewGauge("g")
	same(t, "TestGauge correct", verdict(kitteststat.TestGauge(kg, func() []float64 { return []float64{kg.Value()} })),
		verdict(goGauge(func() error { return gokitteststat.TestGauge(gg, func() []float64 { return []float64{gg.Value()} }) })))
	same(t, "TestGauge broken",
		verdict(anyFail(func() error {
			ks := kitSetOnly{kitgeneric.NewGauge("s")}
			return kitteststat.TestGauge(ks, func() []float64 { return []float64{ks.g.Value()} })
		})),
		verdict(anyFail(func() error {
			gs := gokitSetOnly{gokitgeneric.NewGauge("s")}
			return goGauge(func() error { return gokitteststat.TestGauge(gs, func() []float64 { return []float64{gs.g.Value()} }) })
		})))

	q := func(h interface{ Quantile(float64) float64 }) func() (float64, float64, float64, float64) {
		return func() (float64, float64, float64, float64) {
			return h.Quantile(0.50), h.Quantile(0.90), h.Quantile(0.95), h.Quantile(0.99)
		}
	}
	kh, gh := kitgeneric.NewHistogram("h", 50), gokitgeneric.NewHistogram("h", 50)
	same(t, "TestHistogram correct", verdict(kitteststat.TestHistogram(kh, q(kh), 0.01)), verdict(gokitteststat.TestHistogram(gh, q(gh), 0.01)))
	kb, gb := kitShift{kitgeneric.NewHistogram("b", 50)}, gokitShift{gokitgeneric.NewHistogram("b", 50)}
	same(t, "TestHistogram broken", verdict(kitteststat.TestHistogram(kb, q(kb.h), 0.01)), verdict(gokitteststat.TestHistogram(gb, q(gb.h), 0.01)))
	// Go kit's generic Histogram is checked by kit's suite and kit's by Go
	// kit's: each implementation passes the other's conformance test.
	kh2, gh2 := kitgeneric.NewHistogram("h2", 50), gokitgeneric.NewHistogram("h2", 50)
	if err := gokitteststat.TestHistogram(gokitFakeOf(kh2), q(kh2), 0.01); err != nil {
		t.Errorf("kit's Histogram fails Go kit's TestHistogram: %v", err)
	}
	if err := kitteststat.TestHistogram(kitFakeOf(gh2), q(gh2), 0.01); err != nil {
		t.Errorf("Go kit's Histogram fails kit's TestHistogram: %v", err)
	}
}

type gokitAdapter struct{ h *kitgeneric.Histogram }

func (a gokitAdapter) With(...string) gokitmetrics.Histogram { return a }
func (a gokitAdapter) Observe(v float64)                     { a.h.Observe(v) }

func gokitFakeOf(h *kitgeneric.Histogram) gokitmetrics.Histogram { return gokitAdapter{h} }

type kitAdapter struct{ h *gokitgeneric.Histogram }

func (a kitAdapter) With(...string) kitmetrics.Histogram { return a }
func (a kitAdapter) Observe(v float64)                   { a.h.Observe(v) }

func kitFakeOf(h *gokitgeneric.Histogram) kitmetrics.Histogram { return kitAdapter{h} }
