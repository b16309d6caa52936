package jsonrpc

import (
	"context"
	"encoding/json"

	"github.com/seedkit/kit/endpoint"
)

// DecodeRequestFunc turns the "params" member of a JSON-RPC request into
// the request value the method's endpoint expects. params is nil when the
// request had none, and the JSON null when it said "params": null. An error
// that implements ErrorCoder keeps its code (InvalidParamsError is the
// specification's for bad params); an encoding/json syntax or type error
// is reported as InvalidParamsError (Go kit: InternalError); any other error
// as InternalError, as in Go kit.
type DecodeRequestFunc func(context.Context, json.RawMessage) (request any, err error)

// EncodeResponseFunc turns an endpoint's response value into the "result"
// member of the JSON-RPC response. It must return valid JSON; nil is sent as
// null (Go kit then omits "result", which makes an invalid response). An error is reported as InternalError unless it implements
// ErrorCoder.
type EncodeResponseFunc func(context.Context, any) (response json.RawMessage, err error)

// EncodeRequestFunc turns a client-side request value into the "params"
// member of the outgoing JSON-RPC request. nil omits params.
type EncodeRequestFunc func(context.Context, any) (request json.RawMessage, err error)

// DecodeResponseFunc turns a received JSON-RPC response into the value the
// client-side endpoint returns. It is called for error responses too, so it
// decides how a res.Error is reported (DefaultResponseDecoder returns it).
type DecodeResponseFunc func(context.Context, Response) (response any, err error)

// EndpointCodec is one method of a Server: its endpoint and the functions
// converting its request and response from and to JSON.
type EndpointCodec struct {
	Endpoint endpoint.Endpoint
	Decode   DecodeRequestFunc
	Encode   EncodeResponseFunc
}

// EndpointCodecMap maps JSON-RPC method names to their EndpointCodec. A
// Server only reads it; it must not be modified while the Server runs.
type EndpointCodecMap map[string]EndpointCodec

// DefaultRequestEncoder is the Client's default EncodeRequestFunc: it
// marshals req with encoding/json.
func DefaultRequestEncoder(_ context.Context, req any) (json.RawMessage, error) {
	return json.Marshal(req)
}

// DefaultResponseDecoder is the Client's default DecodeResponseFunc. For an
// error response it returns the Error (as an Error value, usable with
// errors.As); otherwise it unmarshals the result into an any (so JSON
// objects become map[string]any and numbers float64).
func DefaultResponseDecoder(_ context.Context, res Response) (any, error) {
	if res.Error != nil {
		return nil, *res.Error
	}
	var result any
	if err := json.Unmarshal(res.Result, &result); err != nil {
		return nil, err
	}
	return result, nil
}
