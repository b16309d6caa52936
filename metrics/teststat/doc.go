// Package teststat is the conformance suite of kit's metrics backends: every
// backend's tests run TestCounter, TestGauge and TestHistogram on its
// metrics, each with a function that reads the values back from the
// backend, and so every backend is held to the same behaviour.
//
// For push backends, which write text lines (statsd, Graphite, ...), the
// value functions come from LastLine, SumLines and Quantiles: each calls
// WriteTo on a buffer (which also flushes the backend), then matches every
// line against a regex. A matching line's value is the regex's first
// submatch group, or the whole match if the regex has no group, parsed as a
// float64; lines that do not match are skipped. If the regex does not
// compile, WriteTo fails, or a matched value is not a number, they report
// NaN, which the Test functions turn into a failure with a hint.
//
// On output Go kit's extractors can parse they give Go kit's results. Go
// kit's panic on a line that does not match, on a regex without a group and
// on a value that is not a number; kit's skip the line, use the whole match,
// and report NaN.
//
// The Test functions return an error rather than taking a *testing.T, so
// that a test adds its own context:
//
//	package mybackend_test
//
//	import (
//		"testing"
//
//		"github.com/seedkit/kit/metrics/generic"
//		"github.com/seedkit/kit/metrics/teststat"
//	)
//
//	func TestCounter(t *testing.T) {
//		c := generic.NewCounter("requests")
//		if err := teststat.TestCounter(c, c.Value); err != nil {
//			t.Fatal(err)
//		}
//	}
//
// A statsd-like backend whose WriteTo writes "requests:3|c" lines would
// pass teststat.SumLines(backend, `^requests:([0-9.]+)\|c$`) as the value
// function instead.
package teststat
