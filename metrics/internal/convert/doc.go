// Package convert adapts one kind of metric into another, for backends that
// implement fewer kinds than kit defines: a backend with only counters can
// offer gauges and histograms through NewCounterAsGauge and
// NewCounterAsHistogram. Every adapter forwards With to the metric it wraps
// and wraps the result again, so labels work as the wrapped backend defines.
//
// The mapping of calls:
//
//	NewCounterAsGauge      Set(v) -> Add(v), Add(d) -> Add(d)
//	NewCounterAsHistogram  Observe(v) -> Add(v)
//	NewGaugeAsCounter      Add(d) -> Add(d)
//	NewGaugeAsHistogram    Observe(v) -> Set(v)
//	NewHistogramAsCounter  Add(d) -> Observe(d)
//	NewHistogramAsGauge    Set(v) -> Observe(v), Add(d) -> Observe(d)
//
// Whether the result keeps the meaning of the source kind depends on the
// backend: a counter that records each Add as an observation (as
// cloudwatch2's does) represents a gauge or histogram faithfully, a counter
// that only sums does not. An adapter is safe for concurrent use if the
// wrapped metric is; a nil metric gives an adapter that does nothing.
//
//	package main
//
//	import (
//		"fmt"
//
//		"github.com/seedkit/kit/metrics/generic"
//		"github.com/seedkit/kit/metrics/internal/convert"
//	)
//
//	func main() {
//		c := generic.NewCounter("bytes")
//		h := convert.NewCounterAsHistogram(c)
//		h.Observe(512)
//		h.Observe(1024)
//		fmt.Println(c.Value()) // 1536
//	}
package convert
