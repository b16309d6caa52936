package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

// The stringsvc messages, as examples/stringsvc1 defines them.
type (
	stringRequest struct {
		S string `json:"s"`
	}
	uppercaseResponse struct {
		V   string `json:"v"`
		Err string `json:"err,omitempty"`
	}
	countResponse struct {
		V int `json:"v"`
	}
)

// maxBodyBytes bounds the request and response bodies the gateway reads.
const maxBodyBytes = 1 << 20

// stringsvcFactory returns an sd.Factory making, for a stringsvc instance,
// a client endpoint of its method (the path "uppercase" or "count") whose
// responses dec decodes.
func stringsvcFactory(method string, dec httptransport.DecodeResponseFunc, hc *http.Client) sd.Factory {
	return func(instance string) (endpoint.Endpoint, io.Closer, error) {
		u, err := instanceURL(instance)
		if err != nil {
			return nil, nil, err
		}
		return httptransport.NewClient("POST", u.JoinPath(method), httptransport.EncodeJSONRequest, dec,
			httptransport.SetClient(hc)).Endpoint(), nil, nil
	}
}

// decodeStringsvcResponse decodes a 200 response into Resp. stringsvc
// answers everything it can with 200 (its "empty string" error is a field of
// the response), so any other status is a failure, for Retry to retry.
func decodeStringsvcResponse[Resp any](_ context.Context, r *http.Response) (any, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return nil, fmt.Errorf("stringsvc: reading response: %w", err)
	}
	if r.StatusCode != http.StatusOK {
		if len(body) > 200 {
			body = body[:200]
		}
		return nil, fmt.Errorf("stringsvc: HTTP %d: %s", r.StatusCode, bytes.TrimSpace(body))
	}
	var resp Resp
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, fmt.Errorf("stringsvc: decoding response: %w", err)
	}
	return resp, nil
}

// newStringsvcHandler serves POST /uppercase and POST /count with the
// given endpoints.
func newStringsvcHandler(uppercase, count endpoint.Endpoint, logger log.Logger) http.Handler {
	opts := []httptransport.ServerOption{
		httptransport.ServerErrorEncoder(encodeError),
		httptransport.ServerErrorHandler(transport.NewLogErrorHandler(logger)),
	}
	mux := http.NewServeMux()
	mux.Handle("POST /uppercase", httptransport.NewServer(uppercase, decodeStringRequest, httptransport.EncodeJSONResponse, opts...))
	mux.Handle("POST /count", httptransport.NewServer(count, decodeStringRequest, httptransport.EncodeJSONResponse, opts...))
	return mux
}

func decodeStringRequest(_ context.Context, r *http.Request) (any, error) {
	var req stringRequest
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBodyBytes)).Decode(&req); err != nil {
		return nil, badRequestError{err}
	}
	return req, nil
}

// badRequestError is a request body the gateway could not decode.
type badRequestError struct{ err error }

func (e badRequestError) Error() string { return "bad request: " + e.err.Error() }
func (e badRequestError) Unwrap() error { return e.err }
func (badRequestError) StatusCode() int { return http.StatusBadRequest }

type errorBody struct {
	Error string `json:"error"`
}

// encodeError answers with the status of the error's StatusCode method if
// it has one (400 for a bad request, 503 without instances), 413 for a body
// too large, 504 when the retries ran out of time, and 502 for other
// failures of the instances; the body is {"error": "..."}.
func encodeError(_ context.Context, err error, w http.ResponseWriter) {
	code := http.StatusBadGateway
	var tooBig *http.MaxBytesError
	var sc httptransport.StatusCoder
	switch {
	case errors.As(err, &tooBig):
		code = http.StatusRequestEntityTooLarge
	case errors.As(err, &sc):
		code = sc.StatusCode()
	case errors.Is(err, context.DeadlineExceeded):
		code = http.StatusGatewayTimeout
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(errorBody{Error: err.Error()})
}
