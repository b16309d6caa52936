// Package lb is client-side load balancing: with an sd.Endpointer over a
// discovery system, a client spreads its requests over the instances of a
// service itself, without a proxy in between.
//
// A Balancer picks one endpoint per request: NewRoundRobin in turn,
// NewRandom at random. Retry wraps a Balancer in an endpoint that retries a
// failed request on another pick, within a timeout for the whole call;
// RetryWithCallback decides each retry with a Callback, and a call that gives
// up fails with a RetryError holding every attempt's error.
//
// Mapping to Go kit: the same names and signatures. Differences:
//
//   - NewRandom is safe for concurrent use (Go kit's is a data race) and
//     draws a different sequence for the same seed.
//   - Retry's attempts run on the caller's goroutine, one after the other:
//     no goroutine, channel or timer when the first attempt succeeds. The
//     timeout reaches the attempts through their context, so an endpoint
//     that ignores its context is waited for rather than abandoned.
//   - RetryError unwraps (errors.Is and errors.As see every attempt's error).
//   - Nil arguments give errors (ErrNilBalancer, ErrNoEndpoints), not panics.
//
// Beyond Go kit: RetryWithOptions adds exponential backoff with jitter
// between attempts (WithBackoff), a timeout per attempt
// (WithAttemptTimeout), and a RetryBudget shared by many endpoints that
// stops retries from multiplying the load on a failing service
// (WithBudget); the sleep and the jitter source can be injected for tests.
// BalancerFunc adapts a function to a Balancer.
//
// Everything in this package is safe for concurrent use.
//
// A complete program:
//
//	package main
//
//	import (
//		"context"
//		"errors"
//		"fmt"
//		"time"
//
//		"github.com/seedkit/kit/endpoint"
//		"github.com/seedkit/kit/sd"
//		"github.com/seedkit/kit/sd/lb"
//	)
//
//	func main() {
//		down := func(context.Context, any) (any, error) { return nil, errors.New("instance down") }
//		up := func(context.Context, any) (any, error) { return "pong", nil }
//		balancer := lb.NewRoundRobin(sd.FixedEndpointer{down, up})
//		ping := lb.RetryWithOptions(3, time.Second, balancer,
//			lb.WithBackoff(10*time.Millisecond, time.Second),
//			lb.WithAttemptTimeout(200*time.Millisecond))
//		fmt.Println(ping(context.Background(), "ping"))
//	}
package lb
