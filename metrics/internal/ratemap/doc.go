// Package ratemap holds the sample rate of each metric of a statsd-family
// backend, so that the code that writes a metric out knows the rate at which
// it was sampled.
//
//	package main
//
//	import (
//		"fmt"
//
//		"github.com/seedkit/kit/metrics/internal/ratemap"
//	)
//
//	func main() {
//		rates := ratemap.New()
//		rates.Set("requests", 0.1)
//		fmt.Println(rates.Get("requests"), rates.Get("other")) // 0.1 1
//	}
package ratemap
