package metrics_test

import (
	"fmt"
	"time"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
)

func ExampleTimer() {
	latency := generic.NewHistogram("request_duration_milliseconds", 50)
	func() {
		t := metrics.NewTimer(latency)
		t.Unit(time.Millisecond)
		defer t.ObserveDuration()
		// ... the work being timed ...
	}()
	fmt.Println(latency.Quantile(0.5) >= 0)
	// Output: true
}

func ExampleCounter() {
	var requests metrics.Counter = generic.NewCounter("requests_total")
	requests.Add(1)
	requests.Add(2)
	fmt.Println(requests.(*generic.Counter).Value())

	// Label values alternate names and values; an odd trailing name gets
	// the value "unknown".
	byMethod := requests.With("method", "GET", "code")
	fmt.Println(byMethod.(*generic.Counter).LabelValues())
	// Output:
	// 3
	// [method GET code unknown]
}

func ExampleGauge() {
	var inflight metrics.Gauge = generic.NewGauge("inflight_requests")
	inflight.Add(1)
	inflight.Add(1)
	inflight.Add(-1)
	fmt.Println(inflight.(*generic.Gauge).Value())
	inflight.Set(10)
	fmt.Println(inflight.(*generic.Gauge).Value())
	// Output:
	// 1
	// 10
}

func ExampleHistogram() {
	var sizes metrics.Histogram = generic.NewHistogram("response_bytes", 50)
	for _, n := range []float64{100, 200, 300, 400, 500} {
		sizes.Observe(n)
	}
	fmt.Println(sizes.(*generic.Histogram).Quantile(0.5))
	// Output: 300
}
