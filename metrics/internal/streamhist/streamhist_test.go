package streamhist_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/seedkit/kit/metrics/internal/streamhist"
)

func TestExactWhileFewValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		values []float64
		q      float64
		want   float64
	}{
		{"empty", nil, 0.5, 0},
		{"single", []float64{7}, 0.5, 7},
		{"single min", []float64{7}, 0, 7},
		{"single max", []float64{7}, 1, 7},
		{"median odd", []float64{3, 1, 2}, 0.5, 2},
		{"median even", []float64{4, 1, 3, 2}, 0.5, 2.5},
		{"quartile", []float64{1, 2, 3, 4}, 0.25, 1.5},
		{"duplicates", []float64{5, 5, 5, 5}, 0.9, 5},
		{"below zero", []float64{-1, -2}, 0, -2},
		{"above one", []float64{-1, -2}, 1.5, -1},
		{"NaN ignored", []float64{math.NaN(), 1, 3}, 0.5, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := streamhist.New(10)
			for _, v := range tt.values {
				h.Add(v)
			}
			if got := h.Quantile(tt.q); got != tt.want {
				t.Fatalf("Quantile(%v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestBoundedBins(t *testing.T) {
	t.Parallel()
	for _, maxBins := range []int{-1, 0, 1, 2, 7, 50} {
		h := streamhist.New(maxBins)
		limit := maxBins
		if limit < 1 {
			limit = streamhist.DefaultBins
		}
		r := rand.New(rand.NewPCG(1, 2))
		sum := 0.0
		for range 1000 {
			v := r.Float64() * 100
			sum += v
			h.Add(v)
		}
		bins := h.Bins()
		if len(bins) > limit {
			t.Fatalf("New(%d): %d bins", maxBins, len(bins))
		}
		var n uint64
		for i, b := range bins {
			n += b.Count
			if i > 0 && bins[i-1].Value >= b.Value {
				t.Fatalf("New(%d): bins out of order: %v", maxBins, bins)
			}
		}
		if n != 1000 || h.Count() != 1000 {
			t.Fatalf("New(%d): counts %d, %d; want 1000", maxBins, n, h.Count())
		}
		if math.Abs(h.Sum()-sum) > 1e-6 || math.Abs(h.Mean()-sum/1000) > 1e-9 {
			t.Fatalf("New(%d): sum %v mean %v, want %v", maxBins, h.Sum(), h.Mean(), sum)
		}
	}
}

func TestAccuracyUniform(t *testing.T) {
	t.Parallel()
	h := streamhist.New(50)
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		h.Add(r.Float64() * 1000)
	}
	for _, q := range []float64{0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99} {
		if got, want := h.Quantile(q), q*1000; math.Abs(got-want) > 10 {
			t.Errorf("Quantile(%v) = %v, want %v ± 10", q, got, want)
		}
	}
}

func TestCloneIndependent(t *testing.T) {
	t.Parallel()
	h := streamhist.New(3)
	for _, v := range []float64{1, 2, 3} {
		h.Add(v)
	}
	c := h.Clone()
	c.Add(100)
	c.Add(200)
	if h.Count() != 3 || h.Max() != 3 || len(h.Bins()) != 3 {
		t.Fatalf("original changed by its clone: count %d max %v bins %v", h.Count(), h.Max(), h.Bins())
	}
	if c.Count() != 5 || c.Max() != 200 {
		t.Fatalf("clone: count %d max %v", c.Count(), c.Max())
	}
}

func TestInfinities(t *testing.T) {
	t.Parallel()
	h := streamhist.New(2)
	for _, v := range []float64{math.Inf(-1), 0, math.Inf(1), 1, math.Inf(1)} {
		h.Add(v)
	}
	if h.Count() != 5 || !math.IsInf(h.Min(), -1) || !math.IsInf(h.Max(), 1) {
		t.Fatalf("count %d min %v max %v", h.Count(), h.Min(), h.Max())
	}
	for _, b := range h.Bins() {
		if math.IsNaN(b.Value) {
			t.Fatalf("NaN bin: %v", h.Bins())
		}
	}
	for q := 0.0; q <= 1; q += 0.1 {
		if got := h.Quantile(q); math.IsNaN(got) {
			t.Fatalf("Quantile(%v) = NaN; bins %v", q, h.Bins())
		}
	}
}

// FuzzQuantile checks invariants on arbitrary data: quantiles lie within
// [min, max], grow with q, and counts add up.
func FuzzQuantile(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5}, uint8(3))
	f.Add([]byte{}, uint8(0))
	f.Add([]byte{255, 0, 255, 0, 128}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, bins uint8) {
		h := streamhist.New(int(bins))
		values := make([]float64, 0, len(data))
		for i, d := range data {
			v := float64(d) * float64(i%7-3)
			values = append(values, v)
			h.Add(v)
		}
		if h.Count() != uint64(len(values)) {
			t.Fatalf("Count %d, want %d", h.Count(), len(values))
		}
		if len(values) == 0 {
			return
		}
		lo, hi := slices.Min(values), slices.Max(values)
		prev := math.Inf(-1)
		for q := 0.0; q <= 1; q += 0.05 {
			got := h.Quantile(q)
			if got < lo || got > hi || math.IsNaN(got) {
				t.Fatalf("Quantile(%v) = %v outside [%v, %v]", q, got, lo, hi)
			}
			if got < prev {
				t.Fatalf("Quantile(%v) = %v < previous %v", q, got, prev)
			}
			prev = got
		}
	})
}

func BenchmarkAdd(b *testing.B) {
	h := streamhist.New(50)
	r := rand.New(rand.NewPCG(5, 6))
	b.ReportAllocs()
	for b.Loop() {
		h.Add(r.NormFloat64()*25 + 500)
	}
}

func BenchmarkQuantile(b *testing.B) {
	h := streamhist.New(50)
	r := rand.New(rand.NewPCG(5, 6))
	for range 10000 {
		h.Add(r.NormFloat64()*25 + 500)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = h.Quantile(0.99)
	}
}
