package lv

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
)

// Space stores observations per series, a series being a metric name plus a
// set of label (name, value) pairs (see the package documentation for the
// identity rule). Push backends record into a Space and, on each flush, call
// Reset to take the recorded observations and Walk to write them out.
//
// A Space is safe for concurrent use. The zero value is an empty Space ready
// to use; methods on a nil *Space do nothing (and Reset returns an empty
// Space).
type Space struct {
	mu     sync.Mutex
	series map[string]*series
}

type series struct {
	name  string
	lvs   LabelValues // as first observed, padded to even length
	canon []string    // pairs sorted by name then value, flattened
	obs   []float64
}

// NewSpace returns an empty Space.
func NewSpace() *Space { return &Space{} }

// Observe appends value to the observations of the series (name, lvs). An
// odd lvs is padded as LabelValues.With does. The Space keeps its own copy of
// lvs.
func (s *Space) Observe(name string, lvs LabelValues, value float64) {
	if s == nil {
		return
	}
	var buf [256]byte
	key := AppendKey(buf[:0], name, lvs)
	s.mu.Lock()
	sr := s.lookup(key, name, lvs)
	sr.obs = append(sr.obs, value)
	s.mu.Unlock()
}

// Add appends, to the observations of the series (name, lvs), its last
// observation plus delta, or delta alone if the series has none yet. It is
// how push backends implement Gauge.Add: the observations list every value
// the gauge took. A series starts from zero again after Reset.
func (s *Space) Add(name string, lvs LabelValues, delta float64) {
	if s == nil {
		return
	}
	var buf [256]byte
	key := AppendKey(buf[:0], name, lvs)
	s.mu.Lock()
	sr := s.lookup(key, name, lvs)
	v := delta
	if n := len(sr.obs); n > 0 {
		v += sr.obs[n-1]
	}
	sr.obs = append(sr.obs, v)
	s.mu.Unlock()
}

// lookup finds or creates the series with the given key. s.mu must be held.
func (s *Space) lookup(key []byte, name string, lvs LabelValues) *series {
	if sr, ok := s.series[string(key)]; ok {
		return sr
	}
	if s.series == nil {
		s.series = make(map[string]*series)
	}
	own := LabelValues(nil).With(lvs...)
	sr := &series{name: name, lvs: own, canon: Canonical(own)}
	s.series[string(key)] = sr
	return sr
}

// Reset empties the Space and returns a new Space holding everything
// recorded so far. Observations that race with Reset land in exactly one of
// the two.
func (s *Space) Reset() *Space {
	if s == nil {
		return NewSpace()
	}
	s.mu.Lock()
	old := &Space{series: s.series}
	s.series = nil
	s.mu.Unlock()
	return old
}

// Walk calls fn for every series that has observations, ordered by metric
// name and then by label set (pairs sorted by name, compared in order), until
// fn returns false. fn receives copies it may keep: lvs in the order of the
// series' first observation, and the observations in the order they were
// made. Walk works on a snapshot, so fn may use the Space, and observations
// made during the walk are not reported by it.
func (s *Space) Walk(fn func(name string, lvs LabelValues, observations []float64) bool) {
	if s == nil || fn == nil {
		return
	}
	type entry struct {
		name  string
		lvs   LabelValues
		canon []string
		obs   []float64
	}
	s.mu.Lock()
	entries := make([]entry, 0, len(s.series))
	for _, sr := range s.series {
		if len(sr.obs) == 0 {
			continue
		}
		entries = append(entries, entry{
			name:  sr.name,
			lvs:   slices.Clone(sr.lvs),
			canon: sr.canon,
			obs:   slices.Clone(sr.obs),
		})
	}
	s.mu.Unlock()
	slices.SortFunc(entries, func(a, b entry) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return slices.Compare(a.canon, b.canon)
	})
	for _, e := range entries {
		if !fn(e.name, e.lvs, e.obs) {
			return
		}
	}
}

// Canonical returns the pairs of the even-length lvs sorted by name, then
// value, flattened: the order in which push backends report a series'
// labels, whatever order they were given in.
func Canonical(lvs LabelValues) []string {
	idx := pairOrder(nil, lvs)
	out := make([]string, 0, len(lvs))
	for _, i := range idx {
		out = append(out, lvs[2*i], lvs[2*i+1])
	}
	return out
}

// pairName and pairValue read pair i of lvs, padding an odd list.
func pairName(lvs LabelValues, i int) string { return lvs[2*i] }

func pairValue(lvs LabelValues, i int) string {
	if 2*i+1 < len(lvs) {
		return lvs[2*i+1]
	}
	return Unknown
}

// pairOrder appends to dst the pair indices of lvs in canonical order.
func pairOrder(dst []int, lvs LabelValues) []int {
	n := (len(lvs) + 1) / 2
	for i := range n {
		dst = append(dst, i)
	}
	less := func(a, b int) bool {
		if na, nb := pairName(lvs, a), pairName(lvs, b); na != nb {
			return na < nb
		}
		return pairValue(lvs, a) < pairValue(lvs, b)
	}
	// Insertion sort: label lists are short and this does not allocate.
	for i := 1; i < len(dst); i++ {
		for j := i; j > 0 && less(dst[j], dst[j-1]); j-- {
			dst[j], dst[j-1] = dst[j-1], dst[j]
		}
	}
	return dst
}

// AppendKey appends to dst an unambiguous encoding of the series identity:
// the name, then the pairs in canonical order, each string length-prefixed.
// Label lists that are permutations of each other get the same key.
func AppendKey(dst []byte, name string, lvs LabelValues) []byte {
	dst = appendString(dst, name)
	var small [16]int
	for _, i := range pairOrder(small[:0], lvs) {
		dst = appendString(dst, pairName(lvs, i))
		dst = appendString(dst, pairValue(lvs, i))
	}
	return dst
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}
