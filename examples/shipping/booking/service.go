// Package booking is the booking bounded context of the shipping example:
// customers book cargos, ask the routing service for possible routes,
// assign one, and change destinations.
//
// It is laid out as every kit service: service.go holds the business
// logic, logging.go and instrumenting.go service middlewares, endpoint.go
// one endpoint per method and transport.go the HTTP binding, whose error
// encoder maps ErrInvalidArgument to 400, cargo.ErrUnknown to 404 and
// ErrRoutingUnavailable to 503.
package booking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/routing"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

// The errors of the booking service, besides cargo.ErrUnknown.
var (
	// ErrInvalidArgument reports a request that cannot be satisfied as
	// made (missing or unknown location, no deadline, empty route).
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrRoutingUnavailable reports that the routing service could not be
	// asked; it wraps the routing error (hystrix.ErrCircuitOpen, say).
	ErrRoutingUnavailable = errors.New("routing service unavailable")
)

// Service is the booking service. Implementations are safe for concurrent
// use.
type Service interface {
	// BookNewCargo registers a new cargo and returns its tracking ID.
	BookNewCargo(ctx context.Context, origin, destination location.UNLocode, deadline time.Time) (cargo.TrackingID, error)
	// LoadCargo returns a cargo.
	LoadCargo(ctx context.Context, id cargo.TrackingID) (Cargo, error)
	// RequestPossibleRoutesForCargo asks the routing service for
	// itineraries satisfying the cargo's route specification.
	RequestPossibleRoutesForCargo(ctx context.Context, id cargo.TrackingID) ([]cargo.Itinerary, error)
	// AssignCargoToRoute gives the cargo an itinerary.
	AssignCargoToRoute(ctx context.Context, id cargo.TrackingID, it cargo.Itinerary) error
	// ChangeDestination changes the destination of a cargo.
	ChangeDestination(ctx context.Context, id cargo.TrackingID, destination location.UNLocode) error
	// Cargos returns every cargo, ordered by tracking ID.
	Cargos(ctx context.Context) []Cargo
	// Locations returns every location a cargo can be booked to or from.
	Locations(ctx context.Context) []Location
}

// Cargo is the booking view of a cargo.
type Cargo struct {
	TrackingID      cargo.TrackingID  `json:"tracking_id"`
	Origin          location.UNLocode `json:"origin"`
	Destination     location.UNLocode `json:"destination"`
	ArrivalDeadline time.Time         `json:"arrival_deadline"`
	Routed          bool              `json:"routed"`
	Misrouted       bool              `json:"misrouted"`
	Legs            []Leg             `json:"legs,omitempty"`
}

// Leg is the booking view of an itinerary's leg.
type Leg struct {
	VoyageNumber voyage.Number     `json:"voyage_number"`
	From         location.UNLocode `json:"from"`
	To           location.UNLocode `json:"to"`
	LoadTime     time.Time         `json:"load_time"`
	UnloadTime   time.Time         `json:"unload_time"`
}

// Location is the booking view of a location.
type Location struct {
	UNLocode location.UNLocode `json:"locode"`
	Name     string            `json:"name"`
}

// NewService returns the booking service over the given repositories and
// routing service.
func NewService(cargos cargo.Repository, locations location.Repository, events cargo.HandlingEventRepository, rs routing.Service) Service {
	return &service{cargos: cargos, locations: locations, events: events, routing: rs}
}

type service struct {
	cargos    cargo.Repository
	locations location.Repository
	events    cargo.HandlingEventRepository
	routing   routing.Service
}

func (s *service) checkLocation(what string, code location.UNLocode) error {
	if code == "" {
		return fmt.Errorf("%w: no %s", ErrInvalidArgument, what)
	}
	if _, err := s.locations.Find(code); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalidArgument, what, err)
	}
	return nil
}

