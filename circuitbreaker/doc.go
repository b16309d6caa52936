// Package circuitbreaker provides endpoint middlewares that stop calling a
// failing dependency, so that it can recover and callers fail fast instead of
// queueing behind it.
//
// Three middlewares adapt circuit-breaker libraries, exactly as Go kit's
// package of the same name does:
//
//   - Gobreaker wraps a *gobreaker.CircuitBreaker (github.com/sony/gobreaker).
//     The breaker opens when its ReadyToTrip setting says so (by default after
//     more than 5 consecutive failures), moves to half-open after its Timeout
//     and closes again after MaxRequests consecutive successes. A rejected
//     call returns gobreaker.ErrOpenState or gobreaker.ErrTooManyRequests.
//   - Hystrix runs the endpoint as the hystrix-go command of the given name
//     (github.com/afex/hystrix-go; configure it with hystrix.ConfigureCommand).
//     A rejected call returns hystrix.ErrCircuitOpen, hystrix.ErrMaxConcurrency
//     or hystrix.ErrTimeout. hystrix-go keeps its configuration and circuits in
//     process-wide maps and starts goroutines it never stops; it is
//     unmaintained, and new code should prefer Gobreaker or Adaptive.
//   - HandyBreaker wraps a breaker.Breaker (github.com/streadway/handy). A
//     rejected call returns breaker.ErrCircuitOpen.
//
// In all three, the error returned by the wrapped endpoint counts as a
// failure and is returned unchanged; a nil error counts as a success.
//
// # Beyond Go kit
//
// Adaptive is a client-side adaptive throttle in the style of the Google SRE
// book ("Handling Overload", client-side throttling). It has no open state:
// over a sliding window it counts the requests the caller attempted and the
// requests the dependency accepted, and rejects each new request locally with
// probability
//
//	max(0, (requests - K*accepts) / (requests + 1))
//
// so a healthy dependency sees every request, and a failing one sees a trickle
// that grows back as soon as it starts accepting again. A rejected call
// returns ErrThrottled (test with errors.Is). Its clock and its source of
// randomness are injectable, which makes its behaviour reproducible in tests.
//
// A nil breaker given to any middleware makes every call fail with
// ErrNilBreaker instead of panicking.
//
// # Concurrency
//
// All middlewares are safe for concurrent use as long as the breaker they
// wrap is (the three libraries' breakers and AdaptiveThrottle are).
//
// # Example
//
//	package main
//
//	import (
//		"context"
//		"errors"
//		"fmt"
//
//		"github.com/sony/gobreaker"
//
//		"github.com/seedkit/kit/circuitbreaker"
//		"github.com/seedkit/kit/endpoint"
//	)
//
//	func main() {
//		failing := func(context.Context, any) (any, error) { return nil, errors.New("down") }
//		cb := gobreaker.NewCircuitBreaker(gobreaker.Settings{Name: "backend"})
//		e := circuitbreaker.Gobreaker(cb)(endpoint.Endpoint(failing))
//		for i := 0; i < 7; i++ {
//			_, err := e(context.Background(), nil)
//			fmt.Println(i, err)
//		}
//		// 0..5 print "down"; 6 prints "circuit breaker is open".
//	}
package circuitbreaker
