// Package ratelimit provides endpoint middlewares that limit the rate of
// calls, as Go kit's package of the same name does.
//
// NewErroringLimiter rejects a call with ErrLimited when its Allower says no;
// NewDelayingLimiter makes the call wait until its Waiter lets it through (or
// the call's context ends). Both interfaces have one method, so that a
// *rate.Limiter from golang.org/x/time/rate satisfies them without this
// package importing it; AllowerFunc and WaiterFunc turn plain functions into
// limiters.
//
// Beyond Go kit: a nil limiter makes every call fail with ErrNilLimiter
// instead of panicking.
//
// # Concurrency
//
// The middlewares are safe for concurrent use when the limiter is (a
// *rate.Limiter is). A limiter shared by several endpoints limits their
// combined rate.
//
// # Example
//
//	package main
//
//	import (
//		"context"
//		"fmt"
//
//		"golang.org/x/time/rate"
//
//		"github.com/seedkit/kit/endpoint"
//		"github.com/seedkit/kit/ratelimit"
//	)
//
//	func main() {
//		limiter := rate.NewLimiter(rate.Limit(10), 1) // 10 calls a second, burst of 1
//		e := ratelimit.NewErroringLimiter(limiter)(endpoint.Nop)
//		_, err := e(context.Background(), nil)
//		fmt.Println(err) // <nil>
//		_, err = e(context.Background(), nil)
//		fmt.Println(err) // rate limit exceeded
//	}
package ratelimit
