package graphite_test

import (
	"os"
	"time"

	"github.com/seedkit/kit/metrics/graphite"
)

func Example() {
	g := graphite.New("api.", nil)
	g.SetClock(func() time.Time { return time.Unix(1700000000, 0) })
	g.NewCounter("requests").Add(3)
	g.NewGauge("inflight").Set(2)
	h := g.NewHistogram("latency_ms", 50)
	for _, v := range []float64{10, 20, 30, 40} {
		h.Observe(v)
	}

	_, _ = g.WriteTo(os.Stdout)
	// Output:
	// api.requests 3.000000 1700000000
	// api.inflight 2.000000 1700000000
	// api.latency_ms.p50 25.000000 1700000000
	// api.latency_ms.p90 40.000000 1700000000
	// api.latency_ms.p95 40.000000 1700000000
	// api.latency_ms.p99 40.000000 1700000000
}
