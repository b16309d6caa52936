package statsd_test

import (
	"os"

	"github.com/seedkit/kit/metrics/statsd"
)

func Example() {
	s := statsd.New("api.", nil)
	requests := s.NewCounter("requests", 1)
	requests.Add(1)
	requests.With("ignored", "label").Add(2) // StatsD has no labels
	inflight := s.NewGauge("inflight")
	inflight.Set(3)
	inflight.Add(-1)
	s.NewTiming("latency_ms", 0.1).Observe(12) // the caller samples; the rate is declared

	_, _ = s.WriteTo(os.Stdout)
	// Output:
	// api.requests:3.000000|c
	// api.inflight:2.000000|g
	// api.latency_ms:12.000000|ms|@0.100000
}
