// Package discard provides metrics that record nothing, for services that
// take metrics as dependencies but run without a metrics backend (tests,
// tools, a disabled feature). Every method is safe for concurrent use and
// allocates nothing.
//
//	package main
//
//	import (
//		"github.com/seedkit/kit/metrics"
//		"github.com/seedkit/kit/metrics/discard"
//	)
//
//	type service struct {
//		requests metrics.Counter
//	}
//
//	func (s service) handle(method string) {
//		s.requests.With("method", method).Add(1)
//	}
//
//	func main() {
//		s := service{requests: discard.NewCounter()}
//		s.handle("GET") // recorded nowhere
//	}
package discard
