// Package tracking is the tracking bounded context of the shipping
// example: customers follow their cargo, with a readable status, the
// expected time of arrival, what should happen next and what happened so
// far.
//
// Like every kit service it has a service (service.go), logging and
// instrumenting middlewares, an endpoint and an HTTP transport whose error
// encoder maps cargo.ErrUnknown to 404 and ErrInvalidArgument to 400.
package tracking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
)

// ErrInvalidArgument reports a request without a tracking ID.
var ErrInvalidArgument = errors.New("invalid argument")

// Service tracks cargos. Implementations are safe for concurrent use.
type Service interface {
	// Track returns the cargo id, or an error wrapping cargo.ErrUnknown.
	Track(ctx context.Context, id string) (Cargo, error)
}

// Cargo is the tracking view of a cargo.
type Cargo struct {
	TrackingID           cargo.TrackingID  `json:"tracking_id"`
	StatusText           string            `json:"status_text"`
	Origin               location.UNLocode `json:"origin"`
	Destination          location.UNLocode `json:"destination"`
	ETA                  time.Time         `json:"eta,omitzero"`
	NextExpectedActivity string            `json:"next_expected_activity,omitempty"`
	Misdirected          bool              `json:"misdirected"`
	ArrivedAtDestination bool              `json:"arrived_at_destination"`
	Events               []Event           `json:"events"`
}

// Event is a handling event as tracking shows it.
type Event struct {
	Description string `json:"description"`
	Expected    bool   `json:"expected"`
}

// NewService returns the tracking service.
func NewService(cargos cargo.Repository, events cargo.HandlingEventRepository, locations location.Repository) Service {
	return &service{cargos: cargos, events: events, locations: locations}
}

type service struct {
	cargos    cargo.Repository
	events    cargo.HandlingEventRepository
	locations location.Repository
}

func (s *service) Track(_ context.Context, id string) (Cargo, error) {
	if id == "" {
		return Cargo{}, fmt.Errorf("%w: no tracking ID", ErrInvalidArgument)
	}
	c, err := s.cargos.Find(cargo.TrackingID(id))
	if err != nil {
		return Cargo{}, err
	}
	d := c.Delivery
	view := Cargo{
		TrackingID:           c.TrackingID,
		StatusText:           s.status(d),
		Origin:               c.Origin,
		Destination:          c.RouteSpecification.Destination,
		ETA:                  d.ETA,
		NextExpectedActivity: s.next(d.NextExpectedActivity),
		Misdirected:          d.IsMisdirected,
		ArrivedAtDestination: d.IsUnloadedAtDestination,
		Events:               []Event{},
	}
	for _, e := range s.events.QueryHandlingHistory(c.TrackingID) {
		view.Events = append(view.Events, Event{Description: s.describe(e), Expected: c.Itinerary.IsExpected(e)})
	}
	return view, nil
}

// name returns the name of a location, or its code if it is unknown.
func (s *service) name(code location.UNLocode) string {
	if l, err := s.locations.Find(code); err == nil {
		return l.Name
	}
	return string(code)
}

func (s *service) status(d cargo.Delivery) string {
	switch d.TransportStatus {
	case cargo.InPort:
		return "In port " + s.name(d.LastKnownLocation)
	case cargo.OnboardCarrier:
		return fmt.Sprintf("Onboard voyage %s", d.CurrentVoyage)
	default:
		return d.TransportStatus.String()
	}
}

func (s *service) next(a cargo.HandlingActivity) string {
	where := s.name(a.Location)
	switch a.Type {
	case cargo.Receive:
		return "Estimated next activity: receive cargo in " + where
	case cargo.Load:
		return fmt.Sprintf("Estimated next activity: load cargo onto voyage %s in %s", a.VoyageNumber, where)
	case cargo.Unload:
		return fmt.Sprintf("Estimated next activity: unload cargo off voyage %s in %s", a.VoyageNumber, where)
	case cargo.Claim:
		return "Estimated next activity: claim cargo in " + where
	}
	return ""
}

func (s *service) describe(e cargo.HandlingEvent) string {
	a, when := e.Activity, e.Completed.UTC().Format(time.RFC3339)
	where := s.name(a.Location)
	switch a.Type {
	case cargo.Load:
		return fmt.Sprintf("Loaded onto voyage %s in %s, at %s", a.VoyageNumber, where, when)
	case cargo.Unload:
		return fmt.Sprintf("Unloaded off voyage %s in %s, at %s", a.VoyageNumber, where, when)
	case cargo.Receive:
		return fmt.Sprintf("Received in %s, at %s", where, when)
	case cargo.Claim:
		return fmt.Sprintf("Claimed in %s, at %s", where, when)
	default:
		return fmt.Sprintf("Cleared customs in %s, at %s", where, when)
	}
}
