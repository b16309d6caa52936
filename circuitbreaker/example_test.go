package circuitbreaker_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/afex/hystrix-go/hystrix"
	"github.com/sony/gobreaker"
	"github.com/streadway/handy/breaker"

	"github.com/seedkit/kit/circuitbreaker"
	"github.com/seedkit/kit/endpoint"
)

func ExampleGobreaker() {
	failing := func(context.Context, any) (any, error) { return nil, errors.New("backend down") }
	cb := gobreaker.NewCircuitBreaker(gobreaker.Settings{
		Name:        "backend",
		ReadyToTrip: func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= 2 },
	})
	e := circuitbreaker.Gobreaker(cb)(failing)
	for i := 0; i < 3; i++ {
		_, err := e(context.Background(), nil)
		fmt.Println(err)
	}
	fmt.Println(cb.State())
	// Output:
	// backend down
	// backend down
	// circuit breaker is open
	// open
}

func ExampleHystrix() {
	hystrix.ConfigureCommand("example-greeter", hystrix.CommandConfig{Timeout: 10_000})
	greet := func(_ context.Context, req any) (any, error) { return fmt.Sprintf("hello, %v", req), nil }
	e := circuitbreaker.Hystrix("example-greeter")(greet)
	resp, err := e(context.Background(), "world")
	fmt.Println(resp, err)
	// Output:
	// hello, world <nil>
}

func ExampleHandyBreaker() {
	var e endpoint.Endpoint = func(context.Context, any) (any, error) { return nil, errors.New("backend down") }
	e = circuitbreaker.HandyBreaker(breaker.NewBreaker(0.5))(e)
	var last error
	for i := 0; i <= breaker.DefaultMinObservations+1; i++ {
		_, last = e(context.Background(), nil)
	}
	fmt.Println(last)
	// Output:
	// circuit open
}

func ExampleAdaptive() {
	// A fixed clock and a fixed draw make the run reproducible; real code
	// uses the defaults.
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	th := circuitbreaker.NewAdaptiveThrottle(
		circuitbreaker.AdaptiveClock(func() time.Time { return now }),
		circuitbreaker.AdaptiveRand(func() float64 { return 0.5 }),
	)
	e := circuitbreaker.Adaptive(th)(func(context.Context, any) (any, error) { return nil, errors.New("backend down") })
	for i := 0; i < 4; i++ {
		_, err := e(context.Background(), nil)
		fmt.Printf("%d: %v (reject probability now %.2f)\n", i, err, th.RejectProbability())
	}
	fmt.Println(errors.Is(errOf(e), circuitbreaker.ErrThrottled))
	// Output:
	// 0: backend down (reject probability now 0.50)
	// 1: backend down (reject probability now 0.67)
	// 2: circuitbreaker: request throttled (reject probability now 0.75)
	// 3: circuitbreaker: request throttled (reject probability now 0.80)
	// true
}

// errOf calls e once and returns its error.
func errOf(e endpoint.Endpoint) error {
	_, err := e(context.Background(), nil)
	return err
}
