// Package cloudwatch2 is a push backend for Amazon CloudWatch through
// aws-sdk-go-v2: every metric is sent, per label set, as a statistic set
// (sample count, sum, minimum, maximum) of the values recorded since the
// previous Send, which is cheaper than sending every value. Label values
// become dimensions. Gauges and histograms are counters underneath: Set, Add
// and Observe all record a value.
//
// It is Go kit's metrics/cloudwatch2, with the same API, and these
// differences: SendContext passes a context to the requests (Go kit's Send
// uses context.TODO); the default logger discards and nil options are
// skipped; a nil client makes Send return ErrNilClient;
// WithConcurrentRequests(0) means 1 (Go kit hangs); label lists are sets of
// pairs, and an odd one is padded with "unknown" instead of panicking; NaN
// and ±Inf values, which CloudWatch rejects (failing the whole request), are
// left out of the statistic sets, and a set of nothing else is not sent (Go
// kit sends them, or ±MaxFloat64).
//
// Everything recorded is taken out at the start of Send, so memory stays
// bounded when CloudWatch is unreachable.
//
//	cfg, err := config.LoadDefaultConfig(ctx)
//	if err != nil {
//		return err
//	}
//	cw := cloudwatch2.New("MyService", cloudwatch.NewFromConfig(cfg))
//	latency := cw.NewHistogram("latency_ms").With("method", "GET")
//	latency.Observe(12)
//	ticker := time.NewTicker(time.Minute)
//	go cw.WriteLoop(ctx, ticker.C)
//
// Concurrency: every method is safe for concurrent use; sends are
// serialised, and the requests of one send run concurrently.
package cloudwatch2
