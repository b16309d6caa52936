package prometheus

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/seedkit/kit/metrics/internal/lv"
)

// ErrLabels is wrapped by the error a metric reports (through Err) when its
// label values do not fit its vector's label names, or when it has no
// vector.
var ErrLabels = errors.New("prometheus: label values do not match the label names")

var errNilVec = fmt.Errorf("%w: nil vector", ErrLabels)

// family is what the metrics derived from one constructor share: the vector
// (as its two lookup functions), its label names when known, and a cache of
// the metrics With returned, by label values.
type family[M any, T any] struct {
	names []string // nil if unknown (New* over a caller's vector)
	// shared is set when the vector may be reached by other code (it was
	// registered before), which could Reset it or delete children: With
	// then checks the cached child.
	shared bool
	byVals func(...string) (M, error)
	byMap  func(prometheus.Labels) (M, error)
	nilVec bool
	inner  func(*T) *metric[M, T]
	mk     func() *T

	mu    sync.RWMutex
	cache map[uint64]*T
}

// metric is one list of label values of a family, and its vector child
// once resolved.
type metric[M any, T any] struct {
	fam    *family[M, T]
	lvs    lv.LabelValues
	values []string // lvs' values in fam.names' order when lvs names exactly fam.names
	state  atomic.Pointer[resolved[M]]
}

type resolved[M any] struct {
	m   M
	err error
}

// newFamily returns a family; byVals and byMap are nil for a nil vector.
func newFamily[M any, T any](names []string, shared bool, byVals func(...string) (M, error), byMap func(prometheus.Labels) (M, error), inner func(*T) *metric[M, T], mk func() *T) *family[M, T] {
	f := &family[M, T]{names: names, shared: shared, byVals: byVals, byMap: byMap, nilVec: byVals == nil, inner: inner, mk: mk}
	if names != nil {
		f.cache = make(map[uint64]*T)
	}
	return f
}

// root returns the family's metric without label values.
func (f *family[M, T]) root() *T {
	return f.with(nil, nil)
}

// with returns the metric for base followed by add (an odd add padded with
// "unknown"). For a family with known label names it is cached: the same
// label values return the same metric, without allocating; if the vector is
// shared, after checking that the resolved child is still the vector's (so
// that a Reset or Delete of the vector is noticed).
func (f *family[M, T]) with(base lv.LabelValues, add []string) *T {
	if f.cache == nil {
		return f.build(base, add)
	}
	h := hashLabels(base, add)
	f.mu.RLock()
	t, ok := f.cache[h]
	f.mu.RUnlock()
	if ok {
		m := f.inner(t)
		if !sameLabels(m.lvs, base, add) {
			return f.build(base, add) // hash collision: not cached
		}
		if f.shared {
			m.revalidate()
		}
		return t
	}
	t = f.build(base, add)
	f.mu.Lock()
	if prev, ok := f.cache[h]; ok {
		if sameLabels(f.inner(prev).lvs, base, add) {
			t = prev
		}
	} else {
		f.cache[h] = t
	}
	f.mu.Unlock()
	return t
}

func (f *family[M, T]) build(base lv.LabelValues, add []string) *T {
	t := f.mk()
	m := f.inner(t)
	m.fam = f
	m.lvs = lv.LabelValues(base).With(add...)
	if len(add) == 0 {
		m.lvs = append(lv.LabelValues(nil), base...)
	}
	if f.names != nil && len(m.lvs) == 2*len(f.names) {
		m.values = valuesInOrder(m.lvs, f.names)
	}
	return t
}

// valuesInOrder returns the values of lvs (pairs naming each of names once,
// in any order) in the order of names, or nil if lvs names something else.
func valuesInOrder(lvs lv.LabelValues, names []string) []string {
	values := make([]string, len(names))
	for i, n := range names {
		if lvs[2*i] == n { // the usual case: pairs in the vector's order
			values[i] = lvs[2*i+1]
			continue
		}
		found := false
		for j := 0; j+1 < len(lvs); j += 2 {
			if lvs[j] == n {
				values[i], found = lvs[j+1], true
			}
		}
		if !found {
			return nil
		}
	}
	return values
}

