package main

import (
	"context"
	"errors"

	"github.com/seedkit/kit/endpoint"
)

// The requests and responses are the messages on both wires: JSON in HTTP
// bodies between the client and the front end, and JSON in NATS messages
// between the front end and the service.

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
// response; any other error is returned as the endpoint's error.
func makeUppercaseEndpoint(svc StringService) endpoint.Endpoint {
	return func(_ context.Context, request any) (any, error) {
		req := request.(uppercaseRequest)
		v, err := svc.Uppercase(req.S)
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
	return func(_ context.Context, request any) (any, error) {
		req := request.(countRequest)
		return countResponse{V: svc.Count(req.S)}, nil
	}
}
