package apicompat_test

import (
	"testing"
	"time"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/discard"
)

// The method sets listed for the three metric interfaces.
type (
	counter interface {
		With(labelValues ...string) metrics.Counter
		Add(delta float64)
	}
	gauge interface {
		With(labelValues ...string) metrics.Gauge
		Set(value float64)
		Add(delta float64)
	}
	histogram interface {
		With(labelValues ...string) metrics.Histogram
		Observe(value float64)
	}
)

var (
	_ metrics.Counter   = counter(nil)
	_ counter           = metrics.Counter(nil)
	_ metrics.Gauge     = gauge(nil)
	_ gauge             = metrics.Gauge(nil)
	_ metrics.Histogram = histogram(nil)
	_ histogram         = metrics.Histogram(nil)

	// type Timer struct { _ unexported }
	_ func(*metrics.Timer)                   = (*metrics.Timer).ObserveDuration
	_ func(*metrics.Timer, time.Duration)    = (*metrics.Timer).Unit
	_ func(metrics.Histogram) *metrics.Timer = metrics.NewTimer

	// metrics/discard
	_ func() metrics.Counter   = discard.NewCounter
	_ func() metrics.Gauge     = discard.NewGauge
	_ func() metrics.Histogram = discard.NewHistogram
)

func TestDiscardValues(t *testing.T) {
	t.Parallel()
	// The discarding metrics accept every call, labels included.
	discard.NewCounter().With("a", "b").Add(1)
	discard.NewGauge().With("a", "b").Set(1)
	discard.NewGauge().Add(1)
	discard.NewHistogram().With("a", "b").Observe(1)
	timer := metrics.NewTimer(discard.NewHistogram())
	timer.Unit(time.Millisecond)
	timer.ObserveDuration()
}
