package bench

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	gokitendpoint "github.com/go-kit/kit/endpoint"
	gokitsd "github.com/go-kit/kit/sd"
	gokitlb "github.com/go-kit/kit/sd/lb"
	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/lb"
)

// The pick benchmarks choose among 8 endpoints from a fixed set, as a
// balancer over a settled Endpointer does on every request. The bare
// baselines do the same choice inline on a slice: an atomic counter modulo
// the length, and math/rand/v2's goroutine-safe IntN.

const pickSetSize = 8

func pickEndpoints() []endpoint.Endpoint {
	eps := make([]endpoint.Endpoint, pickSetSize)
	for i := range eps {
		eps[i] = func(context.Context, any) (any, error) { return i, nil }
	}
	return eps
}

func gokitPickEndpoints() []gokitendpoint.Endpoint {
	eps := make([]gokitendpoint.Endpoint, pickSetSize)
	for i := range eps {
		eps[i] = func(context.Context, any) (any, error) { return i, nil }
	}
	return eps
}

var pickSink atomic.Pointer[endpoint.Endpoint]

func runPick(b *testing.B, pick func() (endpoint.Endpoint, error)) {
	b.ReportAllocs()
	var last endpoint.Endpoint
	for b.Loop() {
		e, err := pick()
		if err != nil {
			b.Fatal(err)
		}
		last = e
	}
	pickSink.Store(&last)
}

func runGokitPick(b *testing.B, pick func() (gokitendpoint.Endpoint, error)) {
	runPick(b, func() (endpoint.Endpoint, error) {
		e, err := pick()
		return endpoint.Endpoint(e), err
	})
}

func lbRoundRobinGroup() Group {
	return Group{
		Name:     "lb RoundRobin pick",
		Baseline: "bare index",
		Target:   "kit: 0 allocs, <= 1.1x a bare index pick",
		Cases: []Case{
			{"bare index", func(b *testing.B) {
				eps := pickEndpoints()
				var n atomic.Uint64
				runPick(b, func() (endpoint.Endpoint, error) {
					return eps[(n.Add(1)-1)%uint64(len(eps))], nil
				})
			}},
			{"kit", func(b *testing.B) {
				runPick(b, lb.NewRoundRobin(sd.FixedEndpointer(pickEndpoints())).Endpoint)
			}},
			{"go-kit", func(b *testing.B) {
				runGokitPick(b, gokitlb.NewRoundRobin(gokitsd.FixedEndpointer(gokitPickEndpoints())).Endpoint)
			}},
		},
	}
}

func lbRandomGroup() Group {
	return Group{
		Name:     "lb Random pick",
		Baseline: "bare rand",
		Target:   "kit: 0 allocs, <= 1.1x a bare rand pick",
		Cases: []Case{
			{"bare rand", func(b *testing.B) {
				eps := pickEndpoints()
				runPick(b, func() (endpoint.Endpoint, error) {
					return eps[rand.IntN(len(eps))], nil
				})
			}},
			{"kit", func(b *testing.B) {
				runPick(b, lb.NewRandom(sd.FixedEndpointer(pickEndpoints()), 1).Endpoint)
			}},
			{"go-kit (not goroutine-safe)", func(b *testing.B) {
				runGokitPick(b, gokitlb.NewRandom(gokitsd.FixedEndpointer(gokitPickEndpoints()), 1).Endpoint)
			}},
		},
	}
}

// The retry benchmarks call, through Retry over a round robin of one
// endpoint, an endpoint that succeeds at once. The endpoint does a small,
// typical piece of work: it encodes its request as JSON and decodes the
// result into a response, as a codec on either side of a call does.

type retryRequest struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Tags  []string `json:"tags"`
}

func retryWork(_ context.Context, req any) (any, error) {
	buf, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	var resp retryRequest
	return resp, json.Unmarshal(buf, &resp)
}

func runRetry(b *testing.B, e func(context.Context, any) (any, error)) {
	ctx := context.Background()
	req := retryRequest{Name: "kit", Count: 3, Tags: []string{"a", "b"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func lbRetryGroup() Group {
	return Group{
		Name:     "lb.Retry, first attempt succeeds",
		Baseline: "endpoint called directly",
		Target:   "kit: <= 1.3x calling the endpoint directly (Go kit 3.2x)",
		Cases: []Case{
			{"endpoint called directly", func(b *testing.B) { runRetry(b, retryWork) }},
			{"kit", func(b *testing.B) {
				runRetry(b, lb.Retry(3, time.Second, lb.NewRoundRobin(sd.FixedEndpointer{retryWork})))
			}},
			{"go-kit", func(b *testing.B) {
				runRetry(b, gokitlb.Retry(3, time.Second, gokitlb.NewRoundRobin(gokitsd.FixedEndpointer{retryWork})))
			}},
		},
	}
}
