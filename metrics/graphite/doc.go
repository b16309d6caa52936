// Package graphite is a push backend for Graphite's plaintext protocol:
// counters, gauges and histograms are kept in memory and written as
// "name value timestamp" lines by WriteTo, typically on a ticker through
// WriteLoop or SendLoop (over TCP to carbon's port 2003). The plaintext
// protocol has no labels: With returns the metric unchanged.
//
// It is Go kit's metrics/graphite, with the same API and the same lines, and
// these differences:
//
//   - Lines are batched into writes of at most MTU bytes (DefaultMTU unless
//     SetMTU says otherwise) instead of one write per line; the bytes are
//     the same. SetMTU(0) restores one write per line.
//   - Lines are ordered by name within each kind (Go kit's order is random).
//   - Creating a metric twice with one name returns the first one (Go kit
//     replaces it, and what the first counted is never written).
//   - SetClock injects the timestamps' clock; a nil logger discards;
//     SendLoop reconnects with backoff without a background goroutine, and
//     closes its connection when ctx is done.
//
// Memory is bounded whatever the receiver does: a counter is one number, a
// histogram a fixed number of bins, and WriteTo keeps nothing to retry.
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
