package main

import (
	"context"
	"errors"

	"github.com/seedkit/kit/endpoint"
)

type uppercaseRequest struct {
	S string `json:"s"`
}

type uppercaseResponse struct {
	V   string `json:"v"`
	Err string `json:"err,omitempty"` // a business error, as text: error values don't marshal
}

type countRequest struct {
	S string `json:"s"`
}

type countResponse struct {
	V int `json:"v"`
}

// makeUppercaseEndpoint answers ErrEmpty, a business error, inside the
// response; any other error (here: no other instance could be reached) is
// returned as the endpoint's error, for the transport to turn into a failure
// status.
func makeUppercaseEndpoint(svc StringService) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(uppercaseRequest)
		v, err := svc.Uppercase(ctx, req.S)
		if errors.Is(err, ErrEmpty) {
			return uppercaseResponse{V: v, Err: err.Error()}, nil
		}
		if err != nil {
			return nil, err
		}
		return uppercaseResponse{V: v}, nil
	}
}

func makeCountEndpoint(svc StringService) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(countRequest)
		return countResponse{V: svc.Count(ctx, req.S)}, nil
	}
}
