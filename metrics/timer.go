package metrics

import "time"

// Timer measures the time elapsed since it was created and records it in a
// Histogram. The typical use times a function:
//
//	defer metrics.NewTimer(latency).ObserveDuration()
//
// A Timer is not safe for concurrent use: call Unit before sharing it.
type Timer struct {
	h     Histogram
	start time.Time
	unit  time.Duration
}

// NewTimer starts a Timer that will record into h, in seconds unless Unit
// says otherwise. A nil h gives a Timer whose ObserveDuration does nothing.
func NewTimer(h Histogram) *Timer {
	return &Timer{h: h, start: time.Now(), unit: time.Second}
}

// ObserveDuration records the time elapsed since NewTimer, as a float64
// number of units (seconds by default: 1.5 means one and a half seconds).
// The elapsed time is measured on the monotonic clock and never negative.
// It may be called more than once; each call records the time elapsed since
// NewTimer, not since the previous call.
func (t *Timer) ObserveDuration() {
	if t == nil || t.h == nil {
		return
	}
	d := time.Since(t.start)
	if d < 0 {
		d = 0
	}
	t.h.Observe(float64(d) / float64(t.unit))
}

// Unit sets the unit in which ObserveDuration reports, for example
// time.Millisecond to record 250 for a quarter of a second. A unit that is
// not positive is ignored, leaving the previous one (seconds by default);
// Go kit divides by it, recording an infinite or negative duration.
func (t *Timer) Unit(u time.Duration) {
	if t == nil || u <= 0 {
		return
	}
	t.unit = u
}
