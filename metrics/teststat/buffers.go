package teststat

import (
	"bytes"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/seedkit/kit/metrics/generic"
)

// LastLine returns a function that reads w and returns the value of the last
// line matching regex, as a slice of one (the shape TestGauge takes), or
// {0} if no line matched (as in Go kit), or {NaN} if the regex is invalid,
// WriteTo fails or the value is not a number.
func LastLine(w io.WriterTo, regex string) func() []float64 {
	re, err := regexp.Compile(regex)
	return func() []float64 {
		if err != nil {
			return []float64{math.NaN()}
		}
		values, ok := scan(w, re)
		if !ok {
			return []float64{math.NaN()}
		}
		if len(values) == 0 {
			return []float64{0}
		}
		return []float64{values[len(values)-1]}
	}
}

// SumLines returns a function that reads w and returns the sum of the
// values of the lines matching regex (0 if none matched), the shape
// TestCounter takes.
func SumLines(w io.WriterTo, regex string) func() float64 {
	re, err := regexp.Compile(regex)
	return func() float64 {
		if err != nil {
			return math.NaN()
		}
		values, ok := scan(w, re)
		if !ok {
			return math.NaN()
		}
		var sum float64
		for _, v := range values {
			sum += v
		}
		return sum
	}
}

// Quantiles returns a function that reads w, observes the value of every
// line matching regex in a new generic.Histogram of the given number of
// buckets, and returns its 50th, 90th, 95th and 99th percentiles, the shape
// TestHistogram takes. It suits backends that send every observation (such
// as statsd timings).
func Quantiles(w io.WriterTo, regex string, buckets int) func() (float64, float64, float64, float64) {
	re, err := regexp.Compile(regex)
	return func() (float64, float64, float64, float64) {
		nan := math.NaN()
		if err != nil {
			return nan, nan, nan, nan
		}
		values, ok := scan(w, re)
		if !ok {
			return nan, nan, nan, nan
		}
		h := generic.NewHistogram("teststat", buckets)
		for _, v := range values {
			h.Observe(v)
		}
		return h.Quantile(0.50), h.Quantile(0.90), h.Quantile(0.95), h.Quantile(0.99)
	}
}

// scan writes w to a buffer and returns the values of the lines matching
// re; ok is false if WriteTo failed or a matched value is not a number.
func scan(w io.WriterTo, re *regexp.Regexp) (values []float64, ok bool) {
	if w == nil {
		return nil, false
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, false
	}
	for line := range strings.Lines(buf.String()) {
		m := re.FindStringSubmatch(strings.TrimRight(line, "\r\n"))
		if m == nil {
			continue
		}
		s := m[0]
		if len(m) > 1 {
			s = m[1]
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return nil, false
		}
		values = append(values, f)
	}
	return values, true
}
