// Package multi fans metrics out: a multi.Counter, Gauge or Histogram is a
// slice of metrics of the same kind, and every call on it is made on each
// member, in order. Use it to report to two backends at once, for example
// while migrating from one to another.
//
//	package main
//
//	import (
//		"fmt"
//
//		"github.com/seedkit/kit/metrics/generic"
//		"github.com/seedkit/kit/metrics/multi"
//	)
//
//	func main() {
//		a, b := generic.NewCounter("a"), generic.NewCounter("b")
//		c := multi.NewCounter(a, b)
//		c.Add(2)
//		fmt.Println(a.Value(), b.Value()) // 2 2
//	}
package multi
