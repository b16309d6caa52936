package ratelimit_test

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/time/rate"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/ratelimit"
)

func ExampleNewErroringLimiter() {
	limiter := rate.NewLimiter(rate.Every(time.Minute), 2) // a burst of 2, then one a minute
	e := ratelimit.NewErroringLimiter(limiter)(endpoint.Nop)
	for i := 0; i < 3; i++ {
		_, err := e(context.Background(), nil)
		fmt.Println(err)
	}
	// Output:
	// <nil>
	// <nil>
	// rate limit exceeded
}

func ExampleNewDelayingLimiter() {
	limiter := rate.NewLimiter(rate.Every(time.Hour), 1)
	e := ratelimit.NewDelayingLimiter(limiter)(endpoint.Nop)
	_, err := e(context.Background(), nil)
	fmt.Println(err)

	// The next token comes in an hour: a call with a shorter deadline fails
	// at once instead of waiting.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = e(ctx, nil)
	fmt.Println(err != nil)
	// Output:
	// <nil>
	// true
}

func ExampleAllowerFunc() {
	open := true
	e := ratelimit.NewErroringLimiter(ratelimit.AllowerFunc(func() bool { return open }))(endpoint.Nop)
	_, err := e(context.Background(), nil)
	fmt.Println(err)
	open = false
	_, err = e(context.Background(), nil)
	fmt.Println(err)
	// Output:
	// <nil>
	// rate limit exceeded
}
