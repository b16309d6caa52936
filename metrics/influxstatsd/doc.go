// Package influxstatsd is a push backend for the StatsD dialect of InfluxData's
// Telegraf, which carries tags InfluxDB-style after the name: counters,
// gauges, timings and histograms are kept in memory and written as
// "name,k=v,...:value|type|@rate" lines by WriteTo, typically on a ticker
// through WriteLoop or SendLoop. Label values become tags.
//
// It is Go kit's metrics/influxstatsd, with the same API and the same lines,
// and these differences:
//
//   - Memory stays bounded while Telegraf is unreachable: WriteTo takes
//     every recorded value out of the store before writing, so what fails to
//     be written is dropped. Go kit resets its timings and histograms only
//     after the counters were written, so a receiver that is down makes a Go
//     kit program grow without bound. A counter keeps a running sum, not
//     every delta.
//
//   - Lines are batched into packets of at most MTU bytes (DefaultMTU unless
//     SetMTU says otherwise) instead of one write per line; the bytes written
//     are the same. SetMTU(0) restores one write per line.
//
//   - With resolves the series once: Add on a label-bound metric does not
//     look its labels up again.
//
//   - Label lists are sets of pairs: With("a","1","b","2") and
//     With("b","2","a","1") are one series. An odd label list is padded with
//     "unknown" instead of panicking, in With and in New.
//
//   - A nil logger discards; SendLoop reconnects with backoff without a
//     background goroutine, and closes its connection when ctx is done.
//
//     d := influxstatsd.New("myservice.", log.NewNopLogger(), "env", "prod")
//     requests := d.NewCounter("requests", 1.0).With("code", "200")
//
//     ticker := time.NewTicker(5 * time.Second)
//     defer ticker.Stop()
//     go d.SendLoop(ctx, ticker.C, "udp", "127.0.0.1:8125")
//
//     requests.Add(1) // myservice.requests,env=prod,code=200:1.000000|c
//
// Concurrency: every method is safe for concurrent use. Observing is a short
// critical section on the metric's own series; WriteTo calls are serialised.
package influxstatsd
