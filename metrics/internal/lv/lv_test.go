package lv_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/seedkit/kit/metrics/internal/lv"
)

func TestLabelValuesWith(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		base lv.LabelValues
		add  []string
		want lv.LabelValues
	}{
		{"nil nothing", nil, nil, nil},
		{"nil pair", nil, []string{"a", "1"}, lv.LabelValues{"a", "1"}},
		{"append", lv.LabelValues{"a", "1"}, []string{"b", "2"}, lv.LabelValues{"a", "1", "b", "2"}},
		{"odd padded", nil, []string{"a"}, lv.LabelValues{"a", lv.Unknown}},
		{"odd padded after base", lv.LabelValues{"a", "1"}, []string{"b", "2", "c"}, lv.LabelValues{"a", "1", "b", "2", "c", "unknown"}},
		{"nothing added", lv.LabelValues{"a", "1"}, nil, lv.LabelValues{"a", "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.base.With(tt.add...); !slices.Equal(got, tt.want) {
				t.Fatalf("With = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLabelValuesWithNoAliasing checks that siblings made from one parent
// with spare capacity do not overwrite each other, which an in-place append
// would do.
func TestLabelValuesWithNoAliasing(t *testing.T) {
	t.Parallel()
	parent := make(lv.LabelValues, 2, 16)
	copy(parent, []string{"k", "v"})
	a := parent.With("a", "1")
	b := parent.With("b", "2")
	if !slices.Equal(a, lv.LabelValues{"k", "v", "a", "1"}) || !slices.Equal(b, lv.LabelValues{"k", "v", "b", "2"}) {
		t.Fatalf("siblings %q and %q", a, b)
	}
	if !slices.Equal(parent, lv.LabelValues{"k", "v"}) {
		t.Fatalf("parent modified: %q", parent)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lvs     []string
		wantErr bool
	}{
		{nil, false},
		{[]string{"a", "1"}, false},
		{[]string{"a"}, true},
		{[]string{"a", "1", "b"}, true},
	}
	for _, tt := range tests {
		err := lv.Validate(tt.lvs...)
		if (err != nil) != tt.wantErr {
			t.Errorf("Validate(%q) = %v, want error %v", tt.lvs, err, tt.wantErr)
		}
		if err != nil {
			if !errors.Is(err, lv.ErrOddLabelValues) {
				t.Errorf("Validate(%q) = %v, not ErrOddLabelValues", tt.lvs, err)
			}
			if last := tt.lvs[len(tt.lvs)-1]; !strings.Contains(err.Error(), fmt.Sprintf("%q", last)) {
				t.Errorf("error %q does not name label %q", err, last)
			}
		}
	}
}

type seen struct {
	name string
	lvs  lv.LabelValues
	obs  []float64
}

func walk(s *lv.Space) []seen {
	var out []seen
	s.Walk(func(name string, lvs lv.LabelValues, obs []float64) bool {
		out = append(out, seen{name, lvs, obs})
		return true
	})
	return out
}

func TestSpace(t *testing.T) {
	t.Parallel()
	type op struct {
		add   bool
		name  string
		lvs   lv.LabelValues
		value float64
	}
	tests := []struct {
		name string
		ops  []op
		want []seen
	}{
		{"empty", nil, nil},
		{
			"observe appends",
			[]op{{false, "a", nil, 1}, {false, "a", nil, 2}},
			[]seen{{"a", nil, []float64{1, 2}}},
		},
		{
			"add accumulates from last",
			[]op{{true, "g", nil, 1}, {true, "g", nil, 2}, {false, "g", nil, 10}, {true, "g", nil, -3}},
			[]seen{{"g", nil, []float64{1, 3, 10, 7}}},
		},
		{
			"sorted by name then labels",
			[]op{
				{false, "b", nil, 1},
				{false, "a", lv.LabelValues{"x", "2"}, 1},
				{false, "a", lv.LabelValues{"x", "1"}, 1},
				{false, "a", nil, 1},
			},
			[]seen{
				{"a", nil, []float64{1}},
				{"a", lv.LabelValues{"x", "1"}, []float64{1}},
				{"a", lv.LabelValues{"x", "2"}, []float64{1}},
				{"b", nil, []float64{1}},
			},
		},
		{
			"pair order does not matter, first order reported",
			[]op{
				{false, "m", lv.LabelValues{"b", "2", "a", "1"}, 1},
				{false, "m", lv.LabelValues{"a", "1", "b", "2"}, 2},
			},
			[]seen{{"m", lv.LabelValues{"b", "2", "a", "1"}, []float64{1, 2}}},
		},
		{
			"values are not names",
			[]op{
				{false, "m", lv.LabelValues{"a", "b"}, 1},
				{false, "m", lv.LabelValues{"b", "a"}, 2},
			},
			[]seen{
				{"m", lv.LabelValues{"a", "b"}, []float64{1}},
				{"m", lv.LabelValues{"b", "a"}, []float64{2}},
			},
		},
		{
			"odd padded",
			[]op{
				{false, "m", lv.LabelValues{"a"}, 1},
				{false, "m", lv.LabelValues{"a", "unknown"}, 2},
			},
			[]seen{{"m", lv.LabelValues{"a", "unknown"}, []float64{1, 2}}},
		},
		{
			"no ambiguity between name and labels",
			[]op{
				{false, "ab", nil, 1},
				{false, "a", lv.LabelValues{"b", ""}, 2},
			},
			[]seen{
				{"a", lv.LabelValues{"b", ""}, []float64{2}},
				{"ab", nil, []float64{1}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := lv.NewSpace()
			for _, o := range tt.ops {
				if o.add {
					s.Add(o.name, o.lvs, o.value)
				} else {
					s.Observe(o.name, o.lvs, o.value)
				}
			}
			got := walk(s)
			if len(got) != len(tt.want) {
				t.Fatalf("Walk saw %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i].name != tt.want[i].name || !slices.Equal(got[i].lvs, tt.want[i].lvs) || !slices.Equal(got[i].obs, tt.want[i].obs) {
					t.Fatalf("Walk saw %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestSpaceReset(t *testing.T) {
	t.Parallel()
	s := lv.NewSpace()
	s.Observe("a", lv.LabelValues{"k", "v"}, 1)
	s.Add("g", nil, 5)
	old := s.Reset()
	if got := walk(s); len(got) != 0 {
		t.Fatalf("space after Reset holds %v", got)
	}
	if got := walk(old); len(got) != 2 {
		t.Fatalf("Reset returned %v, want 2 series", got)
	}
	s.Add("g", nil, 1) // a fresh series starts from zero
	if got := walk(s); len(got) != 1 || !slices.Equal(got[0].obs, []float64{1}) {
		t.Fatalf("after Reset, Add gave %v", got)
	}
}

func TestSpaceKeepsOwnCopies(t *testing.T) {
	t.Parallel()
	s := lv.NewSpace()
	lvs := lv.LabelValues{"k", "v"}
	s.Observe("a", lvs, 1)
	lvs[1] = "changed"
	s.Walk(func(_ string, got lv.LabelValues, obs []float64) bool {
		if got[1] != "v" {
			t.Fatalf("Space kept the caller's slice: %q", got)
		}
		got[1], obs[0] = "mine", 99 // the callback owns its copies
		return true
	})
	s.Walk(func(_ string, got lv.LabelValues, obs []float64) bool {
		if got[1] != "v" || obs[0] != 1 {
			t.Fatalf("Walk handed out internal state: %q %v", got, obs)
		}
		return true
	})
}

func TestSpaceWalkStops(t *testing.T) {
	t.Parallel()
	s := lv.NewSpace()
	for _, n := range []string{"a", "b", "c"} {
		s.Observe(n, nil, 1)
	}
	var names []string
	s.Walk(func(name string, _ lv.LabelValues, _ []float64) bool {
		names = append(names, name)
		// The callback may use the space: Walk holds no lock while calling it.
		s.Observe("z", nil, 1)
		return name != "b"
	})
	if !slices.Equal(names, []string{"a", "b"}) {
		t.Fatalf("Walk visited %q, want [a b]", names)
	}
}

func TestSpaceNilAndZero(t *testing.T) {
	t.Parallel()
	var nilSpace *lv.Space
	nilSpace.Observe("a", nil, 1)
	nilSpace.Add("a", nil, 1)
	nilSpace.Walk(func(string, lv.LabelValues, []float64) bool { t.Fatal("nil space walked"); return true })
	if nilSpace.Reset() == nil {
		t.Fatal("Reset on nil returned nil")
	}
	var zero lv.Space
	zero.Observe("a", nil, 1)
	if got := walk(&zero); len(got) != 1 {
		t.Fatalf("zero Space holds %v", got)
	}
	zero.Walk(nil) // must not panic
}

// TestSpaceConcurrent checks that concurrent Observe and Reset lose no
// observation: each lands in exactly one of the spaces Reset returns.
func TestSpaceConcurrent(t *testing.T) {
	t.Parallel()
	s := lv.NewSpace()
	const workers, each = 4, 500
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				s.Observe("m", lv.LabelValues{"w", fmt.Sprint(i % 2)}, 1)
			}
		}()
	}
	var total int
	count := func(sp *lv.Space) {
		sp.Walk(func(_ string, _ lv.LabelValues, obs []float64) bool {
			total += len(obs)
			return true
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for flushing := true; flushing; {
		select {
		case <-done:
			flushing = false
		default:
		}
		count(s.Reset())
	}
	count(s.Reset())
	if total != workers*each {
		t.Fatalf("counted %d observations, want %d", total, workers*each)
	}
}

// FuzzSpaceIdentity checks the identity rule: a label list and any rotation
// of its pairs name the same series, and a Walk reports exactly what was
// recorded.
func FuzzSpaceIdentity(f *testing.F) {
	f.Add("m", "a", "1", "b", "2", "c", "3", 1)
	f.Add("", "", "", "", "", "", "", 0)
	f.Add("x", "k", "v", "k", "w", "k", "v", 2)
	f.Add("n\x00", "\x00", "\xff", "a", "", "b", "c", 5)
	f.Fuzz(func(t *testing.T, name, n1, v1, n2, v2, n3, v3 string, rot int) {
		pairs := [][2]string{{n1, v1}, {n2, v2}, {n3, v3}}
		flat := func(ps [][2]string) lv.LabelValues {
			var out lv.LabelValues
			for _, p := range ps {
				out = append(out, p[0], p[1])
			}
			return out
		}
		r := ((rot % 3) + 3) % 3
		rotated := append(slices.Clone(pairs[r:]), pairs[:r]...)
		s := lv.NewSpace()
		s.Observe(name, flat(pairs), 1)
		s.Observe(name, flat(rotated), 2)
		got := walk(s)
		if len(got) != 1 {
			t.Fatalf("%q and %q are %d series, want 1", flat(pairs), flat(rotated), len(got))
		}
		if got[0].name != name || !slices.Equal(got[0].lvs, flat(pairs)) || !slices.Equal(got[0].obs, []float64{1, 2}) {
			t.Fatalf("Walk saw %v", got)
		}
	})
}

func BenchmarkSpaceObserve(b *testing.B) {
	for _, bc := range []struct {
		name string
		lvs  lv.LabelValues
	}{
		{"none", nil},
		{"one", lv.LabelValues{"method", "GET"}},
		{"three", lv.LabelValues{"method", "GET", "code", "200", "route", "/users"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := lv.NewSpace()
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				s.Observe("requests", bc.lvs, 1)
				if i%4096 == 0 {
					s.Reset() // bound memory as a flush would
				}
			}
		})
	}
}

func BenchmarkLabelValuesWith(b *testing.B) {
	base := lv.LabelValues{"method", "GET"}
	b.ReportAllocs()
	for b.Loop() {
		_ = base.With("code", "200")
	}
}
