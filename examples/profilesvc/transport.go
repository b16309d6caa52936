package profilesvc

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

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

// maxBodyBytes bounds every request and response body profilesvc reads.
const maxBodyBytes = 1 << 20

// MakeHTTPHandler returns the REST API of s (see the package doc). Errors
// that the endpoints cannot even reach (undecodable requests) are logged to
// logger; nil logs nothing.
func MakeHTTPHandler(s Service, logger log.Logger) http.Handler {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	e := MakeServerEndpoints(s)
	options := []httptransport.ServerOption{
		httptransport.ServerErrorHandler(transport.NewLogErrorHandler(logger)),
		httptransport.ServerErrorEncoder(encodeError),
	}
	mux := http.NewServeMux()
	handle := func(ep endpoint.Endpoint, dec httptransport.DecodeRequestFunc, patterns ...string) {
		h := httptransport.NewServer(ep, dec, encodeResponse, options...)
		for _, p := range patterns {
			mux.Handle(p, h)
		}
	}
	handle(e.PostProfileEndpoint, func(_ context.Context, r *http.Request) (any, error) {
		var req postProfileRequest
		return req, decodeBody(r, &req.Profile)
	}, "POST /profiles", "POST /profiles/{$}")
	handle(e.GetProfileEndpoint, func(_ context.Context, r *http.Request) (any, error) {
		return getProfileRequest{ID: r.PathValue("id")}, nil
	}, "GET /profiles/{id}")
	handle(e.PutProfileEndpoint, func(_ context.Context, r *http.Request) (any, error) {
		req := putProfileRequest{ID: r.PathValue("id")}
		return req, decodeBody(r, &req.Profile)
	}, "PUT /profiles/{id}")
	handle(e.PatchProfileEndpoint, func(_ context.Context, r *http.Request) (any, error) {
		req := patchProfileRequest{ID: r.PathValue("id")}
		return req, decodeBody(r, &req.Profile)
	}, "PATCH /profiles/{id}")
	handle(e.DeleteProfileEndpoint, func(_ context.Context, r *http.Request) (any, error) {
		return deleteProfileRequest{ID: r.PathValue("id")}, nil
	}, "DELETE /profiles/{id}")
	handle(e.GetAddressesEndpoint, func(_ context.Context, r *http.Request) (any, error) {
		return getAddressesRequest{ProfileID: r.PathValue("id")}, nil
	}, "GET /profiles/{id}/addresses", "GET /profiles/{id}/addresses/{$}")
	handle(e.GetAddressEndpoint, func(_ context.Context, r *http.Request) (any, error) {
		return getAddressRequest{ProfileID: r.PathValue("id"), AddressID: r.PathValue("addressID")}, nil
	}, "GET /profiles/{id}/addresses/{addressID}")
	handle(e.PostAddressEndpoint, func(_ context.Context, r *http.Request) (any, error) {
		req := postAddressRequest{ProfileID: r.PathValue("id")}
		return req, decodeBody(r, &req.Address)
	}, "POST /profiles/{id}/addresses", "POST /profiles/{id}/addresses/{$}")
	handle(e.DeleteAddressEndpoint, func(_ context.Context, r *http.Request) (any, error) {
		return deleteAddressRequest{ProfileID: r.PathValue("id"), AddressID: r.PathValue("addressID")}, nil
	}, "DELETE /profiles/{id}/addresses/{addressID}")
	return mux
}

// decodeBody decodes exactly one JSON value with known fields into v.
func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	if dec.More() {
		return fmt.Errorf("%w: data after the JSON body", ErrBadRequest)
	}
	return nil
}

func encodeResponse(ctx context.Context, w http.ResponseWriter, response any) error {
	if f, ok := response.(endpoint.Failer); ok && f.Failed() != nil {
		encodeError(ctx, f.Failed(), w)
		return nil
	}
	return httptransport.EncodeJSONResponse(ctx, w, response)
}

type errorBody struct {
	Error string `json:"error"`
}

// statusOf maps an error to the HTTP status code that reports it.
func statusOf(err error) int {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, ErrAlreadyExists):
		return http.StatusConflict
	case errors.Is(err, ErrInconsistentIDs), errors.Is(err, ErrBadRequest):
		return http.StatusBadRequest
	default:
		return http.StatusInternalServerError
	}
}

func encodeError(_ context.Context, err error, w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(statusOf(err))
	_ = json.NewEncoder(w).Encode(errorBody{Error: err.Error()})
}

