package streamhist

import (
	"math"
	"sort"
)

// DefaultBins is the number of bins New uses when asked for fewer than one.
const DefaultBins = 50

// Bin is one bin of a Histogram: Count values whose mean is Value.
type Bin struct {
	Value float64
	Count uint64
}

// Histogram is a streaming histogram of at most a fixed number of bins. The
// zero value is not usable; call New. It is not safe for concurrent use.
type Histogram struct {
	max      int
	bins     []Bin // sorted by Value
	total    uint64
	min, hi  float64
	sum      float64
	hasValue bool
}

// New returns an empty Histogram that keeps at most maxBins bins, or
// DefaultBins if maxBins < 1. More bins mean more accurate quantiles and a
// slower Add (linear in the number of bins).
func New(maxBins int) *Histogram {
	if maxBins < 1 {
		maxBins = DefaultBins
	}
	return &Histogram{max: maxBins, bins: make([]Bin, 0, maxBins+1)}
}

// Add records v. NaN is ignored; infinities are recorded (and make the
// quantiles around them infinite).
func (h *Histogram) Add(v float64) {
	if math.IsNaN(v) {
		return
	}
	h.total++
	h.sum += v
	if !h.hasValue || v < h.min {
		h.min = v
	}
	if !h.hasValue || v > h.hi {
		h.hi = v
	}
	h.hasValue = true

	i := sort.Search(len(h.bins), func(i int) bool { return h.bins[i].Value >= v })
	if i < len(h.bins) && h.bins[i].Value == v {
		h.bins[i].Count++
		return
	}
	h.bins = append(h.bins, Bin{})
	copy(h.bins[i+1:], h.bins[i:])
	h.bins[i] = Bin{Value: v, Count: 1}
	if len(h.bins) > h.max {
		h.merge()
	}
}

// merge replaces the two closest adjacent bins by their weighted mean.
func (h *Histogram) merge() {
	best, gap := 0, math.Inf(1)
	for i := 0; i+1 < len(h.bins); i++ {
		if d := h.bins[i+1].Value - h.bins[i].Value; d < gap {
			best, gap = i, d
		}
	}
	a, b := h.bins[best], h.bins[best+1]
	n := a.Count + b.Count
	v := a.Value + (b.Value-a.Value)*float64(b.Count)/float64(n)
	if math.IsNaN(v) || math.IsInf(a.Value, 0) || math.IsInf(b.Value, 0) {
		v = (a.Value + b.Value) / 2
		if math.IsNaN(v) { // -Inf and +Inf: keep the larger count's side
			v = a.Value
			if b.Count > a.Count {
				v = b.Value
			}
		}
	}
	h.bins[best] = Bin{Value: v, Count: n}
	h.bins = append(h.bins[:best+1], h.bins[best+2:]...)
}

// Count returns the number of values recorded.
func (h *Histogram) Count() uint64 { return h.total }

// Sum returns the sum of the values recorded.
func (h *Histogram) Sum() float64 { return h.sum }

// Mean returns the mean of the values recorded, or 0 if there are none.
func (h *Histogram) Mean() float64 {
	if h.total == 0 {
		return 0
	}
	return h.sum / float64(h.total)
}

// Min returns the smallest value recorded, or 0 if there is none.
func (h *Histogram) Min() float64 { return h.min }

// Max returns the largest value recorded, or 0 if there is none.
func (h *Histogram) Max() float64 { return h.hi }

// Bins returns a copy of the bins, ordered by Value.
func (h *Histogram) Bins() []Bin {
	return append([]Bin(nil), h.bins...)
}

// Clone returns an independent copy of h.
func (h *Histogram) Clone() *Histogram {
	c := *h
	c.bins = make([]Bin, len(h.bins), h.max+1)
	copy(c.bins, h.bins)
	return &c
}

// Quantile returns an estimate of the q-quantile of the values recorded, for
// q in [0, 1]: q <= 0 gives the minimum and q >= 1 the maximum. It returns 0
// if nothing was recorded and NaN if q is NaN.
//
// The estimate interpolates linearly along the cumulative distribution
// through (min, 0), each bin's centroid at the count of the bins before it
// plus half its own, and (max, total). While fewer distinct values than bins
// were recorded this is the usual interpolated quantile of the exact data.
func (h *Histogram) Quantile(q float64) float64 {
	switch {
	case math.IsNaN(q):
		return math.NaN()
	case h.total == 0:
		return 0
	case q <= 0:
		return h.min
	case q >= 1:
		return h.hi
	}
	target := q * float64(h.total)
	px, py := h.min, 0.0
	var cum float64
	for _, b := range h.bins {
		x := b.Value
		y := cum + float64(b.Count)/2
		cum += float64(b.Count)
		if target <= y {
			return interpolate(px, py, x, y, target)
		}
		px, py = x, y
	}
	return interpolate(px, py, h.hi, cum, target)
}

// interpolate returns the x at which the line through (x0, y0) and (x1, y1)
// reaches y.
func interpolate(x0, y0, x1, y1, y float64) float64 {
	if y1 <= y0 || x0 == x1 {
		return x1
	}
	frac := (y - y0) / (y1 - y0)
	if math.IsInf(x0, 0) || math.IsInf(x1, 0) {
		if frac < 0.5 {
			return x0
		}
		return x1
	}
	return x0 + (x1-x0)*frac
}
