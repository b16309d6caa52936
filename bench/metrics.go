package bench

import (
	"io"
	"sync"
	"testing"

	gokitdogstatsd "github.com/go-kit/kit/metrics/dogstatsd"
	gokitprometheus "github.com/go-kit/kit/metrics/prometheus"
	gokitstatsd "github.com/go-kit/kit/metrics/statsd"
	gokitlog "github.com/go-kit/log"
	stdprometheus "github.com/prometheus/client_golang/prometheus"

	"github.com/seedkit/kit/metrics/dogstatsd"
	"github.com/seedkit/kit/metrics/prometheus"
	"github.com/seedkit/kit/metrics/statsd"
)

// The Prometheus groups count requests by method and code on an unregistered
// CounterVec (registration does not affect the hot path).

var promLabels = []string{"method", "code"}

func promVec() *stdprometheus.CounterVec {
	return stdprometheus.NewCounterVec(stdprometheus.CounterOpts{Name: "requests_total", Help: "x"}, promLabels)
}

func kitPromCounter(b *testing.B) *prometheus.Counter {
	c, err := prometheus.NewCounterIn(nil, stdprometheus.CounterOpts{Name: "requests_total", Help: "x"}, promLabels)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func promWithGroup() Group {
	return Group{
		Name:     "metrics prometheus With(...).Add",
		Baseline: "client_golang WithLabelValues().Add",
		Target:   "kit <= 2x client_golang WithLabelValues().Add (Go kit 9.2x)",
		Cases: []Case{
			{"client_golang WithLabelValues().Add", func(b *testing.B) {
				cv := promVec()
				b.ReportAllocs()
				for b.Loop() {
					cv.WithLabelValues("GET", "200").Add(1)
				}
			}},
			{"kit", func(b *testing.B) {
				c := kitPromCounter(b)
				b.ReportAllocs()
				for b.Loop() {
					c.With("method", "GET", "code", "200").Add(1)
				}
			}},
			{"go-kit", func(b *testing.B) {
				c := gokitprometheus.NewCounter(promVec())
				b.ReportAllocs()
				for b.Loop() {
					c.With("method", "GET", "code", "200").Add(1)
				}
			}},
		},
	}
}

func promBoundGroup() Group {
	return Group{
		Name:     "metrics prometheus label-bound Add",
		Baseline: "client_golang resolved counter Add",
		Target:   "kit <= 4x a resolved client_golang counter (Go kit 66x)",
		Cases: []Case{
			{"client_golang resolved counter Add", func(b *testing.B) {
				c := promVec().WithLabelValues("GET", "200")
				b.ReportAllocs()
				for b.Loop() {
					c.Add(1)
				}
			}},
			{"kit", func(b *testing.B) {
				c := kitPromCounter(b).With("method", "GET", "code", "200")
				b.ReportAllocs()
				for b.Loop() {
					c.Add(1)
				}
			}},
			{"go-kit", func(b *testing.B) {
				c := gokitprometheus.NewCounter(promVec()).With("method", "GET", "code", "200")
				b.ReportAllocs()
				for b.Loop() {
					c.Add(1)
				}
			}},
		},
	}
}

// The StatsD groups flush every flushEvery observations (to io.Discard), as
// a WriteLoop would, so that no contender grows without bound; the baseline
// empties its slice at the same rate.
const flushEvery = 4096

func mutexAppend(b *testing.B) {
	var (
		mu sync.Mutex
		s  []float64
	)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		mu.Lock()
		s = append(s, 1)
		mu.Unlock()
		if i++; i == flushEvery {
			i = 0
			mu.Lock()
			s = s[:0]
			mu.Unlock()
		}
	}
}

func addLoop(b *testing.B, add func(float64), flush func()) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		add(1)
		if i++; i == flushEvery {
			i = 0
			flush()
		}
	}
}

func statsdGroup() Group {
	return Group{
		Name:     "metrics statsd counter Add",
		Baseline: "mutex+append",
		Target:   "kit <= 2x a bare mutex+append (Go kit 4x)",
		Cases: []Case{
			{"mutex+append", mutexAppend},
			{"kit", func(b *testing.B) {
				s := statsd.New("p.", nil)
				c := s.NewCounter("c", 1)
				addLoop(b, c.Add, func() { _, _ = s.WriteTo(io.Discard) })
			}},
			{"go-kit", func(b *testing.B) {
				s := gokitstatsd.New("p.", gokitlog.NewNopLogger())
				c := s.NewCounter("c", 1)
				addLoop(b, c.Add, func() { _, _ = s.WriteTo(io.Discard) })
			}},
		},
	}
}

func dogstatsdGroup() Group {
	return Group{
		Name:     "metrics dogstatsd counter Add",
		Baseline: "mutex+append",
		Target:   "kit <= 2x a bare mutex+append (Go kit 6.8x)",
		Cases: []Case{
			{"mutex+append", mutexAppend},
			{"kit", func(b *testing.B) {
				d := dogstatsd.New("p.", nil)
				c := d.NewCounter("c", 1).With("code", "200")
				addLoop(b, c.Add, func() { _, _ = d.WriteTo(io.Discard) })
			}},
			{"go-kit", func(b *testing.B) {
				d := gokitdogstatsd.New("p.", gokitlog.NewNopLogger())
				c := d.NewCounter("c", 1).With("code", "200")
				addLoop(b, c.Add, func() { _, _ = d.WriteTo(io.Discard) })
			}},
		},
	}
}
