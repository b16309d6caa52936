package teststat

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/seedkit/kit/metrics"
)

// histogramSeed is the seed TestHistogram gives PopulateNormalHistogram, so
// that a failure reproduces.
const histogramSeed = 1234

// nanHint explains where a NaN reported by a value function usually comes
// from.
const nanHint = " (the value functions of this package return NaN when the regex is invalid, WriteTo fails, or a matched value is not a number)"

// TestCounter fills counter with FillCounter and checks that value, which
// reads the counter back from the backend (its current value, or for a push
// backend the sum of what it would send), reports the sum added. The counter
// must start at zero. It returns nil or an error saying what was expected
// and what was read.
func TestCounter(counter metrics.Counter, value func() float64) error {
	if counter == nil || value == nil {
		return fmt.Errorf("teststat: TestCounter needs a counter and a value function")
	}
	want := FillCounter(counter)
	have := value()
	if !within(want, have, 1e-9) {
		msg := fmt.Sprintf("teststat: counter: added values summing to %g, value() reported %g", want, have)
		if math.IsNaN(have) {
			msg += nanHint
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// TestGauge sets gauge to a random sequence of whole values, then adds a
// random sequence of whole deltas (some negative), and checks what value
// reports. value reads the gauge back from the backend and returns either
// its current value (a slice of one) or the values the gauge took, oldest
// first: every value returned must be one the gauge took, in order, and the
// last must be the gauge's final value. So a backend may report its current
// value, its full history, or any part of the history that ends with the
// current value. It returns nil or an error describing the mismatch.
func TestGauge(gauge metrics.Gauge, value func() []float64) error {
	if gauge == nil || value == nil {
		return fmt.Errorf("teststat: TestGauge needs a gauge and a value function")
	}
	n := 1 + rand.IntN(50)
	var history []float64
	for _, v := range rand.Perm(100)[:n] {
		gauge.Set(float64(v))
		history = append(history, float64(v))
	}
	for range n {
		d := float64(rand.IntN(101) - 50)
		gauge.Add(d)
		history = append(history, history[len(history)-1]+d)
	}
	final := history[len(history)-1]

	have := value()
	prefix := fmt.Sprintf("teststat: gauge: after %d Set and %d Add calls ending at %g, ", n, n, final)
	if len(have) == 0 {
		return fmt.Errorf("%svalue() reported no values", prefix)
	}
	for _, h := range have {
		if math.IsNaN(h) {
			return fmt.Errorf("%svalue() reported %s%s", prefix, brief(have), nanHint)
		}
	}
	if last := have[len(have)-1]; last != final {
		return fmt.Errorf("%svalue() reported %s, whose last value is %g", prefix, brief(have), last)
	}
	if i := subsequence(have, history); i >= 0 {
		return fmt.Errorf("%svalue() reported %s: value %g (index %d) is not one the gauge took after the previous ones; the gauge took %s",
			prefix, brief(have), have[i], i, brief(history))
	}
	return nil
}

// TestHistogram populates histogram with PopulateNormalHistogram (with a
// fixed seed) and checks that the 50th, 90th, 95th and 99th percentiles
// that quantiles reads back from the backend are each within tolerance, a
// fraction (0.01 is 1%), of the normal distribution's. It returns nil or an
// error listing every percentile out of tolerance.
func TestHistogram(histogram metrics.Histogram, quantiles func() (p50, p90, p95, p99 float64), tolerance float64) error {
	if histogram == nil || quantiles == nil {
		return fmt.Errorf("teststat: TestHistogram needs a histogram and a quantiles function")
	}
	PopulateNormalHistogram(histogram, histogramSeed)
	var have [4]float64
	have[0], have[1], have[2], have[3] = quantiles()
	var errs []string
	for i, q := range []float64{0.50, 0.90, 0.95, 0.99} {
		want := normalQuantile(q)
		if !within(want, have[i], tolerance) {
			errs = append(errs, fmt.Sprintf("p%02.0f: want %.3f, have %.3f (off by %.2f%%)",
				q*100, want, have[i], 100*math.Abs(have[i]-want)/math.Abs(want)))
		}
	}
	if len(errs) > 0 {
		msg := fmt.Sprintf("teststat: histogram: after %d observations of a normal distribution (mean %d, stdev %d), quantiles out of the %g%% tolerance: %s",
			Count, Mean, Stdev, tolerance*100, strings.Join(errs, "; "))
		for _, h := range have {
			if math.IsNaN(h) {
				msg += nanHint
				break
			}
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// within reports whether have is within tolerance of want, relative to want
// (absolute when want is 0).
func within(want, have, tolerance float64) bool {
	if math.IsNaN(have) || math.IsNaN(want) {
		return false
	}
	diff := math.Abs(want - have)
	if want == 0 {
		return diff <= tolerance
	}
	return diff/math.Abs(want) <= tolerance
}

// subsequence returns -1 if have is a subsequence of all, and otherwise the
// index of the first element of have that does not fit.
func subsequence(have, all []float64) int {
	j := 0
	for i, h := range have {
		for j < len(all) && all[j] != h {
			j++
		}
		if j == len(all) {
			return i
		}
		j++
	}
	return -1
}

// brief formats a list of values, eliding the middle of a long one.
func brief(vs []float64) string {
	const keep = 6
	if len(vs) <= 2*keep {
		return fmt.Sprint(vs)
	}
	head := strings.Trim(fmt.Sprint(vs[:keep]), "[]")
	tail := strings.Trim(fmt.Sprint(vs[len(vs)-keep:]), "[]")
	return fmt.Sprintf("[%s ... (%d more) ... %s]", head, len(vs)-2*keep, tail)
}
