package teststat_test

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/teststat"
)

// lines is an io.WriterTo standing in for a push backend: it writes the
// lines it holds, or fails with err.
type lines struct {
	text string
	err  error
}

func (l lines) WriteTo(w io.Writer) (int64, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := io.WriteString(w, l.text)
	return int64(n), err
}

func TestLineHelpers(t *testing.T) {
	t.Parallel()
	const text = "other:9|c\nreq:1|c\nreq:2.5|c\r\nnoise\nreq:4|c\n"
	tests := []struct {
		name     string
		w        io.WriterTo
		regex    string
		wantSum  float64
		wantLast float64
	}{
		{"group", lines{text: text}, `^req:([0-9.]+)\|c$`, 7.5, 4},
		{"no group", lines{text: "a 1\nb 2\n"}, `[0-9]+$`, 3, 2},
		{"no match", lines{text: text}, `^none:(.*)$`, 0, 0}, // LastLine gives 0 when nothing matched, as in Go kit
		{"empty", lines{}, `^req:(.*)$`, 0, 0},
		{"bad regex", lines{text: text}, `(`, math.NaN(), math.NaN()},
		{"not a number", lines{text: "req:x|c\n"}, `^req:(.*)\|c$`, math.NaN(), math.NaN()},
		{"write error", lines{err: errors.New("boom")}, `(.*)`, math.NaN(), math.NaN()},
		{"nil writer", nil, `(.*)`, math.NaN(), math.NaN()},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := teststat.SumLines(tt.w, tt.regex)(); !same(got, tt.wantSum) {
				t.Errorf("SumLines = %v, want %v", got, tt.wantSum)
			}
			got := teststat.LastLine(tt.w, tt.regex)()
			if len(got) != 1 || !same(got[0], tt.wantLast) {
				t.Errorf("LastLine = %v, want [%v]", got, tt.wantLast)
			}
		})
	}
}

func TestQuantiles(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := 1; i <= 100; i++ {
		fmt.Fprintf(&b, "t:%d|ms\nc:1|c\n", i)
	}
	p50, p90, p95, p99 := teststat.Quantiles(lines{text: b.String()}, `^t:(\d+)\|ms$`, 200)()
	for _, c := range []struct{ have, want float64 }{{p50, 50.5}, {p90, 90.5}, {p95, 95.5}, {p99, 99.5}} {
		if math.Abs(c.have-c.want) > 1e-9 {
			t.Errorf("quantile = %v, want %v", c.have, c.want)
		}
	}
	p50, _, _, p99 = teststat.Quantiles(lines{text: "x"}, `(`, 10)()
	if !math.IsNaN(p50) || !math.IsNaN(p99) {
		t.Errorf("bad regex: quantiles %v %v, want NaN", p50, p99)
	}
}

// fakeCounter is a Counter whose reported value is wrong by offset.
type fakeCounter struct {
	sum    float64
	offset float64
}

func (c *fakeCounter) Add(d float64)                  { c.sum += d }
func (c *fakeCounter) With(...string) metrics.Counter { return c }
func (c *fakeCounter) value() float64                 { return c.sum + c.offset }

func TestTestCounter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		offset  float64
		wantErr string
	}{
		{"right", 0, ""},
		{"wrong", 1, "value() reported"},
		{"NaN", math.NaN(), "regex is invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := &fakeCounter{offset: tt.offset}
			checkErr(t, teststat.TestCounter(c, c.value), tt.wantErr)
		})
	}
	checkErr(t, teststat.TestCounter(nil, nil), "needs a counter")
}

// fakeGauge keeps every value it takes; report picks what to return.
type fakeGauge struct {
	history []float64
	report  func(history []float64) []float64
}

func (g *fakeGauge) With(...string) metrics.Gauge { return g }
func (g *fakeGauge) Set(v float64)                { g.history = append(g.history, v) }
func (g *fakeGauge) Add(d float64) {
	last := 0.0
	if n := len(g.history); n > 0 {
		last = g.history[n-1]
	}
	g.history = append(g.history, last+d)
}
func (g *fakeGauge) value() []float64 { return g.report(g.history) }

