// Package metrics defines the three kinds of metric a kit service records,
// Counter, Gauge and Histogram, as small interfaces that every backend
// implements: generic (in memory), expvar, discard, multi, and the
// push and pull backends (Prometheus, statsd, DogStatsD, Influx, Graphite,
// CloudWatch, ...) in the subpackages.
//
// # The model
//
// Metrics are created once, at startup, by a backend's constructor, and
// passed as interfaces to the code that records them: a service depends on
// metrics.Counter, not on Prometheus. Where a metric has dimensions (the
// method called, the status code returned), they are label values, applied
// at the point of recording with With:
//
//	requests.With("method", "sum", "error", "false").Add(1)
//
// With returns a metric for the same name carrying the extra label values;
// it does not change its receiver, so one metric can be shared by many
// goroutines that each apply their own labels. Backends whose wire has no
// labels (expvar, Graphite) ignore them, as each documents.
//
// # Label values
//
// The arguments to With alternate label names and values: ("method",
// "sum", "error", "false") is method=sum, error=false. The rules, the same
// for every kit backend:
//
//   - Each With call adds its pairs after those of its receiver:
//     c.With("a", "1").With("b", "2") is a=1, b=2.
//   - An odd number of arguments to one With call is a mistake that kit
//     does not turn into a panic or an error: the trailing name gets the
//     value "unknown", as in Go kit. c.With("method") is method=unknown, and
//     c.With("method").With("code", "200") is method=unknown, code=200.
//     A series labelled "unknown" in a dashboard points at such a call.
//     Backends implement the rule with the internal lv.LabelValues.With and
//     can detect such lists with lv.Validate; teststat.TestCounterLabels
//     checks a backend against the rule.
//   - Label values are name/value pairs, not positions: backends that
//     aggregate series by label set (the push backends, through lv.Space)
//     treat ("a", "1", "b", "2") and ("b", "2", "a", "1") as the same series.
//     Backends with declared label names (Prometheus) match by name.
//   - With never modifies the metric it is called on, and a metric returned
//     by With is safe for concurrent use like its parent.
//
// # Timing
//
// Timer records durations in a Histogram, in seconds unless Unit says
// otherwise:
//
//	defer metrics.NewTimer(latency.With("method", "sum")).ObserveDuration()
//
// # A complete program
//
//	package main
//
//	import (
//		"fmt"
//
//		"github.com/seedkit/kit/metrics"
//		"github.com/seedkit/kit/metrics/generic"
//	)
//
//	type adder struct {
//		requests metrics.Counter
//		latency  metrics.Histogram
//	}
//
//	func (a adder) sum(x, y int) int {
//		defer metrics.NewTimer(a.latency).ObserveDuration()
//		a.requests.Add(1)
//		return x + y
//	}
//
//	func main() {
//		// Created once, by the backend; the service sees only interfaces.
//		requests := generic.NewCounter("requests_total")
//		latency := generic.NewHistogram("request_duration_seconds", 50)
//		a := adder{requests: requests, latency: latency}
//
//		fmt.Println(a.sum(1, 2), a.sum(3, 4)) // 3 7
//		fmt.Println(requests.Value())          // 2
//
//		// With a labelled backend (Prometheus, statsd, ...), the service
//		// would record requests.With("method", "sum").Add(1) instead. A
//		// generic Counter returned by With is an independent copy, read
//		// through the value returned.
//		sums := requests.With("method", "sum").(*generic.Counter)
//		sums.Add(1)
//		fmt.Println(sums.LabelValues(), sums.Value()) // [method sum] 3
//	}
package metrics
