package tracking

import (
	"context"
	"time"

	"github.com/seedkit/kit/log"
)

// NewLoggingService returns s logging every call, its argument, duration
// and error, to logger.
func NewLoggingService(logger log.Logger, s Service) Service {
	return &loggingService{logger: logger, next: s}
}

type loggingService struct {
	logger log.Logger
	next   Service
}

func (s *loggingService) Track(ctx context.Context, id string) (c Cargo, err error) {
	defer func(begin time.Time) {
		_ = s.logger.Log("method", "track", "tracking_id", id, "took", time.Since(begin), "err", err)
	}(time.Now())
	return s.next.Track(ctx, id)
}