func (s *service) BookNewCargo(_ context.Context, origin, destination location.UNLocode, deadline time.Time) (cargo.TrackingID, error) {
	if err := s.checkLocation("origin", origin); err != nil {
		return "", err
	}
	if err := s.checkLocation("destination", destination); err != nil {
		return "", err
	}
	if origin == destination {
		return "", fmt.Errorf("%w: origin and destination are both %s", ErrInvalidArgument, origin)
	}
	if deadline.IsZero() {
		return "", fmt.Errorf("%w: no arrival deadline", ErrInvalidArgument)
	}
	id := cargo.NextTrackingID()
	rs := cargo.RouteSpecification{Origin: origin, Destination: destination, ArrivalDeadline: deadline}
	if err := s.cargos.Store(cargo.New(id, rs)); err != nil {
		return "", err
	}
	return id, nil
}

func (s *service) LoadCargo(_ context.Context, id cargo.TrackingID) (Cargo, error) {
	c, err := s.cargos.Find(id)
	if err != nil {
		return Cargo{}, err
	}
	return assemble(c), nil
}

func (s *service) RequestPossibleRoutesForCargo(ctx context.Context, id cargo.TrackingID) ([]cargo.Itinerary, error) {
	c, err := s.cargos.Find(id)
	if err != nil {
		return nil, err
	}
	its, err := s.routing.FetchRoutesForSpecification(ctx, c.RouteSpecification)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRoutingUnavailable, err)
	}
	return its, nil
}

func (s *service) AssignCargoToRoute(_ context.Context, id cargo.TrackingID, it cargo.Itinerary) error {
	if len(it.Legs) == 0 {
		return fmt.Errorf("%w: empty itinerary", ErrInvalidArgument)
	}
	for _, l := range it.Legs {
		if l.VoyageNumber == "" || l.LoadLocation == "" || l.UnloadLocation == "" || l.UnloadTime.Before(l.LoadTime) {
			return fmt.Errorf("%w: incomplete or inconsistent leg %+v", ErrInvalidArgument, l)
		}
	}
	return s.cargos.Update(id, func(c *cargo.Cargo) error {
		c.AssignToRoute(it, s.events.QueryHandlingHistory(id))
		return nil
	})
}

func (s *service) ChangeDestination(_ context.Context, id cargo.TrackingID, destination location.UNLocode) error {
	if err := s.checkLocation("destination", destination); err != nil {
		return err
	}
	return s.cargos.Update(id, func(c *cargo.Cargo) error {
		rs := c.RouteSpecification
		rs.Destination = destination
		c.SpecifyNewRoute(rs, s.events.QueryHandlingHistory(id))
		return nil
	})
}

func (s *service) Cargos(context.Context) []Cargo {
	var views []Cargo
	for _, c := range s.cargos.FindAll() {
		views = append(views, assemble(c))
	}
	return views
}

func (s *service) Locations(context.Context) []Location {
	var views []Location
	for _, l := range s.locations.FindAll() {
		views = append(views, Location{UNLocode: l.UNLocode, Name: l.Name})
	}
	return views
}

func assemble(c cargo.Cargo) Cargo {
	return Cargo{
		TrackingID:      c.TrackingID,
		Origin:          c.Origin,
		Destination:     c.RouteSpecification.Destination,
		ArrivalDeadline: c.RouteSpecification.ArrivalDeadline,
		Routed:          c.Delivery.RoutingStatus != cargo.NotRouted,
		Misrouted:       c.Delivery.RoutingStatus == cargo.Misrouted,
		Legs:            legsOf(c.Itinerary),
	}
}

func legsOf(it cargo.Itinerary) []Leg {
	var legs []Leg
	for _, l := range it.Legs {
		legs = append(legs, Leg{
			VoyageNumber: l.VoyageNumber,
			From:         l.LoadLocation,
			To:           l.UnloadLocation,
			LoadTime:     l.LoadTime,
			UnloadTime:   l.UnloadTime,
		})
	}
	return legs
}
