// Package streamhist is a streaming histogram in bounded memory, after
// Ben-Haim and Tom-Tov, "A Streaming Parallel Decision Tree Algorithm"
// (JMLR 11, 2010): the histogram keeps at most a fixed number of bins, each
// a centroid with a count; a new value becomes a bin of its own, and when
// there are too many bins the two closest are merged into their weighted
// mean. Quantiles are read from the piecewise-linear cumulative distribution
// through the bin centroids and the exact minimum and maximum.
//
// It backs the quantiles of metrics/generic.Histogram and of the backends
// built on it. A Histogram is not safe for concurrent use; callers lock.
//
//	package main
//
//	import (
//		"fmt"
//
//		"github.com/seedkit/kit/metrics/internal/streamhist"
//	)
//
//	func main() {
//		h := streamhist.New(50)
//		for i := 1; i <= 100; i++ {
//			h.Add(float64(i))
//		}
//		fmt.Println(h.Count(), h.Quantile(0.5))
//	}
package streamhist
