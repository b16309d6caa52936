package tracking

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

// MakeHandler returns the tracking API:
//
//	GET /tracking/v1/cargos/{id}  the cargo's tracking view
//
// Failed requests are logged to logger (nil for none) and answered with
// {"error": "..."}.
func MakeHandler(s Service, logger log.Logger) http.Handler {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	mux := http.NewServeMux()
	mux.Handle("GET /tracking/v1/cargos/{id}", httptransport.NewServer(
		makeTrackCargoEndpoint(s),
		func(_ context.Context, r *http.Request) (any, error) {
			return trackCargoRequest{ID: r.PathValue("id")}, nil
		},
		httptransport.EncodeJSONResponse,
		httptransport.ServerErrorHandler(transport.NewLogErrorHandler(logger)),
		httptransport.ServerErrorEncoder(encodeError),
	))
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
	default:
		code = http.StatusInternalServerError
	}
	httpjson.WriteError(w, code, err)
}
