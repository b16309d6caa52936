package amqp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	amqp "github.com/rabbitmq/amqp091-go"
)

// DecodeRequestFunc turns a delivery received by a Subscriber into the
// request value its endpoint expects, for example by JSON-decoding
// deliv.Body (see DecodeJSONRequest).
type DecodeRequestFunc func(context.Context, *amqp.Delivery) (request any, err error)

// EncodeRequestFunc writes a Publisher's request value into the outgoing
// publishing, usually its Body (see EncodeJSONRequest).
type EncodeRequestFunc func(context.Context, *amqp.Publishing, any) error

// EncodeResponseFunc writes a Subscriber endpoint's response into the reply
// publishing, usually its Body (see EncodeJSONResponse); the
// ResponsePublisher then sends it.
type EncodeResponseFunc func(context.Context, *amqp.Publishing, any) error

// DecodeResponseFunc turns the reply delivery a Publisher received into the
// response value its endpoint returns (see DecodeJSONResponse).
type DecodeResponseFunc func(context.Context, *amqp.Delivery) (response any, err error)

// Header names used by kit on top of Go kit's wire format, in the headers
// table of a publishing. Neither changes the body, so Go kit peers
// interoperate: they ignore the headers.
const (
	// TimeoutHeader carries the time left before a Publisher using
	// DefaultDeliverer gives up, as a Go duration string ("1.5s"). A
	// Subscriber that receives it serves the delivery with a context that
	// ends when that time has passed after receipt. The time a message
	// waits in its queue is not counted, so the Subscriber's deadline can
	// be later than the caller's, never earlier.
	TimeoutHeader = "Kit-Timeout"

	// ErrorHeader marks an error reply written by ReplyErrorEncoder; its
	// value is "true". DecodeJSONResponse turns such a reply into a
	// *ReplyError.
	ErrorHeader = "Kit-Error"
)

// ErrNilDelivery is returned by the JSON decoders when given a nil delivery.
var ErrNilDelivery = errors.New("amqp: nil delivery")

// ReplyError is the error DecodeJSONResponse returns for a reply marked with
// ErrorHeader: the Subscriber failed and sent its error's text instead of a
// response.
type ReplyError struct {
	// Message is the remote error's text.
	Message string
}

// Error returns "amqp: error reply: " followed by the remote message.
func (e *ReplyError) Error() string { return "amqp: error reply: " + e.Message }

// EncodeJSONResponse is an EncodeResponseFunc that serializes the response
// as JSON into pub.Body. It sets no other field, as in Go kit.
func EncodeJSONResponse(ctx context.Context, pub *amqp.Publishing, response any) error {
	b, err := json.Marshal(response)
	if err != nil {
		return err
	}
	pub.Body = b
	return nil
}

// EncodeNopResponse is an EncodeResponseFunc that leaves the publishing
// as it is, for endpoints whose response is not sent back.
func EncodeNopResponse(ctx context.Context, pub *amqp.Publishing, response any) error {
	return nil
}

// EncodeJSONRequest is an EncodeRequestFunc that serializes the request as
// JSON into pub.Body, the request-side twin of EncodeJSONResponse.
func EncodeJSONRequest(ctx context.Context, pub *amqp.Publishing, request any) error {
	return EncodeJSONResponse(ctx, pub, request)
}

// DecodeJSONRequest is a DecodeRequestFunc that JSON-decodes deliv.Body
// into a new T and returns it (the value, not a pointer). Instantiate it
// with the request type: NewSubscriber(e, DecodeJSONRequest[sumRequest],
// ...). A malformed or empty body is an error that wraps the encoding/json
// error, never a panic; data after the JSON value is an error too.
func DecodeJSONRequest[T any](_ context.Context, deliv *amqp.Delivery) (any, error) {
	if deliv == nil {
		return nil, ErrNilDelivery
	}
	var v T
	if err := json.Unmarshal(deliv.Body, &v); err != nil {
		return nil, fmt.Errorf("amqp: decode JSON request: %w", err)
	}
	return v, nil
}

// DecodeJSONResponse is a DecodeResponseFunc that JSON-decodes a reply into
// a new T and returns it (the value, not a pointer). A reply marked with
// ErrorHeader, as written by ReplyErrorEncoder, is returned as a
// *ReplyError holding the remote error's text instead.
func DecodeJSONResponse[T any](_ context.Context, deliv *amqp.Delivery) (any, error) {
	if deliv == nil {
		return nil, ErrNilDelivery
	}
	if isErrorReply(deliv.Headers) {
		var r DefaultErrorResponse
		if err := json.Unmarshal(deliv.Body, &r); err != nil {
			return nil, fmt.Errorf("amqp: decode JSON error reply: %w", err)
		}
		return nil, &ReplyError{Message: r.Error}
	}
	var v T
	if err := json.Unmarshal(deliv.Body, &v); err != nil {
		return nil, fmt.Errorf("amqp: decode JSON response: %w", err)
	}
	return v, nil
}

func isErrorReply(h amqp.Table) bool {
	v, ok := h[ErrorHeader]
	if !ok {
		return false
	}
	s, ok := v.(string)
	return !ok || s != ""
}

// withHeader returns a copy of h with key set to value; h is not modified,
// since a hook may have set a table it shares.
func withHeader(h amqp.Table, key string, value any) amqp.Table {
	out := make(amqp.Table, len(h)+1)
	for k, v := range h {
		out[k] = v
	}
	out[key] = value
	return out
}
