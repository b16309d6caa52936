package tracking

import (
	"context"
	"time"

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

func (s *instrumentingService) Track(ctx context.Context, id string) (Cargo, error) {
	defer func(begin time.Time) {
		s.counter.With("method", "track").Add(1)
		s.latency.With("method", "track").Observe(time.Since(begin).Seconds())
	}(time.Now())
	return s.next.Track(ctx, id)
}