// child returns the resolved child, resolving it at the first call.
func (m *metric[M, T]) child() (M, bool) {
	r := m.state.Load()
	if r == nil {
		r = m.resolve()
	}
	return r.m, r.err == nil
}

// err returns the resolution error, resolving if needed.
func (m *metric[M, T]) err() error {
	r := m.state.Load()
	if r == nil {
		r = m.resolve()
	}
	return r.err
}

func (m *metric[M, T]) lookup() *resolved[M] {
	f := m.fam
	var r resolved[M]
	switch {
	case f.nilVec:
		r.err = errNilVec
	case m.values != nil:
		r.m, r.err = f.byVals(m.values...)
	default:
		r.m, r.err = f.byMap(labelMap(m.lvs))
	}
	if r.err != nil && !errors.Is(r.err, ErrLabels) {
		r.err = fmt.Errorf("%w: %q: %w", ErrLabels, []string(m.lvs), r.err)
	}
	return &r
}

func (m *metric[M, T]) resolve() *resolved[M] {
	r := m.lookup()
	if m.state.CompareAndSwap(nil, r) {
		return r
	}
	return m.state.Load()
}

// revalidate checks, for a resolved metric whose values are known (the
// label pairs name the vector's labels, in any order), that its child is
// still the vector's, and re-resolves if not.
func (m *metric[M, T]) revalidate() {
	r := m.state.Load()
	if r == nil || r.err != nil || m.values == nil {
		return
	}
	cur, err := m.fam.byVals(m.values...)
	if err != nil || any(cur) == any(r.m) {
		return
	}
	m.state.Store(&resolved[M]{m: cur})
}

// labelMap returns lvs as prometheus.Labels.
func labelMap(lvs lv.LabelValues) prometheus.Labels {
	out := make(prometheus.Labels, len(lvs)/2)
	for i := 0; i+1 < len(lvs); i += 2 {
		out[lvs[i]] = lvs[i+1]
	}
	return out
}

// hashLabels is FNV-1a over base then add (padded), with separators.
func hashLabels(base lv.LabelValues, add []string) uint64 {
	h := uint64(fnvOffset)
	for _, s := range base {
		h = fnvString(h, s)
	}
	for _, s := range add {
		h = fnvString(h, s)
	}
	if len(add)%2 != 0 {
		h = fnvString(h, lv.Unknown)
	}
	return h
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

// sameLabels reports whether lvs equals base followed by add (padded).
func sameLabels(lvs lv.LabelValues, base lv.LabelValues, add []string) bool {
	n := len(base) + len(add) + len(add)%2
	if len(lvs) != n {
		return false
	}
	for i, s := range base {
		if lvs[i] != s {
			return false
		}
	}
	for i, s := range add {
		if lvs[len(base)+i] != s {
			return false
		}
	}
	return len(add)%2 == 0 || lvs[n-1] == lv.Unknown
}

// register registers c with r and returns c, or the collector of the same
// description already registered, if it has c's type (then shared is true).
// A nil r registers nothing.
func register[C prometheus.Collector](r prometheus.Registerer, c C) (_ C, shared bool, _ error) {
	if r == nil {
		return c, false, nil
	}
	err := r.Register(c)
	if err == nil {
		return c, false, nil
	}
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing, true, nil
		}
	}
	return c, false, err
}

// mustRegister is the global-registry variant of Go kit's New*From: it
// reuses an equal vector already registered and panics, as Go kit does, on
// any other registration error.
func mustRegister[C prometheus.Collector](c C) (C, bool) {
	c, shared, err := register(prometheus.DefaultRegisterer, c)
	if err != nil {
		panic(err)
	}
	return c, shared
}
