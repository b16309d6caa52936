// Package inmem holds in-memory implementations of the shipping example's
// repositories. All of them are safe for concurrent use and copy what they
// store and return, so callers never share memory with them.
package inmem

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

// CargoRepository is a cargo.Repository. The zero value is not usable; use
// NewCargoRepository.
type CargoRepository struct {
	mu     sync.RWMutex
	cargos map[cargo.TrackingID]cargo.Cargo
}

// NewCargoRepository returns an empty CargoRepository.
func NewCargoRepository() *CargoRepository {
	return &CargoRepository{cargos: map[cargo.TrackingID]cargo.Cargo{}}
}

// Store implements cargo.Repository.
func (r *CargoRepository) Store(c cargo.Cargo) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cargos[c.TrackingID] = c.Clone()
	return nil
}

// Find implements cargo.Repository.
func (r *CargoRepository) Find(id cargo.TrackingID) (cargo.Cargo, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c, ok := r.cargos[id]
	if !ok {
		return cargo.Cargo{}, fmt.Errorf("%w %q", cargo.ErrUnknown, id)
	}
	return c.Clone(), nil
}

// FindAll implements cargo.Repository.
func (r *CargoRepository) FindAll() []cargo.Cargo {
	r.mu.RLock()
	defer r.mu.RUnlock()
	all := make([]cargo.Cargo, 0, len(r.cargos))
	for _, id := range slices.Sorted(maps.Keys(r.cargos)) {
		all = append(all, r.cargos[id].Clone())
	}
	return all
}

// Update implements cargo.Repository. fn runs with the repository locked,
// so it must not call back into it.
func (r *CargoRepository) Update(id cargo.TrackingID, fn func(*cargo.Cargo) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.cargos[id]
	if !ok {
		return fmt.Errorf("%w %q", cargo.ErrUnknown, id)
	}
	c = c.Clone()
	if err := fn(&c); err != nil {
		return err
	}
	r.cargos[id] = c.Clone()
	return nil
}

// HandlingEventRepository is a cargo.HandlingEventRepository. The zero
// value is an empty repository.
type HandlingEventRepository struct {
	mu     sync.RWMutex
	events map[cargo.TrackingID][]cargo.HandlingEvent
}

// Store implements cargo.HandlingEventRepository. Events are kept in the
// order they were completed.
func (r *HandlingEventRepository) Store(e cargo.HandlingEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.events == nil {
		r.events = map[cargo.TrackingID][]cargo.HandlingEvent{}
	}
	h := r.events[e.TrackingID]
	i, _ := slices.BinarySearchFunc(h, e, func(a, b cargo.HandlingEvent) int {
		if c := a.Completed.Compare(b.Completed); c != 0 {
			return c
		}
		return -1 // after the events completed at the same time
	})
	r.events[e.TrackingID] = slices.Insert(h, i, e)
}

// QueryHandlingHistory implements cargo.HandlingEventRepository.
func (r *HandlingEventRepository) QueryHandlingHistory(id cargo.TrackingID) []cargo.HandlingEvent {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return slices.Clone(r.events[id])
}

// LocationRepository is a location.Repository.
type LocationRepository struct {
	locations map[location.UNLocode]location.Location
}

// NewLocationRepository returns a repository of locations (usually
// location.Samples()). It is read-only, and so safe for concurrent use.
func NewLocationRepository(locations []location.Location) *LocationRepository {
	r := &LocationRepository{locations: map[location.UNLocode]location.Location{}}
	for _, l := range locations {
		r.locations[l.UNLocode] = l
	}
	return r
}

// Find implements location.Repository.
func (r *LocationRepository) Find(code location.UNLocode) (location.Location, error) {
	l, ok := r.locations[code]
	if !ok {
		return location.Location{}, fmt.Errorf("%w %q", location.ErrUnknown, code)
	}
	return l, nil
}

// FindAll implements location.Repository.
func (r *LocationRepository) FindAll() []location.Location {
	return slices.SortedFunc(maps.Values(r.locations), func(a, b location.Location) int {
		return cmp.Compare(a.UNLocode, b.UNLocode)
	})
}

// VoyageRepository is a voyage.Repository.
type VoyageRepository struct {
	voyages map[voyage.Number]voyage.Voyage
}

// NewVoyageRepository returns a repository of voyages (usually
// voyage.Samples()). It is read-only, and so safe for concurrent use.
func NewVoyageRepository(voyages []voyage.Voyage) *VoyageRepository {
	r := &VoyageRepository{voyages: map[voyage.Number]voyage.Voyage{}}
	for _, v := range voyages {
		v.Movements = slices.Clone(v.Movements)
		r.voyages[v.Number] = v
	}
	return r
}

// Find implements voyage.Repository.
func (r *VoyageRepository) Find(n voyage.Number) (voyage.Voyage, error) {
	v, ok := r.voyages[n]
	if !ok {
		return voyage.Voyage{}, fmt.Errorf("%w %q", voyage.ErrUnknown, n)
	}
	v.Movements = slices.Clone(v.Movements)
	return v, nil
}

// FindAll implements voyage.Repository.
func (r *VoyageRepository) FindAll() []voyage.Voyage {
	all := make([]voyage.Voyage, 0, len(r.voyages))
	for _, n := range slices.Sorted(maps.Keys(r.voyages)) {
		v := r.voyages[n]
		v.Movements = slices.Clone(v.Movements)
		all = append(all, v)
	}
	return all
}

var (
	_ cargo.Repository              = (*CargoRepository)(nil)
	_ cargo.HandlingEventRepository = (*HandlingEventRepository)(nil)
	_ location.Repository           = (*LocationRepository)(nil)
	_ voyage.Repository             = (*VoyageRepository)(nil)
)
