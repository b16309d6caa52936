// Package inspection brings a cargo's delivery up to date after it was
// handled, and reports cargos that went astray or arrived.
package inspection

import (
	"github.com/seedkit/kit/examples/shipping/cargo"
)

// EventHandler is told of the notable outcomes of an inspection. Its
// methods must be safe for concurrent use.
type EventHandler interface {
	CargoWasMisdirected(c cargo.Cargo)
	CargoHasArrived(c cargo.Cargo)
}

// Service inspects cargos. It is safe for concurrent use.
type Service struct {
	cargos  cargo.Repository
	events  cargo.HandlingEventRepository
	handler EventHandler
}

// NewService returns a Service; handler may be nil.
func NewService(cargos cargo.Repository, events cargo.HandlingEventRepository, handler EventHandler) *Service {
	return &Service{cargos: cargos, events: events, handler: handler}
}

// InspectCargo derives the delivery of the cargo id from its handling
// history and stores it, then notifies the EventHandler. It returns an
// error wrapping cargo.ErrUnknown for an unknown cargo.
func (s *Service) InspectCargo(id cargo.TrackingID) error {
	var inspected cargo.Cargo
	err := s.cargos.Update(id, func(c *cargo.Cargo) error {
		c.DeriveDeliveryProgress(s.events.QueryHandlingHistory(id))
		inspected = c.Clone()
		return nil
	})
	if err != nil || s.handler == nil {
		return err
	}
	if inspected.Delivery.IsMisdirected {
		s.handler.CargoWasMisdirected(inspected)
	}
	if inspected.Delivery.IsUnloadedAtDestination {
		s.handler.CargoHasArrived(inspected)
	}
	return nil
}
