package booking

import (
	"context"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/metrics"
)

// NewInstrumentingService returns s counting its calls in counter and
// observing their duration, in seconds, in latency; both are labelled
// with "method".
func NewInstrumentingService(counter metrics.Counter, latency metrics.Histogram, s Service) Service {
	return &instrumentingService{counter: counter, latency: latency, next: s}
}

type instrumentingService struct {
	counter metrics.Counter
	latency metrics.Histogram
	next    Service
}

func (s *instrumentingService) observe(method string, begin time.Time) {
	s.counter.With("method", method).Add(1)
	s.latency.With("method", method).Observe(time.Since(begin).Seconds())
}

func (s *instrumentingService) BookNewCargo(ctx context.Context, origin, destination location.UNLocode, deadline time.Time) (cargo.TrackingID, error) {
	defer s.observe("book", time.Now())
	return s.next.BookNewCargo(ctx, origin, destination, deadline)
}

func (s *instrumentingService) LoadCargo(ctx context.Context, id cargo.TrackingID) (Cargo, error) {
	defer s.observe("load", time.Now())
	return s.next.LoadCargo(ctx, id)
}

func (s *instrumentingService) RequestPossibleRoutesForCargo(ctx context.Context, id cargo.TrackingID) ([]cargo.Itinerary, error) {
	defer s.observe("request_routes", time.Now())
	return s.next.RequestPossibleRoutesForCargo(ctx, id)
}

func (s *instrumentingService) AssignCargoToRoute(ctx context.Context, id cargo.TrackingID, it cargo.Itinerary) error {
	defer s.observe("assign_to_route", time.Now())
	return s.next.AssignCargoToRoute(ctx, id, it)
}

func (s *instrumentingService) ChangeDestination(ctx context.Context, id cargo.TrackingID, destination location.UNLocode) error {
	defer s.observe("change_destination", time.Now())
	return s.next.ChangeDestination(ctx, id, destination)
}

func (s *instrumentingService) Cargos(ctx context.Context) []Cargo {
	defer s.observe("list_cargos", time.Now())
	return s.next.Cargos(ctx)
}

func (s *instrumentingService) Locations(ctx context.Context) []Location {
	defer s.observe("list_locations", time.Now())
	return s.next.Locations(ctx)
}
