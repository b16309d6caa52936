// Package routing is the booking context's view of the routing service, an
// external "pathfinder" that knows the voyage network and proposes routes
// between two locations.
//
// NewProxyingService calls a pathfinder over HTTP with a kit
// httptransport.Client endpoint, wrapped in a circuitbreaker.Hystrix
// middleware: when the pathfinder fails too often, calls fail fast with
// hystrix.ErrCircuitOpen instead of piling up. NewPathfinder is a small
// pathfinder to run in process, for tests and demos.
//
// The pathfinder's API: GET {base}/paths?from=SESTO&to=AUMEL answers
//
//	{"paths": [{"edges": [{"origin": "SESTO", "destination": "DEHAM",
//	  "voyage": "V400", "departure": "...", "arrival": "..."}, ...]}, ...]}
//
// with RFC 3339 times; each edge is a leg on one voyage.
package routing

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/seedkit/kit/circuitbreaker"
	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
	httptransport "github.com/seedkit/kit/transport/http"
)

// Service proposes itineraries. Implementations are safe for concurrent
// use.
type Service interface {
	// FetchRoutesForSpecification returns the itineraries that satisfy
	// rs; none is not an error. An error means the routing service could
	// not be asked.
	FetchRoutesForSpecification(ctx context.Context, rs cargo.RouteSpecification) ([]cargo.Itinerary, error)
}

// NewProxyingService returns a Service asking the pathfinder at instance
// (a base URL, or "host:port"). Every request runs as the hystrix command
// commandName: configure its timeout and thresholds beforehand with
// hystrix.ConfigureCommand, and give distinct services distinct names,
// since hystrix's circuits are process-wide. options apply to the
// underlying httptransport.Client.
func NewProxyingService(instance, commandName string, options ...httptransport.ClientOption) (Service, error) {
	if !strings.Contains(instance, "://") {
		instance = "http://" + instance
	}
	base, err := url.Parse(instance)
	if err != nil {
		return nil, fmt.Errorf("routing: %w", err)
	}
	if base.Host == "" {
		return nil, fmt.Errorf("routing: URL %q has no host", instance)
	}
	if base.Path == "" {
		base.Path = "/"
	}
	e := httptransport.NewClient(http.MethodGet, base.JoinPath("paths"), encodeRequest, decodeResponse, options...).Endpoint()
	return proxyService{fetch: circuitbreaker.Hystrix(commandName)(e)}, nil
}

type proxyService struct {
	fetch endpoint.Endpoint
}

func (s proxyService) FetchRoutesForSpecification(ctx context.Context, rs cargo.RouteSpecification) ([]cargo.Itinerary, error) {
	resp, err := endpoint.FromEndpoint[pathsRequest, pathsResponse](s.fetch)(ctx, pathsRequest{From: rs.Origin, To: rs.Destination})
	if err != nil {
		return nil, fmt.Errorf("routing: %w", err)
	}
	var its []cargo.Itinerary
	for _, p := range resp.Paths {
		var it cargo.Itinerary
		for _, e := range p.Edges {
			it.Legs = append(it.Legs, cargo.Leg{
				VoyageNumber:   e.Voyage,
				LoadLocation:   e.Origin,
				UnloadLocation: e.Destination,
				LoadTime:       e.Departure,
				UnloadTime:     e.Arrival,
			})
		}
		if rs.IsSatisfiedBy(it) {
			its = append(its, it)
		}
	}
	return its, nil
}

// The pathfinder's wire format.
type (
	pathsRequest struct {
		From, To location.UNLocode
	}
	pathsResponse struct {
		Paths []path `json:"paths"`
	}
	path struct {
		Edges []edge `json:"edges"`
	}
	edge struct {
		Origin      location.UNLocode `json:"origin"`
		Destination location.UNLocode `json:"destination"`
		Voyage      voyage.Number     `json:"voyage"`
		Departure   time.Time         `json:"departure"`
		Arrival     time.Time         `json:"arrival"`
	}
)

func encodeRequest(_ context.Context, r *http.Request, request any) error {
	req, ok := request.(pathsRequest)
	if !ok {
		return fmt.Errorf("unexpected request type %T", request)
	}
	q := r.URL.Query()
	q.Set("from", string(req.From))
	q.Set("to", string(req.To))
	r.URL.RawQuery = q.Encode()
	return nil
}

func decodeResponse(_ context.Context, r *http.Response) (any, error) {
	if r.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 512))
		return nil, fmt.Errorf("pathfinder answered HTTP %d: %s", r.StatusCode, strings.TrimSpace(string(body)))
	}
	var resp pathsResponse
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&resp); err != nil {
		return nil, fmt.Errorf("decoding the pathfinder's answer: %w", err)
	}
	return resp, nil
}
