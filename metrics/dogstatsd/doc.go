// Package dogstatsd is a push backend for DogStatsD, the Datadog agent's
// StatsD dialect with tags: counters, gauges, timings and histograms are
// kept in memory and written as "name:value|type|@rate|#k:v,..." lines by
// WriteTo, typically on a ticker through WriteLoop or SendLoop. Label values
// become tags.
//
// It is Go kit's metrics/dogstatsd, with the same API and the same lines,
// and these differences:
//
//   - Memory stays bounded while the agent is unreachable: WriteTo takes
//     every recorded value out of the store before writing, so what fails to
//     be written is dropped. Go kit resets its timings and histograms only
//     after the counters were written, so an agent that is down makes a Go
//     kit program grow without bound (go-kit PR #1231, never merged). A
//     counter keeps a running sum, not every delta.
//   - Lines are batched into packets of at most MTU bytes (DefaultMTU unless
//     SetMTU says otherwise) instead of one write per line; the bytes written
//     are the same. SetMTU(0) restores one write per line.
//   - With resolves the series once: Add on a label-bound metric does not
//     look its labels up again.
//   - Label lists are sets of pairs: With("a","1","b","2") and
//     With("b","2","a","1") are one series (Go kit makes two). An odd
//     label list is padded with "unknown" instead of panicking, in With and
//     in New.
//   - A nil logger discards; SendLoop reconnects with backoff without a
//     background goroutine, and closes its connection when ctx is done.
//
// A series that no metric refers to any more is forgotten once written,
// like Go kit's; gauges are kept, as their value outlives writes.
//
//	d := dogstatsd.New("myservice.", log.NewNopLogger(), "env", "prod")
//	requests := d.NewCounter("requests", 1.0)
//	ok := requests.With("code", "200") // bind once, Add many times
//
//	ticker := time.NewTicker(5 * time.Second)
//	defer ticker.Stop()
//	go d.SendLoop(ctx, ticker.C, "udp", "127.0.0.1:8125")
//
//	ok.Add(1) // myservice.requests:1.000000|c|#env:prod,code:200
//
// Concurrency: every method is safe for concurrent use. Observing is a short
// critical section on the metric's own series; WriteTo calls are serialised.
package dogstatsd
