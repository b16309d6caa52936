package booking

import (
	"context"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/log"
)

// NewLoggingService returns s logging every call, its arguments, duration
// and error, to logger.
func NewLoggingService(logger log.Logger, s Service) Service {
	return &loggingService{logger: logger, next: s}
}

type loggingService struct {
	logger log.Logger
	next   Service
}

func (s *loggingService) log(method string, begin time.Time, err error, keyvals ...any) {
	keyvals = append([]any{"method", method}, keyvals...)
	_ = s.logger.Log(append(keyvals, "took", time.Since(begin), "err", err)...)
}

func (s *loggingService) BookNewCargo(ctx context.Context, origin, destination location.UNLocode, deadline time.Time) (id cargo.TrackingID, err error) {
	defer func(begin time.Time) {
		s.log("book", begin, err, "origin", origin, "destination", destination, "arrival_deadline", deadline, "tracking_id", id)
	}(time.Now())
	return s.next.BookNewCargo(ctx, origin, destination, deadline)
}

func (s *loggingService) LoadCargo(ctx context.Context, id cargo.TrackingID) (c Cargo, err error) {
	defer func(begin time.Time) { s.log("load", begin, err, "tracking_id", id) }(time.Now())
	return s.next.LoadCargo(ctx, id)
}

func (s *loggingService) RequestPossibleRoutesForCargo(ctx context.Context, id cargo.TrackingID) (its []cargo.Itinerary, err error) {
	defer func(begin time.Time) {
		s.log("request_routes", begin, err, "tracking_id", id, "routes", len(its))
	}(time.Now())
	return s.next.RequestPossibleRoutesForCargo(ctx, id)
}

func (s *loggingService) AssignCargoToRoute(ctx context.Context, id cargo.TrackingID, it cargo.Itinerary) (err error) {
	defer func(begin time.Time) {
		s.log("assign_to_route", begin, err, "tracking_id", id, "legs", len(it.Legs))
	}(time.Now())
	return s.next.AssignCargoToRoute(ctx, id, it)
}

func (s *loggingService) ChangeDestination(ctx context.Context, id cargo.TrackingID, destination location.UNLocode) (err error) {
	defer func(begin time.Time) {
		s.log("change_destination", begin, err, "tracking_id", id, "destination", destination)
	}(time.Now())
	return s.next.ChangeDestination(ctx, id, destination)
}

func (s *loggingService) Cargos(ctx context.Context) (cs []Cargo) {
	defer func(begin time.Time) { s.log("list_cargos", begin, nil, "cargos", len(cs)) }(time.Now())
	return s.next.Cargos(ctx)
}

func (s *loggingService) Locations(ctx context.Context) (ls []Location) {
	defer func(begin time.Time) { s.log("list_locations", begin, nil, "locations", len(ls)) }(time.Now())
	return s.next.Locations(ctx)
}
