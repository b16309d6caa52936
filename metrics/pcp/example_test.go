package pcp_test

import (
	"fmt"

	"github.com/performancecopilot/speed/v4"

	"github.com/seedkit/kit/metrics/pcp"
)

func Example() {
	r, err := pcp.NewReporter("example_app")
	if err != nil {
		fmt.Println(err)
		return
	}
	latency, err := r.NewHistogram("example.latency_ms", 0, 10000, speed.OneUnit, "request latency")
	if err != nil {
		fmt.Println(err)
		return
	}
	// Metrics are created before Start; r.Start() maps the MMV file that
	// pmcd reads, and r.Stop() removes it.
	latency.Observe(120)
	latency.Observe(80)
	fmt.Println(latency.Mean())
	// Output: 100
}
