package expvar_test

import (
	stdexpvar "expvar"
	"fmt"

	"github.com/seedkit/kit/metrics/expvar"
)

func ExampleNewCounter() {
	requests := expvar.NewCounter("example_requests")
	requests.With("method", "GET").Add(1) // labels are ignored
	requests.Add(2)
	fmt.Println(stdexpvar.Get("example_requests"))

	// Creating it again does not panic: both share the published value.
	expvar.NewCounter("example_requests").Add(1)
	fmt.Println(stdexpvar.Get("example_requests"))
	// Output:
	// 3
	// 4
}

func ExampleNewHistogram() {
	latency := expvar.NewHistogram("example_latency", 50)
	for i := 1; i <= 100; i++ {
		latency.Observe(float64(i))
	}
	fmt.Println(stdexpvar.Get("example_latency.p50"), stdexpvar.Get("example_latency.p99"))
	// Output: 50.5 99.5
}
