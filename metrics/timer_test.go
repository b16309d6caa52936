package metrics_test

import (
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/seedkit/kit/metrics"
)

// recorder is a Histogram that keeps its observations.
type recorder struct {
	mu  sync.Mutex
	obs []float64
}

func (r *recorder) With(...string) metrics.Histogram { return r }
func (r *recorder) Observe(v float64) {
	r.mu.Lock()
	r.obs = append(r.obs, v)
	r.mu.Unlock()
}

func TestTimer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		units   []time.Duration // passed to Unit in order
		elapsed time.Duration
		want    float64
	}{
		{"seconds by default", nil, 1500 * time.Millisecond, 1.5},
		{"milliseconds", []time.Duration{time.Millisecond}, 250 * time.Millisecond, 250},
		{"microseconds", []time.Duration{time.Microsecond}, 3 * time.Millisecond, 3000},
		{"minutes", []time.Duration{time.Minute}, 90 * time.Second, 1.5},
		{"zero unit ignored", []time.Duration{time.Millisecond, 0}, time.Second, 1000},
		{"negative unit ignored", []time.Duration{-time.Second}, 2 * time.Second, 2},
		{"no time", nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// synctest's fake clock advances exactly by the time slept.
			synctest.Test(t, func(t *testing.T) {
				var r recorder
				tm := metrics.NewTimer(&r)
				for _, u := range tt.units {
					tm.Unit(u)
				}
				time.Sleep(tt.elapsed)
				tm.ObserveDuration()
				if len(r.obs) != 1 || r.obs[0] != tt.want {
					t.Fatalf("observed %v, want [%v]", r.obs, tt.want)
				}
			})
		})
	}
}

func TestTimerObservesFromStart(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var r recorder
		tm := metrics.NewTimer(&r)
		time.Sleep(time.Second)
		tm.ObserveDuration()
		time.Sleep(time.Second)
		tm.ObserveDuration()
		if len(r.obs) != 2 || r.obs[0] != 1 || r.obs[1] != 2 {
			t.Fatalf("observed %v, want [1 2]", r.obs)
		}
	})
}

func TestTimerNil(t *testing.T) {
	t.Parallel()
	tm := metrics.NewTimer(nil)
	tm.Unit(time.Millisecond)
	tm.ObserveDuration() // must not panic
	var none *metrics.Timer
	none.Unit(time.Second)
	none.ObserveDuration()
}
