package generic_test

import (
	"fmt"
	"os"

	"github.com/seedkit/kit/metrics/generic"
)

func ExampleCounter() {
	c := generic.NewCounter("requests")
	c.Add(1)
	c.Add(2)
	fmt.Println(c.Value())
	fmt.Println(c.ValueReset(), c.Value()) // a push backend's flush
	// Output:
	// 3
	// 3 0
}

func ExampleCounter_With() {
	c := generic.NewCounter("requests")
	c.Add(5)
	get := c.With("method", "GET").(*generic.Counter)
	get.Add(1)
	// The child starts from its parent's value and then evolves alone.
	fmt.Println(c.Value(), get.Value(), get.LabelValues())
	// Output: 5 6 [method GET]
}

func ExampleGauge() {
	g := generic.NewGauge("queue_depth")
	g.Set(10)
	g.Add(-3)
	fmt.Println(g.Value())
	// Output: 7
}

func ExampleHistogram_Quantile() {
	h := generic.NewHistogram("latency", 50)
	for i := 1; i <= 100; i++ {
		h.Observe(float64(i))
	}
	fmt.Printf("p50=%.1f p90=%.1f p99=%.1f\n", h.Quantile(0.50), h.Quantile(0.90), h.Quantile(0.99))
	// Output: p50=50.5 p90=90.5 p99=99.5
}

func ExampleHistogram_Print() {
	h := generic.NewHistogram("sizes", 3)
	for _, v := range []float64{1, 1, 2, 10, 10, 10} {
		h.Observe(v)
	}
	h.Print(os.Stdout)
	// Output:
	// sizes: 6 observations, mean 5.66667, min 1, max 10
	// p50 4, p90 10, p95 10, p99 10
	//          value      count
	//         1.0000          2 ###########################
	//         2.0000          1 ##############
	//        10.0000          3 ########################################
}

func ExampleSimpleHistogram() {
	h := generic.NewSimpleHistogram()
	for _, v := range []float64{1, 2, 3, 4} {
		h.Observe(v)
	}
	fmt.Println(h.ApproximateMovingAverage())
	// Output: 2.5
}
