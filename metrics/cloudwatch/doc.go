// Package cloudwatch is a push backend for Amazon CloudWatch through
// aws-sdk-go v1: counters, gauges and histograms are kept in memory and sent
// with PutMetricData by Send, typically on a ticker through WriteLoop. Label
// values become dimensions.
//
// It is Go kit's metrics/cloudwatch, with the same API. Go kit's API names
// aws-sdk-go v1's cloudwatchiface.CloudWatchAPI, so this package keeps the v1
// SDK for compatibility, although v1 has reached end of support; new code
// should use metrics/cloudwatch2, built on aws-sdk-go-v2. Differences from
// Go kit:
//
//   - The default logger discards (Go kit logs to stderr); a nil client
//     makes Send return ErrNilClient; WithConcurrentRequests(0) means 1
//     (Go kit hangs).
//   - A gauge's values within one datum are ordered by when the gauge last
//     took them, so the final value is last, and past 150 distinct values
//     the latest are kept (Go kit's order, and the values it keeps, are
//     random).
//   - Label lists are sets of pairs, and an odd one is padded with "unknown"
//     instead of panicking.
//   - Histogram quantiles are estimated by kit's streaming histogram, which
//     interpolates between its bins; Go kit's returns the value of the bin
//     the quantile falls in. With the same observations the percentile datums
//     can therefore differ slightly, most visibly over few observations.
//
// Everything recorded is taken out at the start of Send, so memory stays
// bounded when CloudWatch is unreachable; Go kit does the same.
//
//	sess := session.Must(session.NewSession())
//	cw := cloudwatch.New("MyService", awscloudwatch.New(sess),
//		cloudwatch.WithPercentiles(0.5, 0.99))
//	requests := cw.NewCounter("requests").With("method", "GET")
//	requests.Add(1)
//	ticker := time.NewTicker(time.Minute)
//	go cw.WriteLoop(ctx, ticker.C)
//
// Concurrency: every method is safe for concurrent use; Send calls are
// serialised, and the requests of one Send run concurrently.
package cloudwatch
