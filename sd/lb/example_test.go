package lb_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/lb"
)

func ExampleRetry() {
	down := func(context.Context, any) (any, error) { return nil, errors.New("instance down") }
	up := func(_ context.Context, req any) (any, error) { return fmt.Sprint(req, " -> pong"), nil }
	balancer := lb.NewRoundRobin(sd.FixedEndpointer{down, up})
	ping := lb.Retry(3, time.Second, balancer)
	fmt.Println(ping(context.Background(), "ping")) // down fails, up answers
	// Output:
	// ping -> pong <nil>
}

func ExampleRetryError() {
	down := func(context.Context, any) (any, error) { return nil, context.DeadlineExceeded }
	ping := lb.Retry(2, time.Second, lb.NewRoundRobin(sd.FixedEndpointer{down}))
	_, err := ping(context.Background(), "ping")
	var re lb.RetryError
	fmt.Println(errors.As(err, &re), len(re.RawErrors))
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	fmt.Println(err)
	// Output:
	// true 2
	// true
	// context deadline exceeded (previously: context deadline exceeded)
}

func ExampleRetryWithOptions() {
	attempts := 0
	flaky := func(context.Context, any) (any, error) {
		if attempts++; attempts < 3 {
			return nil, errors.New("try again")
		}
		return "done", nil
	}
	// Record the pauses instead of sleeping; no jitter draws the lower bound.
	var paused []time.Duration
	e := lb.RetryWithOptions(5, time.Second, lb.NewRandom(sd.FixedEndpointer{flaky}, 1),
		lb.WithBackoff(100*time.Millisecond, time.Second),
		lb.WithSleep(func(_ context.Context, d time.Duration) error { paused = append(paused, d); return nil }),
		lb.WithJitter(func() float64 { return 0 }))
	fmt.Println(e(context.Background(), nil))
	fmt.Println(paused)
	// Output:
	// done <nil>
	// [50ms 100ms]
}

func ExampleNewRoundRobin() {
	a := func(context.Context, any) (any, error) { return "a", nil }
	b := func(context.Context, any) (any, error) { return "b", nil }
	balancer := lb.NewRoundRobin(sd.FixedEndpointer{a, b})
	for range 3 {
		e, _ := balancer.Endpoint()
		fmt.Println(e(context.Background(), nil))
	}
	// Output:
	// a <nil>
	// b <nil>
	// a <nil>
}
