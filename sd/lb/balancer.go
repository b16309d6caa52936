package lb

import (
	"errors"

	"github.com/seedkit/kit/endpoint"
)

// ErrNoEndpoints is returned by a Balancer when its Endpointer has no
// endpoints.
var ErrNoEndpoints = errors.New("no endpoints available")

// Balancer picks one endpoint per request from a set of identical ones.
// Implementations are safe for concurrent use.
type Balancer interface {
	Endpoint() (endpoint.Endpoint, error)
}

// BalancerFunc adapts a function to a Balancer, as http.HandlerFunc does for
// handlers. Beyond Go kit.
type BalancerFunc func() (endpoint.Endpoint, error)

// Endpoint implements Balancer by calling f.
func (f BalancerFunc) Endpoint() (endpoint.Endpoint, error) { return f() }