func TestTestGauge(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		report  func(h []float64) []float64
		wantErr string
	}{
		{"last", func(h []float64) []float64 { return h[len(h)-1:] }, ""},
		{"all", func(h []float64) []float64 { return h }, ""},
		{"tail", func(h []float64) []float64 { return h[len(h)/2:] }, ""},
		{"none", func([]float64) []float64 { return nil }, "no values"},
		{"wrong last", func(h []float64) []float64 { return []float64{h[len(h)-1] + 1000} }, "last value is"},
		{"reversed", func(h []float64) []float64 {
			return []float64{h[len(h)-1] + 1000, h[len(h)-1]}
		}, "is not one the gauge took"},
		{"NaN", func([]float64) []float64 { return []float64{math.NaN()} }, "regex is invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := &fakeGauge{report: tt.report}
			checkErr(t, teststat.TestGauge(g, g.value), tt.wantErr)
		})
	}
	checkErr(t, teststat.TestGauge(nil, nil), "needs a gauge")
}

func TestTestHistogram(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		shift   float64
		wantErr string
	}{
		{"right", 0, ""},
		{"shifted", 50, "p50: want 500.000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := generic.NewHistogram("h", 50)
			q := func() (float64, float64, float64, float64) {
				return h.Quantile(.5) + tt.shift, h.Quantile(.9) + tt.shift, h.Quantile(.95) + tt.shift, h.Quantile(.99) + tt.shift
			}
			checkErr(t, teststat.TestHistogram(h, q, 0.01), tt.wantErr)
		})
	}
	checkErr(t, teststat.TestHistogram(nil, nil, 0.01), "needs a histogram")
	nan := func() (float64, float64, float64, float64) { return math.NaN(), 0, 0, 0 }
	checkErr(t, teststat.TestHistogram(generic.NewHistogram("h", 5), nan, 0.01), "regex is invalid")
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Fatalf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q does not contain %q", err, want)
	}
}

func TestPopulateNormalHistogram(t *testing.T) {
	t.Parallel()
	a, b := generic.NewHistogram("a", 50), generic.NewHistogram("b", 50)
	teststat.PopulateNormalHistogram(a, 42)
	teststat.PopulateNormalHistogram(b, 42)
	for _, q := range []float64{0, 0.5, 0.9, 1} {
		if a.Quantile(q) != b.Quantile(q) {
			t.Fatalf("same seed, different quantile %v: %v and %v", q, a.Quantile(q), b.Quantile(q))
		}
	}
	c := &fakeCounter{}
	teststat.PopulateNormalHistogram(nil, 1) // must not panic
	teststat.PopulateNormalHistogram(convertCounting{c}, 1)
	if c.sum != float64(teststat.Count) {
		t.Fatalf("made %v observations, want %d", c.sum, teststat.Count)
	}
}

// convertCounting counts observations.
type convertCounting struct{ c *fakeCounter }

func (h convertCounting) With(...string) metrics.Histogram { return h }
func (h convertCounting) Observe(float64)                  { h.c.Add(1) }

func TestExpectedObservationsLessThan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		bucket int64
		want   int64
	}{
		{0, 0},
		{int64(teststat.Mean), int64(teststat.Count) / 2},
		{int64(teststat.Mean + teststat.Stdev), 10386}, // 84.13%
		{int64(teststat.Mean + 10*teststat.Stdev), int64(teststat.Count)},
	}
	for _, tt := range tests {
		if got := teststat.ExpectedObservationsLessThan(tt.bucket); got != tt.want {
			t.Errorf("ExpectedObservationsLessThan(%d) = %d, want %d", tt.bucket, got, tt.want)
		}
	}
}

func TestFillCounter(t *testing.T) {
	t.Parallel()
	for range 20 {
		c := &fakeCounter{}
		if got := teststat.FillCounter(c); got != c.sum {
			t.Fatalf("FillCounter returned %v, counter got %v", got, c.sum)
		}
	}
	if got := teststat.FillCounter(nil); got != 0 {
		t.Fatalf("FillCounter(nil) = %v", got)
	}
}
