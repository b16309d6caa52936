package booking

import (
	"context"
	"errors"
	"net/http"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/internal/httpjson"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

// MakeHandler returns the booking API:
//
//	POST /booking/v1/cargos                          book: {"origin", "destination", "arrival_deadline"}
//	GET  /booking/v1/cargos                          list the cargos
//	GET  /booking/v1/cargos/{id}                     one cargo
//	GET  /booking/v1/cargos/{id}/request_routes      possible routes
//	POST /booking/v1/cargos/{id}/assign_to_route     assign a route: {"legs": [...]}
//	POST /booking/v1/cargos/{id}/change_destination  {"destination"}
//	GET  /booking/v1/locations                       list the locations
//
// Failed requests are logged to logger (nil for none) and answered with
// {"error": "..."}.
func MakeHandler(s Service, logger log.Logger) http.Handler {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	opts := []httptransport.ServerOption{
		httptransport.ServerErrorHandler(transport.NewLogErrorHandler(logger)),
		httptransport.ServerErrorEncoder(encodeError),
	}
	enc := httptransport.EncodeJSONResponse
	id := func(r *http.Request) cargo.TrackingID { return cargo.TrackingID(r.PathValue("id")) }

	mux := http.NewServeMux()
	mux.Handle("POST /booking/v1/cargos", httptransport.NewServer(makeBookCargoEndpoint(s),
		func(_ context.Context, r *http.Request) (any, error) {
			var req bookCargoRequest
			return req, httpjson.Decode(r, &req)
		}, enc, opts...))
	mux.Handle("GET /booking/v1/cargos", httptransport.NewServer(makeListCargosEndpoint(s),
		httptransport.NopRequestDecoder, enc, opts...))
	mux.Handle("GET /booking/v1/cargos/{id}", httptransport.NewServer(makeLoadCargoEndpoint(s),
		func(_ context.Context, r *http.Request) (any, error) {
			return loadCargoRequest{ID: id(r)}, nil
		}, enc, opts...))
	mux.Handle("GET /booking/v1/cargos/{id}/request_routes", httptransport.NewServer(makeRequestRoutesEndpoint(s),
		func(_ context.Context, r *http.Request) (any, error) {
			return requestRoutesRequest{ID: id(r)}, nil
		}, enc, opts...))
	mux.Handle("POST /booking/v1/cargos/{id}/assign_to_route", httptransport.NewServer(makeAssignToRouteEndpoint(s),
		func(_ context.Context, r *http.Request) (any, error) {
			req := assignToRouteRequest{ID: id(r)}
			return req, httpjson.Decode(r, &req)
		}, enc, opts...))
	mux.Handle("POST /booking/v1/cargos/{id}/change_destination", httptransport.NewServer(makeChangeDestinationEndpoint(s),
		func(_ context.Context, r *http.Request) (any, error) {
			req := changeDestinationRequest{ID: id(r)}
			return req, httpjson.Decode(r, &req)
		}, enc, opts...))
	mux.Handle("GET /booking/v1/locations", httptransport.NewServer(makeListLocationsEndpoint(s),
		httptransport.NopRequestDecoder, enc, opts...))
	return mux
}

func encodeError(_ context.Context, err error, w http.ResponseWriter) {
	code := httpjson.StatusOf(err)
	switch {
	case code != 0:
	case errors.Is(err, cargo.ErrUnknown):
		code = http.StatusNotFound
	case errors.Is(err, ErrInvalidArgument):
		code = http.StatusBadRequest
	case errors.Is(err, ErrRoutingUnavailable):
		code = http.StatusServiceUnavailable
	default:
		code = http.StatusInternalServerError
	}
	httpjson.WriteError(w, code, err)
}
