package teststat

import (
	"fmt"
	"strings"

	"github.com/seedkit/kit/metrics"
)

// TestCounterLabels checks that a backend keeps series with different label
// values apart and applies kit's label rule (an odd trailing label name gets
// the value "unknown"). It derives three counters from counter, each with
// the label names "a" and "b":
//
//	counter.With("a", "1", "b", "1")
//	counter.With("a", "2").With("b", "1")  // labels added in two calls
//	counter.With("a", "3", "b")            // odd: b gets "unknown"
//
// fills each with FillCounter, and then calls value once per series with its
// full label values ("a", "3", "b", "unknown" for the last) to read back
// what the backend recorded. counter must carry no label values and be
// unused. A push backend's value function should flush once and answer
// every call from that output. It returns nil or an error listing every
// series whose value is wrong. Backends that ignore labels (expvar,
// Graphite) do not apply.
func TestCounterLabels(counter metrics.Counter, value func(labelValues ...string) float64) error {
	if counter == nil || value == nil {
		return fmt.Errorf("teststat: TestCounterLabels needs a counter and a value function")
	}
	cases := []struct {
		counter metrics.Counter
		labels  []string
	}{
		{counter.With("a", "1", "b", "1"), []string{"a", "1", "b", "1"}},
		{counter.With("a", "2").With("b", "1"), []string{"a", "2", "b", "1"}},
		{counter.With("a", "3", "b"), []string{"a", "3", "b", "unknown"}},
	}
	want := make([]float64, len(cases))
	for i, c := range cases {
		want[i] = FillCounter(c.counter)
	}
	var errs []string
	for i, c := range cases {
		have := value(c.labels...)
		if !within(want[i], have, 1e-9) {
			errs = append(errs, fmt.Sprintf("series %q: added %g, value() reported %g", c.labels, want[i], have))
		}
	}
	if len(errs) > 0 {
		msg := "teststat: counter labels: " + strings.Join(errs, "; ")
		if strings.Contains(msg, "NaN") {
			msg += nanHint
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}
