package emitter

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"weak"

	"github.com/seedkit/kit/metrics/internal/lv"
)

// Kind says how a series folds its observations.
type Kind uint8

const (
	// Sum adds every observation (counters).
	Sum Kind = iota
	// Last keeps a current value that Set replaces and Add moves (gauges).
	// The value outlives Flush.
	Last
	// Samples keeps every observation until Flush (timings, histograms).
	Samples
)

// Set is the collection of series of one kind of one backend. It is safe for
// concurrent use.
type Set struct {
	kind      Kind
	strong    bool
	keepRoots bool // strong for series without labels

	mu     sync.Mutex
	series map[string]*entry

	dirtyMu sync.Mutex
	dirty   []*Series
}

type entry struct {
	strong *Series
	weak   weak.Pointer[Series]
}

// NewSet returns an empty Set of series of the given kind. If strong, the Set
// keeps every series it ever created; otherwise a series no metric refers to
// is reclaimed once its data has been flushed.
func NewSet(kind Kind, strong bool) *Set {
	return &Set{kind: kind, strong: strong, series: make(map[string]*entry)}
}

// NewSetKeepRoots returns an empty Set that keeps every series without
// labels (one per metric name, so bounded by the program's code) and holds
// labelled series weakly, as a Set created by NewSet(kind, false) does (so
// memory does not grow with label cardinality).
func NewSetKeepRoots(kind Kind) *Set {
	s := NewSet(kind, false)
	s.keepRoots = true
	return s
}

// Series is one metric name with one set of label pairs. Its methods are
// safe for concurrent use.
type Series struct {
	set  *Set
	name string
	lvs  lv.LabelValues // even length, the order of the first lookup
	sort []string       // pairs in canonical order, for Flush ordering

	mu     sync.Mutex
	queued bool // on set.dirty
	n      int  // observations since the last Flush
	value  float64
	obs    []float64
}

// Name returns the series' metric name.
func (s *Series) Name() string { return s.name }

// Series returns the series (name, lvs), creating it if needed. An odd lvs
// is padded as lv.LabelValues.With does; pair order does not matter for the
// identity (the first lookup's order is the one Flush reports). The Set keeps
// its own copy of lvs.
func (st *Set) Series(name string, lvs lv.LabelValues) *Series {
	return st.series0(name, lvs, 0)
}

// SeriesFrom is Series, except that a series it creates starts with the
// current value value (without being queued for Flush): Go kit's labelled
// DogStatsD and InfluxStatsD gauges start from their parent's value.
func (st *Set) SeriesFrom(name string, lvs lv.LabelValues, value float64) *Series {
	return st.series0(name, lvs, value)
}

func (st *Set) series0(name string, lvs lv.LabelValues, value float64) *Series {
	var buf [128]byte
	key := lv.AppendKey(buf[:0], name, lvs)
	st.mu.Lock()
	defer st.mu.Unlock()
	if e, ok := st.series[string(key)]; ok {
		if e.strong != nil {
			return e.strong
		}
		if s := e.weak.Value(); s != nil {
			return s
		}
	}
	own := lv.LabelValues(nil).With(lvs...)
	s := &Series{set: st, name: name, lvs: own, sort: lv.Canonical(own), value: value}
	k := string(key)
	if st.strong || (st.keepRoots && len(own) == 0) {
		st.series[k] = &entry{strong: s}
		return s
	}
	e := &entry{weak: weak.Make(s)}
	st.series[k] = e
	runtime.AddCleanup(s, st.forget, cleanupArg{key: k, e: e})
	return s
}

type cleanupArg struct {
	key string
	e   *entry
}

// forget removes the map entry of a reclaimed series, unless the key has been
// taken by a newer series since.
func (st *Set) forget(a cleanupArg) {
	st.mu.Lock()
	if st.series[a.key] == a.e {
		delete(st.series, a.key)
	}
	st.mu.Unlock()
}

// Len returns the number of series the Set currently tracks.
func (st *Set) Len() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.series)
}

// Add folds delta into the series: a Sum adds it, a Last moves its value by
// it, a Samples series records it as an observation.
func (s *Series) Add(delta float64) {
	s.mu.Lock()
	switch s.set.kind {
	case Samples:
		s.obs = append(s.obs, delta)
	default:
		s.value += delta
	}
	s.n++
	s.markLocked()
	s.mu.Unlock()
}

// Value returns the current value of a Last series (the running sum of a Sum
// series since the previous Flush).
func (s *Series) Value() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.value
}

// Set replaces the value of a Last series; on other kinds it is Add.
func (s *Series) Set(value float64) {
	if s.set.kind != Last {
		s.Add(value)
		return
	}
	s.mu.Lock()
	s.value = value
	s.n++
	s.markLocked()
	s.mu.Unlock()
}

// markLocked queues s for the next Flush. s.mu must be held.
func (s *Series) markLocked() {
	if s.queued {
		return
	}
	s.queued = true
	st := s.set
	st.dirtyMu.Lock()
	st.dirty = append(st.dirty, s)
	st.dirtyMu.Unlock()
}

// Point is what Flush reports of one series.
type Point struct {
	Name  string
	LVs   lv.LabelValues // even length; the caller may keep it but not modify it
	N     int            // observations since the previous Flush
	Value float64        // the sum (Sum) or the current value (Last)
	Obs   []float64      // the observations (Samples); the caller owns them
}

// Flush returns every series observed since the previous Flush, ordered by
// name and then by label pairs, and starts a new interval: sums restart from
// zero and samples are dropped from the Set, whatever the caller does with
// the points. Observations racing with Flush land in exactly one interval.
func (st *Set) Flush() []Point {
	st.dirtyMu.Lock()
	dirty := st.dirty
	st.dirty = nil
	st.dirtyMu.Unlock()
	if len(dirty) == 0 {
		return nil
	}
	slices.SortFunc(dirty, func(a, b *Series) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return slices.Compare(a.sort, b.sort)
	})
	points := make([]Point, 0, len(dirty))
	for _, s := range dirty {
		s.mu.Lock()
		p := Point{Name: s.name, LVs: s.lvs, N: s.n, Value: s.value, Obs: s.obs}
		s.n, s.obs, s.queued = 0, nil, false
		if st.kind == Sum {
			s.value = 0
		}
		s.mu.Unlock()
		if p.N > 0 {
			points = append(points, p)
		}
	}
	return points
}
