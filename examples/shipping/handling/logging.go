package handling

import (
	"context"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
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

func (s *loggingService) RegisterHandlingEvent(ctx context.Context, completed time.Time, id cargo.TrackingID,
	voyageNumber voyage.Number, unLocode location.UNLocode, eventType cargo.HandlingEventType) (err error) {
	defer func(begin time.Time) {
		_ = s.logger.Log("method", "register_incident", "tracking_id", id, "location", unLocode,
			"voyage", voyageNumber, "event_type", eventType, "completion_time", completed,
			"took", time.Since(begin), "err", err)
	}(time.Now())
	return s.next.RegisterHandlingEvent(ctx, completed, id, voyageNumber, unLocode, eventType)
}
