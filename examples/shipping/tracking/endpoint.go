package tracking

import (
	"context"

	"github.com/seedkit/kit/endpoint"
)

type trackCargoRequest struct {
	ID string
}

type trackCargoResponse struct {
	Cargo Cargo `json:"cargo"`
}

func makeTrackCargoEndpoint(s Service) endpoint.Endpoint {
	return endpoint.Typed[trackCargoRequest, trackCargoResponse](
		func(ctx context.Context, req trackCargoRequest) (trackCargoResponse, error) {
			c, err := s.Track(ctx, req.ID)
			return trackCargoResponse{Cargo: c}, err
		}).Endpoint()
}
