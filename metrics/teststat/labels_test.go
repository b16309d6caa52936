package teststat_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/internal/lv"
	"github.com/seedkit/kit/metrics/teststat"
)

// spaceCounter is the shape of a push backend's counter: observations go to
// an lv.Space under the label values accumulated by With.
type spaceCounter struct {
	space *lv.Space
	lvs   lv.LabelValues
	pad   bool // apply kit's padding rule; false simulates a broken backend
}

func (c spaceCounter) With(labelValues ...string) metrics.Counter {
	next := c
	if c.pad {
		next.lvs = c.lvs.With(labelValues...)
	} else {
		next.lvs = append(slices.Clone(c.lvs), labelValues...)
	}
	return next
}

func (c spaceCounter) Add(delta float64) {
	lvs := c.lvs
	if !c.pad && len(lvs)%2 == 1 {
		lvs = append(slices.Clone(lvs), "") // a backend that pads differently
	}
	c.space.Observe("requests", lvs, delta)
}

// sums flushes s once and returns a value function over the result.
func sums(s *lv.Space) func(labelValues ...string) float64 {
	var (
		flushed bool
		totals  = map[string]float64{}
	)
	return func(labelValues ...string) float64 {
		if !flushed {
			flushed = true
			s.Reset().Walk(func(_ string, lvs lv.LabelValues, obs []float64) bool {
				for _, o := range obs {
					totals[strings.Join(lvs, "\x00")] += o
				}
				return true
			})
		}
		return totals[strings.Join(labelValues, "\x00")]
	}
}

func TestTestCounterLabels(t *testing.T) {
	t.Parallel()
	t.Run("conforming", func(t *testing.T) {
		t.Parallel()
		s := lv.NewSpace()
		checkErr(t, teststat.TestCounterLabels(spaceCounter{space: s, pad: true}, sums(s)), "")
	})
	t.Run("wrong padding", func(t *testing.T) {
		t.Parallel()
		s := lv.NewSpace()
		err := teststat.TestCounterLabels(spaceCounter{space: s}, sums(s))
		checkErr(t, err, `series ["a" "3" "b" "unknown"]`)
		if strings.Contains(err.Error(), `"a" "1"`) {
			t.Fatalf("error blames a good series: %v", err)
		}
	})
	t.Run("merged series", func(t *testing.T) {
		t.Parallel()
		var total float64
		c := mergedCounter{&total}
		err := teststat.TestCounterLabels(c, func(...string) float64 { return total })
		checkErr(t, err, "series")
	})
	checkErr(t, teststat.TestCounterLabels(nil, nil), "needs a counter")
}

// mergedCounter ignores labels, so every series reports the grand total.
type mergedCounter struct{ total *float64 }

func (c mergedCounter) With(...string) metrics.Counter { return c }
func (c mergedCounter) Add(d float64)                  { *c.total += d }
