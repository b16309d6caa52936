package convert_test

import (
	"fmt"

	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/internal/convert"
)

func ExampleNewCounterAsHistogram() {
	c := generic.NewCounter("bytes")
	h := convert.NewCounterAsHistogram(c)
	h.Observe(512)
	h.Observe(1024)
	fmt.Println(c.Value())
	// Output: 1536
}

func ExampleNewGaugeAsHistogram() {
	g := generic.NewGauge("last_latency")
	h := convert.NewGaugeAsHistogram(g)
	h.Observe(0.2)
	h.Observe(0.1)
	fmt.Println(g.Value()) // the last observation
	// Output: 0.1
}

func ExampleNewHistogramAsCounter() {
	h := generic.NewHistogram("batch_sizes", 50)
	c := convert.NewHistogramAsCounter(h)
	for _, n := range []float64{10, 20, 30} {
		c.Add(n)
	}
	fmt.Println(h.Quantile(0.5))
	// Output: 20
}
