package teststat

import (
	"math"
	mathrand "math/rand"
	"math/rand/v2"

	"github.com/seedkit/kit/metrics"
)

// Count, Mean and Stdev describe the observations PopulateNormalHistogram
// makes: Count values drawn from a normal distribution of mean Mean and
// standard deviation Stdev. TestHistogram and ExpectedObservationsLessThan
// read them; change them only in a test that does not run in parallel with
// other users of the package.
var (
	Count = 12345
	Mean  = 500
	Stdev = 25
)

// PopulateNormalHistogram makes Count observations on h, drawn from a normal
// distribution of mean Mean and standard deviation Stdev by a generator
// seeded with seed: the same seed gives the same observations, in the same
// order, and the same ones as Go kit's PopulateNormalHistogram (both draw
// from math/rand's generator seeded with seed), so bucket counts pinned by a
// Go kit test still hold. A nil h is ignored.
func PopulateNormalHistogram(h metrics.Histogram, seed int) {
	if h == nil {
		return
	}
	r := mathrand.New(mathrand.NewSource(int64(seed)))
	for range Count {
		h.Observe(r.NormFloat64()*float64(Stdev) + float64(Mean))
	}
}

// ExpectedObservationsLessThan returns how many of the Count observations of
// PopulateNormalHistogram are expected to be below bucket, by the normal
// cumulative distribution function, truncated to an integer. Tests of
// bucketed backends (Prometheus-style) compare it with a bucket's count.
func ExpectedObservationsLessThan(bucket int64) int64 {
	z := (float64(bucket) - float64(Mean)) / (float64(Stdev) * math.Sqrt2)
	cdf := 0.5 * (1 + math.Erf(z))
	return int64(cdf * float64(Count))
}

// normalQuantile returns the q-quantile of the normal distribution of mean
// Mean and standard deviation Stdev.
func normalQuantile(q float64) float64 {
	return float64(Mean) + float64(Stdev)*math.Sqrt2*math.Erfinv(2*q-1)
}

// FillCounter adds a random number (at least one) of random non-negative
// whole values to counter and returns their sum, which is exact in float64.
// A nil counter is ignored and gives 0.
func FillCounter(counter metrics.Counter) float64 {
	if counter == nil {
		return 0
	}
	var sum float64
	for range 1 + rand.IntN(100) {
		v := float64(rand.IntN(100))
		counter.Add(v)
		sum += v
	}
	return sum
}
