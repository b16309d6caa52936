package handling

import (
	"context"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
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

func (s *instrumentingService) RegisterHandlingEvent(ctx context.Context, completed time.Time, id cargo.TrackingID,
	voyageNumber voyage.Number, unLocode location.UNLocode, eventType cargo.HandlingEventType) error {
	defer func(begin time.Time) {
		s.counter.With("method", "register_incident").Add(1)
		s.latency.With("method", "register_incident").Observe(time.Since(begin).Seconds())
	}(time.Now())
	return s.next.RegisterHandlingEvent(ctx, completed, id, voyageNumber, unLocode, eventType)
}
