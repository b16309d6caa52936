package addtransport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/sony/gobreaker"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/ratelimit"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

// NewHTTPHandler serves the endpoints as JSON over HTTP: POST /sum and
// POST /concat. Malformed bodies and business errors are answered with 400
// and {"error": "..."}, oversized ones with 413, rate-limited calls with 429,
// calls refused by an open circuit breaker with 503, other failures with 500.
//
// opts are added to every endpoint's server, after addsvc's own (tracing
// hooks such as opentelemetry.HTTPToContext, for example).
func NewHTTPHandler(endpoints addendpoint.Set, logger log.Logger, opts ...httptransport.ServerOption) http.Handler {
	options := append([]httptransport.ServerOption{
		httptransport.ServerErrorEncoder(encodeHTTPError),
		httptransport.ServerErrorHandler(transport.NewLogErrorHandler(logger)),
	}, opts...)
	mux := http.NewServeMux()
	mux.Handle("POST /sum", httptransport.NewServer(
		endpoints.SumEndpoint, decodeHTTPRequest[addendpoint.SumRequest], encodeHTTPResponse, options...))
	mux.Handle("POST /concat", httptransport.NewServer(
		endpoints.ConcatEndpoint, decodeHTTPRequest[addendpoint.ConcatRequest], encodeHTTPResponse, options...))
	return mux
}

// NewHTTPClient returns a Service backed by an addsvc HTTP server at
// instance ("host:port" or a URL).
func NewHTTPClient(instance string, client *http.Client) (addservice.Service, error) {
	if !strings.Contains(instance, "://") {
		instance = "http://" + instance
	}
	u, err := url.Parse(instance)
	if err != nil {
		return nil, err
	}
	if client == nil {
		client = http.DefaultClient
	}
	opts := []httptransport.ClientOption{httptransport.SetClient(client)}
	return addendpoint.Set{
		SumEndpoint: httptransport.NewClient("POST", u.JoinPath("sum"), httptransport.EncodeJSONRequest,
			decodeHTTPResponse[addendpoint.SumResponse], opts...).Endpoint(),
		ConcatEndpoint: httptransport.NewClient("POST", u.JoinPath("concat"), httptransport.EncodeJSONRequest,
			decodeHTTPResponse[addendpoint.ConcatResponse], opts...).Endpoint(),
	}, nil
}

func decodeHTTPRequest[Req any](_ context.Context, r *http.Request) (any, error) {
	var req Req
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, badRequest(err)
	}
	return req, nil
}

func encodeHTTPResponse(ctx context.Context, w http.ResponseWriter, response any) error {
	if f, ok := response.(endpoint.Failer); ok && f.Failed() != nil {
		encodeHTTPError(ctx, f.Failed(), w)
		return nil
	}
	return httptransport.EncodeJSONResponse(ctx, w, response)
}

type errorBody struct {
	Error string `json:"error"`
}

func encodeHTTPError(_ context.Context, err error, w http.ResponseWriter) {
	code := http.StatusInternalServerError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		code = http.StatusRequestEntityTooLarge
	case isClientError(err):
		code = http.StatusBadRequest
	case errors.Is(err, ratelimit.ErrLimited):
		code = http.StatusTooManyRequests
	case errors.Is(err, gobreaker.ErrOpenState), errors.Is(err, gobreaker.ErrTooManyRequests):
		code = http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(errorBody{Error: err.Error()})
}

// decodeHTTPResponse decodes a success into Resp and an error body into
// Resp's Err field (business errors) or the endpoint's error (the rest).
func decodeHTTPResponse[Resp any](_ context.Context, r *http.Response) (any, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		var e errorBody
		if json.Unmarshal(body, &e) != nil || e.Error == "" {
			return nil, fmt.Errorf("addsvc: HTTP %d: %s", r.StatusCode, bytes.TrimSpace(body))
		}
		err := errorFromMessage(e.Error)
		if addservice.IsBusinessError(err) {
			return withErr[Resp](err), nil
		}
		return nil, err
	}
	var resp Resp
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, fmt.Errorf("addsvc: decoding response: %w", err)
	}
	return resp, nil
}

// withErr returns a response of type Resp carrying the business error err.
func withErr[Resp any](err error) any {
	var resp Resp
	switch r := any(&resp).(type) {
	case *addendpoint.SumResponse:
		r.Err = err
	case *addendpoint.ConcatResponse:
		r.Err = err
	}
	return resp
}
