// Package tracingdiff runs the same HTTP call through kit's tracing
// bindings (tracing/zipkin, tracing/opentracing, tracing/opencensus) and
// through Go kit v0.13.0's, with in-memory recorders, and compares the
// spans: names, kinds, tags or attributes, parent/child links and error
// tagging. Every pairing of a kit or Go kit client with a kit or Go kit
// server is run, so the propagation headers each side writes are proven
// readable by the other. Differences kit documents are pinned with a
// comment naming them.
package tracingdiff_test

import (
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
)

// Go kit's tracing/opencensus imports ochttp, whose stats views start a
// process-wide worker goroutine at init that never stops.
func TestMain(m *testing.M) {
	leakcheck.Main(m, "go.opencensus.io/stats/view.(*worker).start")
}
