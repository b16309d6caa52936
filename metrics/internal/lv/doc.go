// Package lv holds the label-value plumbing shared by kit's metrics
// backends: LabelValues, the alternating name/value list that every With
// method extends, and Space, a concurrency-safe store of observations per
// metric name and label set that push backends (statsd, dogstatsd, influx,
// cloudwatch, ...) fill between flushes.
//
// # Label values
//
// A label list alternates names and values: ("method", "GET", "code",
// "200"). LabelValues.With never modifies its receiver and always returns a
// list of even length: a call with an odd number of arguments pairs the
// trailing name with the value Unknown ("unknown"), exactly as Go kit does.
// Validate reports such a list as an error, for callers that prefer to catch
// the mistake early rather than record an "unknown" series.
//
// # Series identity
//
// A series in a Space is identified by the metric name and the set of
// (name, value) pairs: ("a", "1", "b", "2") and ("b", "2", "a", "1") are the
// same series, because every system kit pushes to (statsd tags, Influx tags,
// CloudWatch dimensions) treats labels as a set. Walk reports a series with
// the label order of the first observation made on it since the last Reset.
//
// A backend in a few lines:
//
//	package main
//
//	import (
//		"fmt"
//
//		"github.com/seedkit/kit/metrics/internal/lv"
//	)
//
//	func main() {
//		s := lv.NewSpace()
//		s.Observe("requests", lv.LabelValues{"code", "200"}, 1)
//		s.Observe("requests", lv.LabelValues{"code", "200"}, 1)
//		s.Observe("requests", lv.LabelValues{"code", "500"}, 1)
//		// On each flush: take what was recorded, leave an empty space.
//		s.Reset().Walk(func(name string, lvs lv.LabelValues, obs []float64) bool {
//			fmt.Println(name, lvs, obs)
//			return true
//		})
//	}
package lv
