package discard_test

import (
	"fmt"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/discard"
)

func Example() {
	// A service that needs metrics, run without a backend.
	var requests metrics.Counter = discard.NewCounter()
	var latency metrics.Histogram = discard.NewHistogram()
	requests.With("method", "GET").Add(1)
	latency.Observe(0.25)
	fmt.Println("recorded nowhere")
	// Output: recorded nowhere
}
