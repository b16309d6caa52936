// Package statsd is a push backend for Etsy's StatsD: counters, gauges and
// timings are kept in memory and written as "name:value|type" lines by
// WriteTo, typically on a ticker through WriteLoop or SendLoop. StatsD has no
// labels: With returns the metric unchanged.
//
// It is Go kit's metrics/statsd, with the same API and the same lines, and
// these differences:
//
//   - Memory stays bounded while the receiver is unreachable: WriteTo takes
//     every recorded value out of the store before writing, so what fails to
//     be written is dropped, never retried and never accumulated. (Go kit
//     keeps the timings when the counters fail to write.) A counter keeps a
//     running sum, not every delta.
//   - Lines are batched into packets of at most MTU bytes (DefaultMTU unless
//     SetMTU says otherwise) instead of one write per line; the bytes written
//     are the same. SetMTU(0) restores one write per line.
//   - A gauge keeps its value across writes, so Add after a write moves the
//     last value (Go kit restarts an added gauge from zero at every write).
//   - A nil logger discards; SendLoop reconnects with backoff without a
//     background goroutine, and closes its connection when ctx is done.
//
// Writing to a receiver on UDP:
//
//	s := statsd.New("myservice.", log.NewNopLogger())
//	requests := s.NewCounter("requests", 1.0)
//	latency := s.NewTiming("latency_ms", 0.1) // declared as |@0.1: sample before calling Observe
//
//	ticker := time.NewTicker(5 * time.Second)
//	defer ticker.Stop()
//	go s.SendLoop(ctx, ticker.C, "udp", "127.0.0.1:8125")
//
//	requests.Add(1)
//	latency.Observe(12)
//
// Concurrency: every method is safe for concurrent use. Observing is a short
// critical section on the metric's own series; WriteTo calls are serialised.
package statsd
