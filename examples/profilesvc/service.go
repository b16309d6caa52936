package profilesvc

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
)

// Service manages profiles and their addresses. Implementations are safe for
// concurrent use.
type Service interface {
	PostProfile(ctx context.Context, p Profile) error
	GetProfile(ctx context.Context, id string) (Profile, error)
	PutProfile(ctx context.Context, id string, p Profile) error
	PatchProfile(ctx context.Context, id string, p Profile) error
	DeleteProfile(ctx context.Context, id string) error
	GetAddresses(ctx context.Context, profileID string) ([]Address, error)
	GetAddress(ctx context.Context, profileID string, addressID string) (Address, error)
	PostAddress(ctx context.Context, profileID string, a Address) error
	DeleteAddress(ctx context.Context, profileID string, addressID string) error
}

// Profile is a user profile, identified by ID. An ID may hold any
// character but must not be empty, "." or "..", nor only slashes: the
// service refuses those with ErrBadRequest, as they cannot be a path
// segment of the HTTP API.
type Profile struct {
	ID        string    `json:"id"`
	Name      string    `json:"name,omitempty"`
	Addresses []Address `json:"addresses,omitempty"`
}

// Address is a location of a profile, identified by ID within the profile.
// Its ID follows the rules of a Profile's.
type Address struct {
	ID       string `json:"id"`
	Location string `json:"location,omitempty"`
}

// The errors of the service. Wrapped or not, errors.Is recognises them, on
// the server and, through MakeClientEndpoints, on the client.
var (
	// ErrBadRequest reports a malformed request: an undecodable body, or a
	// missing or unusable ID. It is usually wrapped with the details.
	ErrBadRequest = errors.New("bad request")
	// ErrInconsistentIDs reports an ID in the body that differs from the
	// one in the path.
	ErrInconsistentIDs = errors.New("inconsistent IDs")
	// ErrAlreadyExists reports the creation of a profile or address whose
	// ID is taken.
	ErrAlreadyExists = errors.New("already exists")
	// ErrNotFound reports a profile or address that does not exist.
	ErrNotFound = errors.New("not found")
)

// NewInmemService returns a Service keeping profiles in memory.
func NewInmemService() Service {
	return &inmemService{m: map[string]Profile{}}
}

type inmemService struct {
	mu sync.RWMutex
	m  map[string]Profile
}

// checkID rejects IDs that cannot appear as a path segment: the empty ID,
// IDs that path.Clean would alter once escaped ("." and ".."), which
// ServeMux redirects elsewhere, and IDs made only of slashes, whose escaped
// segment ("%2F"...) ServeMux takes for the trailing slash of a collection.
// Such a profile or address could be created but never read or deleted.
func checkID(what, id string) error {
	escaped := "/" + url.PathEscape(id)
	if id == "" || strings.Trim(id, "/") == "" || path.Clean(escaped) != escaped {
		return fmt.Errorf("%w: invalid %s ID %q", ErrBadRequest, what, id)
	}
	return nil
}

// clone returns p with its own copy of the addresses, so that the store
// never shares memory with its callers.
func clone(p Profile) Profile {
	p.Addresses = slices.Clone(p.Addresses)
	return p
}

func checkAddresses(as []Address) error {
	seen := map[string]bool{}
	for _, a := range as {
		if err := checkID("address", a.ID); err != nil {
			return err
		}
		if seen[a.ID] {
			return fmt.Errorf("%w: address %q twice", ErrBadRequest, a.ID)
		}
		seen[a.ID] = true
	}
	return nil
}

func (s *inmemService) PostProfile(_ context.Context, p Profile) error {
	if err := checkID("profile", p.ID); err != nil {
		return err
	}
	if err := checkAddresses(p.Addresses); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[p.ID]; ok {
		return fmt.Errorf("profile %q: %w", p.ID, ErrAlreadyExists)
	}
	s.m[p.ID] = clone(p)
	return nil
}

func (s *inmemService) GetProfile(_ context.Context, id string) (Profile, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.m[id]
	if !ok {
		return Profile{}, fmt.Errorf("profile %q: %w", id, ErrNotFound)
	}
	return clone(p), nil
}

// PutProfile creates or replaces the profile id. p.ID may be empty.
func (s *inmemService) PutProfile(_ context.Context, id string, p Profile) error {
	if err := checkID("profile", id); err != nil {
		return err
	}
	if p.ID != "" && p.ID != id {
		return ErrInconsistentIDs
	}
	if err := checkAddresses(p.Addresses); err != nil {
		return err
	}
	p.ID = id
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[id] = clone(p)
	return nil
}

// PatchProfile sets the fields of p that are not empty.
func (s *inmemService) PatchProfile(_ context.Context, id string, p Profile) error {
	if p.ID != "" && p.ID != id {
		return ErrInconsistentIDs
	}
	if err := checkAddresses(p.Addresses); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	existing, ok := s.m[id]
	if !ok {
		return fmt.Errorf("profile %q: %w", id, ErrNotFound)
	}
	if p.Name != "" {
		existing.Name = p.Name
	}
	if p.Addresses != nil {
		existing.Addresses = slices.Clone(p.Addresses)
	}
	s.m[id] = existing
	return nil
}

func (s *inmemService) DeleteProfile(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[id]; !ok {
		return fmt.Errorf("profile %q: %w", id, ErrNotFound)
	}
	delete(s.m, id)
	return nil
}

func (s *inmemService) GetAddresses(ctx context.Context, profileID string) ([]Address, error) {
	p, err := s.GetProfile(ctx, profileID)
	if err != nil {
		return nil, err
	}
	if p.Addresses == nil {
		return []Address{}, nil
	}
	return p.Addresses, nil
}

func (s *inmemService) GetAddress(ctx context.Context, profileID string, addressID string) (Address, error) {
	p, err := s.GetProfile(ctx, profileID)
	if err != nil {
		return Address{}, err
	}
	for _, a := range p.Addresses {
		if a.ID == addressID {
			return a, nil
		}
	}
	return Address{}, fmt.Errorf("address %q of profile %q: %w", addressID, profileID, ErrNotFound)
}

func (s *inmemService) PostAddress(_ context.Context, profileID string, a Address) error {
	if err := checkID("address", a.ID); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.m[profileID]
	if !ok {
		return fmt.Errorf("profile %q: %w", profileID, ErrNotFound)
	}
	if slices.ContainsFunc(p.Addresses, func(b Address) bool { return b.ID == a.ID }) {
		return fmt.Errorf("address %q of profile %q: %w", a.ID, profileID, ErrAlreadyExists)
	}
	p.Addresses = append(slices.Clone(p.Addresses), a)
	s.m[profileID] = p
	return nil
}

func (s *inmemService) DeleteAddress(_ context.Context, profileID string, addressID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.m[profileID]
	if !ok {
		return fmt.Errorf("profile %q: %w", profileID, ErrNotFound)
	}
	i := slices.IndexFunc(p.Addresses, func(b Address) bool { return b.ID == addressID })
	if i < 0 {
		return fmt.Errorf("address %q of profile %q: %w", addressID, profileID, ErrNotFound)
	}
	p.Addresses = slices.Delete(slices.Clone(p.Addresses), i, i+1)
	s.m[profileID] = p
	return nil
}
