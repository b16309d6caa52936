package multi_test

import (
	"fmt"

	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/multi"
)

func ExampleNewCounter() {
	old, next := generic.NewCounter("requests"), generic.NewCounter("requests")
	requests := multi.NewCounter(old, next) // report to both during a migration
	requests.Add(1)
	requests.Add(2)
	fmt.Println(old.Value(), next.Value())
	// Output: 3 3
}

func ExampleNewGauge() {
	a, b := generic.NewGauge("queue"), generic.NewGauge("queue")
	g := multi.NewGauge(a, b)
	g.Set(5)
	g.Add(-2)
	fmt.Println(a.Value(), b.Value())
	// Output: 3 3
}

func ExampleNewHistogram() {
	a, b := generic.NewHistogram("latency", 50), generic.NewSimpleHistogram()
	h := multi.NewHistogram(a, b)
	h.Observe(1)
	h.Observe(3)
	fmt.Println(a.Quantile(1), b.ApproximateMovingAverage())
	// Output: 3 2
}
