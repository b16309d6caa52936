package booking

import (
	"context"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
)

type bookCargoRequest struct {
	Origin          location.UNLocode `json:"origin"`
	Destination     location.UNLocode `json:"destination"`
	ArrivalDeadline time.Time         `json:"arrival_deadline"`
}

type bookCargoResponse struct {
	ID cargo.TrackingID `json:"tracking_id"`
}

func makeBookCargoEndpoint(s Service) endpoint.Endpoint {
	return endpoint.Typed[bookCargoRequest, bookCargoResponse](func(ctx context.Context, req bookCargoRequest) (bookCargoResponse, error) {
		id, err := s.BookNewCargo(ctx, req.Origin, req.Destination, req.ArrivalDeadline)
		return bookCargoResponse{ID: id}, err
	}).Endpoint()
}

type loadCargoRequest struct {
	ID cargo.TrackingID
}

type loadCargoResponse struct {
	Cargo Cargo `json:"cargo"`
}

func makeLoadCargoEndpoint(s Service) endpoint.Endpoint {
	return endpoint.Typed[loadCargoRequest, loadCargoResponse](func(ctx context.Context, req loadCargoRequest) (loadCargoResponse, error) {
		c, err := s.LoadCargo(ctx, req.ID)
		return loadCargoResponse{Cargo: c}, err
	}).Endpoint()
}

// Route is an itinerary proposed by the routing service, in the form
// assign_to_route takes back.
type Route struct {
	Legs []Leg `json:"legs"`
}

type requestRoutesRequest struct {
	ID cargo.TrackingID
}

type requestRoutesResponse struct {
	Routes []Route `json:"routes"`
}

func makeRequestRoutesEndpoint(s Service) endpoint.Endpoint {
	return endpoint.Typed[requestRoutesRequest, requestRoutesResponse](func(ctx context.Context, req requestRoutesRequest) (requestRoutesResponse, error) {
		its, err := s.RequestPossibleRoutesForCargo(ctx, req.ID)
		resp := requestRoutesResponse{Routes: []Route{}}
		for _, it := range its {
			resp.Routes = append(resp.Routes, Route{Legs: legsOf(it)})
		}
		return resp, err
	}).Endpoint()
}

type assignToRouteRequest struct {
	ID   cargo.TrackingID `json:"-"`
	Legs []Leg            `json:"legs"`
}

type emptyResponse struct{}

func makeAssignToRouteEndpoint(s Service) endpoint.Endpoint {
	return endpoint.Typed[assignToRouteRequest, emptyResponse](func(ctx context.Context, req assignToRouteRequest) (emptyResponse, error) {
		var it cargo.Itinerary
		for _, l := range req.Legs {
			it.Legs = append(it.Legs, cargo.Leg{
				VoyageNumber:   l.VoyageNumber,
				LoadLocation:   l.From,
				UnloadLocation: l.To,
				LoadTime:       l.LoadTime,
				UnloadTime:     l.UnloadTime,
			})
		}
		return emptyResponse{}, s.AssignCargoToRoute(ctx, req.ID, it)
	}).Endpoint()
}

type changeDestinationRequest struct {
	ID          cargo.TrackingID  `json:"-"`
	Destination location.UNLocode `json:"destination"`
}

func makeChangeDestinationEndpoint(s Service) endpoint.Endpoint {
	return endpoint.Typed[changeDestinationRequest, emptyResponse](func(ctx context.Context, req changeDestinationRequest) (emptyResponse, error) {
		return emptyResponse{}, s.ChangeDestination(ctx, req.ID, req.Destination)
	}).Endpoint()
}

type listCargosResponse struct {
	Cargos []Cargo `json:"cargos"`
}

func makeListCargosEndpoint(s Service) endpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		return listCargosResponse{Cargos: append([]Cargo{}, s.Cargos(ctx)...)}, nil
	}
}

type listLocationsResponse struct {
	Locations []Location `json:"locations"`
}

func makeListLocationsEndpoint(s Service) endpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		return listLocationsResponse{Locations: append([]Location{}, s.Locations(ctx)...)}, nil
	}
}
