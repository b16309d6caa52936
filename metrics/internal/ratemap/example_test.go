package ratemap_test

import (
	"fmt"

	"github.com/seedkit/kit/metrics/internal/ratemap"
)

func ExampleRateMap() {
	rates := ratemap.New()
	rates.Set("requests", 0.1)
	fmt.Println(rates.Get("requests"), rates.Get("never_set"))
	// Output: 0.1 1
}
