// Package handling is the handling bounded context of the shipping
// example: ports and vessels report what they did with a cargo (received,
// loaded, unloaded, cleared customs, claimed), and each report updates the
// cargo's delivery through the inspection service.
//
// Like every kit service it has a service (service.go), logging and
// instrumenting middlewares, an endpoint and an HTTP transport whose error
// encoder maps ErrInvalidArgument to 400 and cargo.ErrUnknown to 404.
package handling

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

// ErrInvalidArgument reports an event that cannot be registered as given:
// a missing or unknown type, location or voyage, or no completion time.
var ErrInvalidArgument = errors.New("invalid argument")

// Service registers handling events. Implementations are safe for
// concurrent use.
type Service interface {
	// RegisterHandlingEvent records that the cargo id was handled. It
	// returns an error wrapping cargo.ErrUnknown for an unknown cargo,
	// ErrInvalidArgument for the rest.
	RegisterHandlingEvent(ctx context.Context, completed time.Time, id cargo.TrackingID,
		voyageNumber voyage.Number, unLocode location.UNLocode, eventType cargo.HandlingEventType) error
}

// Inspector updates a cargo after it was handled; *inspection.Service is
// one.
type Inspector interface {
	InspectCargo(id cargo.TrackingID) error
}

// NewService returns the handling service. It validates events against the
// repositories, stores them in events, and has inspector update the cargo.
func NewService(events cargo.HandlingEventRepository, cargos cargo.Repository, voyages voyage.Repository,
	locations location.Repository, inspector Inspector) Service {
	return &service{events: events, cargos: cargos, voyages: voyages, locations: locations, inspector: inspector}
}

type service struct {
	events    cargo.HandlingEventRepository
	cargos    cargo.Repository
	voyages   voyage.Repository
	locations location.Repository
	inspector Inspector
}

func (s *service) RegisterHandlingEvent(_ context.Context, completed time.Time, id cargo.TrackingID,
	voyageNumber voyage.Number, unLocode location.UNLocode, eventType cargo.HandlingEventType) error {
	if completed.IsZero() {
		return fmt.Errorf("%w: no completion time", ErrInvalidArgument)
	}
	if eventType <= cargo.NotHandled || eventType > cargo.Customs {
		return fmt.Errorf("%w: event type %v", ErrInvalidArgument, eventType)
	}
	if _, err := s.cargos.Find(id); err != nil {
		return err
	}
	if _, err := s.locations.Find(unLocode); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidArgument, err)
	}
	switch {
	case eventType.RequiresVoyage():
		if _, err := s.voyages.Find(voyageNumber); err != nil {
			return fmt.Errorf("%w: %v needs a voyage: %w", ErrInvalidArgument, eventType, err)
		}
	case voyageNumber != "":
		return fmt.Errorf("%w: %v happens on no voyage", ErrInvalidArgument, eventType)
	}
	s.events.Store(cargo.HandlingEvent{
		TrackingID: id,
		Activity:   cargo.HandlingActivity{Type: eventType, Location: unLocode, VoyageNumber: voyageNumber},
		Completed:  completed,
	})
	return s.inspector.InspectCargo(id)
}
