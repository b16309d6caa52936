package lb

import (
	"math/bits"
	"sync/atomic"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd"
)

// NewRandom returns a Balancer that picks an endpoint of s uniformly at
// random. It is safe for concurrent use (Go kit's shares a *rand.Rand
// without a lock, a data race) and does not allocate. Endpoint returns the
// Endpointer's error if it has one, and ErrNoEndpoints when it has no
// endpoints (also for a nil s).
//
// The seed fixes the sequence of picks: two Balancers with the same seed,
// called one after the other from one goroutine, pick the same indexes. The
// sequence differs from Go kit's for the same seed.
func NewRandom(s sd.Endpointer, seed int64) Balancer {
	if s == nil {
		s = sd.FixedEndpointer(nil)
	}
	r := &random{s: s}
	r.state.Store(uint64(seed))
	return r
}

type random struct {
	s     sd.Endpointer
	state atomic.Uint64
}

// next is SplitMix64 over an atomic counter: every call takes its own step
// of the sequence, so concurrent calls need no lock.
func (r *random) next() uint64 {
	z := r.state.Add(0x9e3779b97f4a7c15)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *random) Endpoint() (endpoint.Endpoint, error) {
	eps, err := r.s.Endpoints()
	if err != nil {
		return nil, err
	}
	if len(eps) == 0 {
		return nil, ErrNoEndpoints
	}
	// Multiply-shift maps 64 random bits onto [0, len) with a bias below
	// len/2^64, far under anything measurable.
	hi, _ := bits.Mul64(r.next(), uint64(len(eps)))
	return eps[hi], nil
}
