package metrics_test

import (
	"slices"
	"testing"

	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/multi"
)

// TestLabelRule checks the label-value rule stated in the package
// documentation, on backends that keep labels.
func TestLabelRule(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		calls [][]string
		want  []string
	}{
		{"pairs", [][]string{{"method", "sum", "error", "false"}}, []string{"method", "sum", "error", "false"}},
		{"calls append", [][]string{{"a", "1"}, {"b", "2"}}, []string{"a", "1", "b", "2"}},
		{"odd gets unknown", [][]string{{"method"}}, []string{"method", "unknown"}},
		{"each call padded", [][]string{{"method"}, {"code", "200"}}, []string{"method", "unknown", "code", "200"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, b := generic.NewCounter("a"), generic.NewCounter("b")
			var c metrics.Counter = multi.NewCounter(a, b)
			for _, call := range tt.calls {
				c = c.With(call...)
			}
			for i, m := range c.(multi.Counter) {
				if got := m.(*generic.Counter).LabelValues(); !slices.Equal(got, tt.want) {
					t.Errorf("member %d: labels %q, want %q", i, got, tt.want)
				}
			}
		})
	}
}

// TestWithLeavesParent checks that With does not change the metric it is
// called on.
func TestWithLeavesParent(t *testing.T) {
	t.Parallel()
	parent := generic.NewCounter("c").With("k", "v").(*generic.Counter)
	_ = parent.With("a", "1")
	_ = parent.With("b")
	if got := parent.LabelValues(); !slices.Equal(got, []string{"k", "v"}) {
		t.Fatalf("parent labels %q after With", got)
	}
}
