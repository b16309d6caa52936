package handling

import (
	"context"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

type registerIncidentRequest struct {
	ID             cargo.TrackingID  `json:"tracking_id"`
	Location       location.UNLocode `json:"location"`
	Voyage         voyage.Number     `json:"voyage,omitempty"`
	EventType      string            `json:"event_type"`
	CompletionTime time.Time         `json:"completion_time"`
}

type registerIncidentResponse struct{}

func makeRegisterIncidentEndpoint(s Service) endpoint.Endpoint {
	return endpoint.Typed[registerIncidentRequest, registerIncidentResponse](
		func(ctx context.Context, req registerIncidentRequest) (registerIncidentResponse, error) {
			t, err := cargo.ParseHandlingEventType(req.EventType)
			if err != nil {
				return registerIncidentResponse{}, invalid(err)
			}
			return registerIncidentResponse{}, s.RegisterHandlingEvent(ctx, req.CompletionTime, req.ID, req.Voyage, req.Location, t)
		}).Endpoint()
}
