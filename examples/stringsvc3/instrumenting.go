package main

import (
	"context"
	"strconv"
	"time"

	stdprometheus "github.com/prometheus/client_golang/prometheus"

	"github.com/seedkit/kit/metrics"
	kitprometheus "github.com/seedkit/kit/metrics/prometheus"
)

// instruments are the service's metrics. The fields are kit's backend-neutral
// interfaces: only newInstruments knows that Prometheus is behind them.
type instruments struct {
	requests    metrics.Counter   // calls, by method and error
	duration    metrics.Histogram // seconds per call, by method and error
	countResult metrics.Histogram // what Count returned
}

// newInstruments creates the metrics and registers them with reg, which is
// the caller's registry rather than Prometheus's global one: two services in
// one process (as in the tests) then never collide.
func newInstruments(reg stdprometheus.Registerer) (instruments, error) {
	labels := []string{"method", "error"}
	requests, err := kitprometheus.NewCounterIn(reg, stdprometheus.CounterOpts{
		Namespace: "stringsvc",
		Name:      "requests_total",
		Help:      "Requests received, by method and whether they failed.",
	}, labels)
	if err != nil {
		return instruments{}, err
	}
	duration, err := kitprometheus.NewSummaryIn(reg, stdprometheus.SummaryOpts{
		Namespace:  "stringsvc",
		Name:       "request_duration_seconds",
		Help:       "Time spent serving requests, by method and whether they failed.",
		Objectives: map[float64]float64{0.5: 0.05, 0.9: 0.01, 0.99: 0.001},
	}, labels)
	if err != nil {
		return instruments{}, err
	}
	countResult, err := kitprometheus.NewSummaryIn(reg, stdprometheus.SummaryOpts{
		Namespace: "stringsvc",
		Name:      "count_result",
		Help:      "The results of Count.",
	}, nil)
	if err != nil {
		return instruments{}, err
	}
	return instruments{requests: requests, duration: duration, countResult: countResult}, nil
}

// instrumentingMiddleware records every call in m.
func instrumentingMiddleware(m instruments) Middleware {
	return func(next StringService) StringService { return instrumenting{m, next} }
}

type instrumenting struct {
	m    instruments
	next StringService
}

func (mw instrumenting) observe(method string, failed bool, begin time.Time) {
	lvs := []string{"method", method, "error", strconv.FormatBool(failed)}
	mw.m.requests.With(lvs...).Add(1)
	mw.m.duration.With(lvs...).Observe(time.Since(begin).Seconds())
}

func (mw instrumenting) Uppercase(ctx context.Context, s string) (output string, err error) {
	defer func(begin time.Time) { mw.observe("uppercase", err != nil, begin) }(time.Now())
	return mw.next.Uppercase(ctx, s)
}

func (mw instrumenting) Count(ctx context.Context, s string) (n int) {
	defer func(begin time.Time) {
		mw.observe("count", false, begin)
		mw.m.countResult.Observe(float64(n))
	}(time.Now())
	return mw.next.Count(ctx, s)
}
