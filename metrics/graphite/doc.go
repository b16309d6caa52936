// Package graphite is a push backend for Graphite's plaintext protocol:
// counters, gauges and histograms are kept in memory and written as
// "name value timestamp" lines by WriteTo, typically on a ticker through
// WriteLoop or SendLoop (over TCP to carbon's port 2003). The plaintext
// protocol has no labels: With returns the metric unchanged.
//
// It is Go kit's metrics/graphite, with the same API and lines of the same
// form, and these differences:
//
//   - Histogram quantiles are estimated by kit's streaming histogram, which
//     interpolates between its bins; Go kit's returns the value of the bin
//     the quantile falls in. With the same observations the .p50, .p90, .p95
//     and .p99 lines can therefore differ slightly, most visibly over few
//     observations.
//
//   - Lines are batched into writes of at most MTU bytes (DefaultMTU unless
//     SetMTU says otherwise) instead of one write per line; the bytes are
//     the same. SetMTU(0) restores one write per line.
//
//   - Lines are ordered by name within each kind (Go kit's order is random).
//
//   - Creating a metric twice with one name returns the first one (Go kit
//     replaces it, and what the first counted is never written).
//
//   - SetClock injects the timestamps' clock; a nil logger discards;
//     SendLoop reconnects with backoff without a background goroutine, and
//     closes its connection when ctx is done.
//
//   - A failed write loses no count: the counters whose lines were not
//     written keep what they counted for the next WriteTo (Go kit loses the
//     count of the counter whose line failed).
//
// Memory is bounded whatever the receiver does: a counter is one number
// (a failed write adds its count back into it), a histogram a fixed number
// of bins, and WriteTo keeps no lines to retry.
//
//	g := graphite.New("myservice.", log.NewNopLogger())
//	requests := g.NewCounter("requests")
//	latency := g.NewHistogram("latency_seconds", 50)
//
//	ticker := time.NewTicker(10 * time.Second)
//	defer ticker.Stop()
//	go g.SendLoop(ctx, ticker.C, "tcp", "127.0.0.1:2003")
//
//	requests.Add(1)     // myservice.requests 1.000000 1700000000
//	latency.Observe(.2) // myservice.latency_seconds.p50 0.200000 1700000000 ...
//
// Concurrency: every method is safe for concurrent use; WriteTo calls are
// serialised.
package graphite
