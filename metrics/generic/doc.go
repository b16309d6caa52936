// Package generic implements in-memory metrics: Counter, Gauge, Histogram
// (with streaming quantile estimates) and SimpleHistogram (a mean). They
// are useful on their own in tests and tools, and as the building blocks of
// push backends, which read them (Value, ValueReset, Quantile) when they
// flush.
//
// With returns a new metric carrying the extra label values (an odd
// trailing name gets the value "unknown", see package metrics). As in Go kit,
// a Counter, Gauge or SimpleHistogram returned by With starts from a copy of
// its parent's current state and is independent afterwards, while a
// Histogram returned by With shares its observations with its parent.
// LabelValues returns the labels a metric carries. Every method is safe for
// concurrent use, and Counter.Add is lock-free.
//
//	package main
//
//	import (
//		"fmt"
//
//		"github.com/seedkit/kit/metrics/generic"
//	)
//
//	func main() {
//		requests := generic.NewCounter("requests")
//		requests.Add(3)
//		fmt.Println(requests.Value()) // 3
//
//		latency := generic.NewHistogram("latency", 50)
//		for i := 1; i <= 100; i++ {
//			latency.Observe(float64(i))
//		}
//		fmt.Printf("p50=%.1f p99=%.1f\n", latency.Quantile(0.50), latency.Quantile(0.99))
//	}
package generic
