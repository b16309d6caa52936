package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

// decodeJSON is a DecodeRequestFunc for requests of type T; a malformed
// body is answered with 400 through badRequestError.
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

// newHandler serves the service's two methods and, on GET /metrics, what
// gatherer holds. Transport errors (bad requests, failed encodes) are logged.
func newHandler(svc StringService, gatherer prometheus.Gatherer, logger log.Logger) http.Handler {
	opts := []httptransport.ServerOption{
		httptransport.ServerErrorHandler(transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))),
	}
	mux := http.NewServeMux()
	mux.Handle("POST /uppercase", httptransport.NewServer(
		makeUppercaseEndpoint(svc), decodeJSON[uppercaseRequest], httptransport.EncodeJSONResponse, opts...))
	mux.Handle("POST /count", httptransport.NewServer(
		makeCountEndpoint(svc), decodeJSON[countRequest], httptransport.EncodeJSONResponse, opts...))
	mux.Handle("GET /metrics", promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{}))
	return mux
}
