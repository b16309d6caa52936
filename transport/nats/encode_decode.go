package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go"
)

// DecodeRequestFunc turns a message received by a Subscriber into the
// request value its endpoint expects, for example by JSON-decoding msg.Data
// (see DecodeJSONRequest). An error is passed to the Subscriber's error
// handler and, if the message has a reply subject, to its error encoder.
type DecodeRequestFunc func(context.Context, *nats.Msg) (request any, err error)

// EncodeRequestFunc writes a Publisher's request value into the outgoing
// message, whose Subject is already set: usually msg.Data, and perhaps
// msg.Header (see EncodeJSONRequest).
type EncodeRequestFunc func(context.Context, *nats.Msg, any) error

// EncodeResponseFunc sends a Subscriber endpoint's response to the reply
// subject on nc; it publishes the reply itself (see EncodeJSONResponse). It
// is called only for messages that have a reply subject.
type EncodeResponseFunc func(context.Context, string, *nats.Conn, any) error

// DecodeResponseFunc turns the reply a Publisher received into the response
// value its endpoint returns (see DecodeJSONResponse).
type DecodeResponseFunc func(context.Context, *nats.Msg) (response any, err error)

// Headerer is implemented by values that carry NATS headers. It is checked
// by EncodeJSONRequest (on the request), by EncodeJSONResponse (on the
// response) and by DefaultErrorEncoder (on the error, through its wrap chain
// with errors.As). The headers found are sent with the message; a nil or
// empty header sends none. Headers need a server that supports them (NATS
// 2.2 or later); otherwise publishing fails with nats.ErrHeadersNotSupported.
//
// The returned header is read, never modified, by kit; it may be shared.
type Headerer interface {
	Headers() nats.Header
}

// Header names used by kit on top of Go kit's wire format. Neither changes
// the payload, so Go kit peers interoperate: they ignore the headers.
const (
	// TimeoutHeader carries the time left before the Publisher gives up,
	// as a Go duration string ("1.5s"). A Subscriber that receives it
	// serves the message with a context that ends when that time has
	// passed, so work for a caller that has gone away is abandoned. It is
	// sent only when the server supports headers.
	TimeoutHeader = "Kit-Timeout"

	// ErrorHeader marks an error reply written by DefaultErrorEncoder; its
	// value is "true". DecodeJSONResponse turns such a reply into a
	// *ReplyError. It is sent only when the server supports headers.
	ErrorHeader = "Kit-Error"
)

// ErrNilMsg is returned by the JSON helpers when given a nil message.
var ErrNilMsg = errors.New("nats: nil message")

// ReplyError is the error a Publisher's DecodeJSONResponse returns for a
// reply marked with ErrorHeader: the Subscriber failed and sent its error's
// text instead of a response.
type ReplyError struct {
	// Message is the remote error's text, as sent by DefaultErrorEncoder.
	Message string
}

// Error returns "nats: error reply: " followed by the remote message.
func (e *ReplyError) Error() string { return "nats: error reply: " + e.Message }

// errorReply is the body DefaultErrorEncoder sends, as in Go kit.
type errorReply struct {
	Error string `json:"err"`
}

// EncodeJSONRequest is an EncodeRequestFunc that serializes the request as
// JSON into msg.Data. If the request implements Headerer, its headers are
// added to msg.Header (created if nil), each value of each key.
func EncodeJSONRequest(_ context.Context, msg *nats.Msg, request any) error {
	if msg == nil {
		return ErrNilMsg
	}
	b, err := json.Marshal(request)
	if err != nil {
		return err
	}
	msg.Data = b
	if h, ok := request.(Headerer); ok {
		msg.Header = addHeaders(msg.Header, h.Headers())
	}
	return nil
}

// EncodeJSONResponse is an EncodeResponseFunc that serializes the response
// as JSON and publishes it to reply on nc. If the response implements
// Headerer, its headers are sent with the reply.
func EncodeJSONResponse(_ context.Context, reply string, nc *nats.Conn, response any) error {
	b, err := json.Marshal(response)
	if err != nil {
		return err
	}
	if h, ok := response.(Headerer); ok {
		if hdr := h.Headers(); len(hdr) > 0 {
			return nc.PublishMsg(&nats.Msg{Subject: reply, Data: b, Header: addHeaders(nil, hdr)})
		}
	}
	return nc.Publish(reply, b)
}

// DecodeJSONRequest is a DecodeRequestFunc that JSON-decodes msg.Data into
// a new T and returns it (the value, not a pointer). Instantiate it with
// the request type: NewSubscriber(e, DecodeJSONRequest[sumRequest], ...).
// Malformed or empty data is an error that wraps the encoding/json error,
// never a panic; data after the JSON value is an error too.
func DecodeJSONRequest[T any](_ context.Context, msg *nats.Msg) (any, error) {
	if msg == nil {
		return nil, ErrNilMsg
	}
	var v T
	if err := json.Unmarshal(msg.Data, &v); err != nil {
		return nil, fmt.Errorf("nats: decode JSON request: %w", err)
	}
	return v, nil
}

// DecodeJSONResponse is a DecodeResponseFunc that JSON-decodes a reply
// into a new T and returns it (the value, not a pointer). A reply marked
// with ErrorHeader, as written by a kit DefaultErrorEncoder, is returned as
// a *ReplyError holding the remote error's text instead. Malformed data is
// an error that wraps the encoding/json error.
func DecodeJSONResponse[T any](_ context.Context, msg *nats.Msg) (any, error) {
	if msg == nil {
		return nil, ErrNilMsg
	}
	if msg.Header.Get(ErrorHeader) != "" {
		var r errorReply
		if err := json.Unmarshal(msg.Data, &r); err != nil {
			return nil, fmt.Errorf("nats: decode JSON error reply: %w", err)
		}
		return nil, &ReplyError{Message: r.Error}
	}
	var v T
	if err := json.Unmarshal(msg.Data, &v); err != nil {
		return nil, fmt.Errorf("nats: decode JSON response: %w", err)
	}
	return v, nil
}

// addHeaders adds every value of src to dst, allocating dst if needed, and
// returns dst. Values are copied, so src is never aliased.
func addHeaders(dst, src nats.Header) nats.Header {
	if len(src) == 0 {
		return dst
	}
	if dst == nil {
		dst = make(nats.Header, len(src))
	}
	for k, vs := range src {
		dst[k] = append(dst[k], vs...)
	}
	return dst
}
