package lb

import (
	"sync/atomic"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd"
)

// NewRoundRobin returns a Balancer that hands out the endpoints of s in turn.
// When the set of endpoints changes, the turn carries on from the same count
// over the new set. It is safe for concurrent use and does not allocate.
// Endpoint returns the Endpointer's error if it has one, and ErrNoEndpoints
// when it has no endpoints (also for a nil s, where Go kit would panic).
func NewRoundRobin(s sd.Endpointer) Balancer {
	if s == nil {
		s = sd.FixedEndpointer(nil)
	}
	return &roundRobin{s: s}
}

type roundRobin struct {
	s sd.Endpointer
	n atomic.Uint64
}

func (rr *roundRobin) Endpoint() (endpoint.Endpoint, error) {
	eps, err := rr.s.Endpoints()
	if err != nil {
		return nil, err
	}
	if len(eps) == 0 {
		return nil, ErrNoEndpoints
	}
	i := rr.n.Add(1) - 1
	return eps[i%uint64(len(eps))], nil
}
