// Package expvar publishes metrics through the standard library's expvar
// package, which serves them as JSON on /debug/vars of the default HTTP
// mux. expvar has no labels: With returns the metric unchanged, and label
// values are dropped.
//
// expvar.Publish panics when a name is published twice; this package does
// not. A Counter or Gauge whose name is already published as an
// *expvar.Float shares that variable (so creating a metric twice is
// harmless), and one whose name is taken by a variable of another type
// works without being published. A Histogram publishes four Floats, named
// after it with the suffixes .p50, .p90, .p95 and .p99.
//
//	package main
//
//	import (
//		"net/http"
//
//		"github.com/seedkit/kit/metrics/expvar"
//	)
//
//	func main() {
//		requests := expvar.NewCounter("requests")
//		latency := expvar.NewHistogram("latency_seconds", 50)
//		http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
//			requests.Add(1)
//			latency.Observe(0.01)
//		})
//		// GET /debug/vars shows requests and latency_seconds.p50 ... .p99.
//		_ = http.ListenAndServe("localhost:8080", nil)
//	}
package expvar
