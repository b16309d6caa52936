package streamhist_test

import (
	"fmt"

	"github.com/seedkit/kit/metrics/internal/streamhist"
)

func ExampleHistogram_Quantile() {
	h := streamhist.New(50)
	for i := 1; i <= 1000; i++ {
		h.Add(float64(i))
	}
	fmt.Println(h.Count(), len(h.Bins()))
	fmt.Printf("p50=%.0f p99=%.0f max=%.0f\n", h.Quantile(0.5), h.Quantile(0.99), h.Quantile(1))
	// Output:
	// 1000 50
	// p50=500 p99=990 max=1000
}
