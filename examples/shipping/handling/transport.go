package handling

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/internal/httpjson"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

// MakeHandler returns the handling API:
//
//	POST /handling/v1/incidents  {"tracking_id", "event_type", "location", "voyage", "completion_time"}
//
// event_type is one of Receive, Load, Unload, Customs, Claim; voyage is
// required for Load and Unload only. Failed requests are logged to logger
// (nil for none) and answered with {"error": "..."}.
func MakeHandler(s Service, logger log.Logger) http.Handler {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	mux := http.NewServeMux()
	mux.Handle("POST /handling/v1/incidents", httptransport.NewServer(
		makeRegisterIncidentEndpoint(s),
		func(_ context.Context, r *http.Request) (any, error) {
			var req registerIncidentRequest
			return req, httpjson.Decode(r, &req)
		},
		httptransport.EncodeJSONResponse,
		httptransport.ServerErrorHandler(transport.NewLogErrorHandler(logger)),
		httptransport.ServerErrorEncoder(encodeError),
	))
	return mux
}

func invalid(err error) error { return fmt.Errorf("%w: %w", ErrInvalidArgument, err) }

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
