package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

// newHTTPHandler is the HTTP front end: each method's endpoint is a call
// over NATS, so this handler holds no service of its own.
func newHTTPHandler(e natsEndpoints, logger log.Logger) http.Handler {
	opts := []httptransport.ServerOption{
		httptransport.ServerErrorHandler(transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))),
	}
	mux := http.NewServeMux()
	mux.Handle("POST /uppercase", httptransport.NewServer(
		upstream(e.uppercase), decodeJSON[uppercaseRequest], httptransport.EncodeJSONResponse, opts...))
	mux.Handle("POST /count", httptransport.NewServer(
		upstream(e.count), decodeJSON[countRequest], httptransport.EncodeJSONResponse, opts...))
	return mux
}

// decodeJSON is a DecodeRequestFunc for requests of type T; a malformed
// body is answered with 400 through badRequestError, and never reaches NATS.
func decodeJSON[T any](_ context.Context, r *http.Request) (any, error) {
	var req T
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20)).Decode(&req); err != nil {
		return nil, badRequestError{err}
	}
	return req, nil
}

// badRequestError makes the transport's default error encoder answer 400.
type badRequestError struct{ error }

func (badRequestError) StatusCode() int { return http.StatusBadRequest }

func (e badRequestError) Unwrap() error { return e.error }

// upstream marks the errors of a NATS call as upstreamErrors, so that the
// client learns from the status code why the service did not answer.
func upstream(next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		response, err := next(ctx, request)
		if err != nil {
			return nil, upstreamError{err}
		}
		return response, nil
	}
}

// upstreamError is a failed call to the service over NATS.
type upstreamError struct{ err error }

func (e upstreamError) Error() string { return "stringsvc over NATS: " + e.err.Error() }

func (e upstreamError) Unwrap() error { return e.err }

// StatusCode is 503 when no instance serves the subject, 504 when none
// answered in time, and 502 for anything else (an error reply, which
// natstransport.DecodeJSONResponse returns as a *natstransport.ReplyError;
// a reply that does not decode; a lost connection).
func (e upstreamError) StatusCode() int {
	switch {
	case errors.Is(e.err, nats.ErrNoResponders):
		return http.StatusServiceUnavailable
	case errors.Is(e.err, nats.ErrTimeout), errors.Is(e.err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout
	default:
		return http.StatusBadGateway
	}
}