// MakeClientEndpoints returns Endpoints that call the profilesvc instance
// at instance, "host:port" or a base URL such as "https://host/api".
// options apply to every endpoint's httptransport.Client (SetClient to use
// another *http.Client than http.DefaultClient, say).
//
// A business error returned by the server comes back as the same sentinel
// (errors.Is(err, ErrNotFound), ...), with the server's message; any other
// failure, such as a 5xx status or a network error, is the endpoint's error.
func MakeClientEndpoints(instance string, options ...httptransport.ClientOption) (Endpoints, error) {
	if !strings.Contains(instance, "://") {
		instance = "http://" + instance
	}
	base, err := url.Parse(instance)
	if err != nil {
		return Endpoints{}, fmt.Errorf("profilesvc: instance: %w", err)
	}
	if base.Host == "" {
		return Endpoints{}, fmt.Errorf("profilesvc: instance %q has no host", instance)
	}
	if base.Path == "" {
		base.Path = "/" // so that JoinPath gives an absolute path
	}
	client := func(method string, dec httptransport.DecodeResponseFunc) endpoint.Endpoint {
		return httptransport.NewClient(method, base, encodeRequest, dec, options...).Endpoint()
	}
	return Endpoints{
		PostProfileEndpoint:   client(http.MethodPost, decodeResponse[errResponse]),
		GetProfileEndpoint:    client(http.MethodGet, decodeResponse[profileResponse]),
		PutProfileEndpoint:    client(http.MethodPut, decodeResponse[errResponse]),
		PatchProfileEndpoint:  client(http.MethodPatch, decodeResponse[errResponse]),
		DeleteProfileEndpoint: client(http.MethodDelete, decodeResponse[errResponse]),
		GetAddressesEndpoint:  client(http.MethodGet, decodeResponse[addressesResponse]),
		GetAddressEndpoint:    client(http.MethodGet, decodeResponse[addressResponse]),
		PostAddressEndpoint:   client(http.MethodPost, decodeResponse[errResponse]),
		DeleteAddressEndpoint: client(http.MethodDelete, decodeResponse[errResponse]),
	}, nil
}

// router is implemented by every request type.
type router interface {
	route() (segments []string, body any)
}

// encodeRequest appends the request's path to the base URL, escaping each
// segment, and encodes its body, if any, as JSON.
func encodeRequest(ctx context.Context, r *http.Request, request any) error {
	rt, ok := request.(router)
	if !ok {
		return fmt.Errorf("profilesvc: unexpected request type %T", request)
	}
	segments, body := rt.route()
	for i, s := range segments {
		if err := checkID("path", s); err != nil {
			return err
		}
		segments[i] = url.PathEscape(s)
	}
	r.URL = r.URL.JoinPath(segments...)
	if body == nil {
		return nil
	}
	return httptransport.EncodeJSONRequest(ctx, r, body)
}

// decodeResponse decodes a 2xx response into an R, and an error response
// whose status says the caller erred into an R carrying that error.
func decodeResponse[R any, P interface {
	*R
	setErr(error)
}](_ context.Context, r *http.Response) (any, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return nil, err
	}
	var resp R
	if r.StatusCode/100 != 2 {
		err := errorFromResponse(r.StatusCode, body)
		if r.StatusCode/100 != 4 {
			return nil, err
		}
		P(&resp).setErr(err)
		return resp, nil
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, fmt.Errorf("profilesvc: decoding response: %w", err)
	}
	return resp, nil
}

// remoteError is a business error received from a server: it has the
// server's message and unwraps to the sentinel its status stands for.
type remoteError struct {
	msg      string
	sentinel error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.sentinel }

// errorFromResponse rebuilds the error an error response reports.
func errorFromResponse(code int, body []byte) error {
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil || eb.Error == "" {
		return fmt.Errorf("profilesvc: HTTP %d: %s", code, bytes.TrimSpace(body))
	}
	var sentinel error
	switch code {
	case http.StatusNotFound:
		sentinel = ErrNotFound
	case http.StatusConflict:
		sentinel = ErrAlreadyExists
	case http.StatusBadRequest:
		sentinel = ErrBadRequest
		if eb.Error == ErrInconsistentIDs.Error() {
			sentinel = ErrInconsistentIDs
		}
	default:
		return fmt.Errorf("profilesvc: HTTP %d: %s", code, eb.Error)
	}
	if eb.Error == sentinel.Error() {
		return sentinel
	}
	return &remoteError{msg: eb.Error, sentinel: sentinel}
}
