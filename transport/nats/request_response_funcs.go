package nats

import (
	"context"

	"github.com/nats-io/nats.go"
)

// RequestFunc may take information from a message and put it into the
// context, or change the message. A Publisher runs its RequestFuncs on the
// outgoing message after encoding it and before sending it, so they can set
// msg.Header (see SetRequestHeader); a Subscriber runs them on the incoming
// message before decoding it.
type RequestFunc func(context.Context, *nats.Msg) context.Context

// SubscriberResponseFunc may take information from the context and act on
// the connection. A Subscriber runs them after the endpoint succeeds and
// before the response is encoded.
type SubscriberResponseFunc func(context.Context, *nats.Conn) context.Context

// PublisherResponseFunc may take information from a reply, headers
// included, and put it into the context. A Publisher runs them after the
// reply arrives and before it is decoded.
type PublisherResponseFunc func(context.Context, *nats.Msg) context.Context

// SetRequestHeader returns a RequestFunc that sets the header key to value
// on the message, replacing any values it had. It is meant for Publishers,
// where the header travels with the request.
func SetRequestHeader(key, value string) RequestFunc {
	return func(ctx context.Context, msg *nats.Msg) context.Context {
		if msg.Header == nil {
			msg.Header = make(nats.Header, 1)
		}
		msg.Header[key] = []string{value}
		return ctx
	}
}

type requestHeaderKey struct{}

// RequestHeader returns the headers of the message a Subscriber is serving
// with ctx, or nil if ctx is not such a context or the message had none.
// The header belongs to the message: read it, do not modify it.
func RequestHeader(ctx context.Context) nats.Header {
	h, _ := ctx.Value(requestHeaderKey{}).(nats.Header)
	return h
}
