package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

// Subscriber wraps an endpoint and serves it to NATS messages: ServeMsg
// returns a nats.MsgHandler to pass to nats.Conn.Subscribe or
// QueueSubscribe. Build it with NewSubscriber; the zero value is not
// usable. A Subscriber is safe for concurrent use as long as its endpoint,
// codecs and hooks are. It starts no goroutines: nats.go calls the handler,
// and unsubscribing or closing the connection stops it.
type Subscriber struct {
	e            endpoint.Endpoint
	dec          DecodeRequestFunc
	enc          EncodeResponseFunc
	before       []RequestFunc
	after        []SubscriberResponseFunc
	errorEncoder ErrorEncoder
	finalizer    []SubscriberFinalizerFunc
	errorHandler transport.ErrorHandler
}

// NewSubscriber constructs a new Subscriber that serves e: dec turns each
// message into the endpoint's request and enc publishes the endpoint's
// response to the message's reply subject.
//
// By default errors are encoded with DefaultErrorEncoder and handed to an
// error handler that discards them; see SubscriberErrorEncoder and
// SubscriberErrorHandler.
func NewSubscriber(
	e endpoint.Endpoint,
	dec DecodeRequestFunc,
	enc EncodeResponseFunc,
	options ...SubscriberOption,
) *Subscriber {
	s := &Subscriber{
		e:            e,
		dec:          dec,
		enc:          enc,
		errorEncoder: DefaultErrorEncoder,
		errorHandler: transport.NewLogErrorHandler(log.NewNopLogger()),
	}
	for _, option := range options {
		option(s)
	}
	return s
}

// SubscriberOption sets an optional parameter for subscribers.
type SubscriberOption func(*Subscriber)

// SubscriberBefore appends functions that run on each incoming message
// before it is decoded, in the order given.
func SubscriberBefore(before ...RequestFunc) SubscriberOption {
	return func(s *Subscriber) { s.before = append(s.before, before...) }
}

// SubscriberAfter appends functions that run after the endpoint succeeds
// and before the response is encoded, in the order given.
func SubscriberAfter(after ...SubscriberResponseFunc) SubscriberOption {
	return func(s *Subscriber) { s.after = append(s.after, after...) }
}

// SubscriberErrorEncoder replaces the function that sends an error to the
// caller (DefaultErrorEncoder unless set). It is called for decoder,
// endpoint and encoder errors, after the error handler, and only for
// messages that have a reply subject.
func SubscriberErrorEncoder(ee ErrorEncoder) SubscriberOption {
	return func(s *Subscriber) { s.errorEncoder = ee }
}

// SubscriberErrorLogger makes the subscriber log every error it meets to
// logger, as the pair "err", err. It is shorthand for
// SubscriberErrorHandler(transport.NewLogErrorHandler(logger)).
//
// Deprecated: Use SubscriberErrorHandler instead.
func SubscriberErrorLogger(logger log.Logger) SubscriberOption {
	return func(s *Subscriber) { s.errorHandler = transport.NewLogErrorHandler(logger) }
}

// SubscriberErrorHandler sets the handler that sees every error, for
// diagnostics such as logging or counting, including errors of messages
// that have no reply subject. It cannot change what the caller receives;
// use SubscriberErrorEncoder for that. By default errors are discarded.
func SubscriberErrorHandler(errorHandler transport.ErrorHandler) SubscriberOption {
	return func(s *Subscriber) { s.errorHandler = errorHandler }
}

// SubscriberFinalizer appends functions that run at the end of every
// message, whatever happened, in the order given.
//
// Go kit's SubscriberFinalizer replaces the functions set by an earlier
// SubscriberFinalizer option; kit's appends, like every other option that
// takes a list (and like transport/http's ServerFinalizer).
func SubscriberFinalizer(f ...SubscriberFinalizerFunc) SubscriberOption {
	return func(s *Subscriber) { s.finalizer = append(s.finalizer, f...) }
}

// ServeMsg returns a handler that serves the Subscriber's endpoint to the
// messages it is given, replying on nc. For each message it runs, in
// order: the before functions, the decoder, the endpoint, the after
// functions and, if the message has a reply subject, the encoder. An error
// from the decoder, the endpoint or the encoder is passed to the error
// handler and then, if the message has a reply subject, to the error
// encoder, and the message ends there. Finalizers run last, in all cases.
//
// The context a message is served with carries its headers (see
// RequestHeader). If the message carries a TimeoutHeader, the context ends
// when that time has passed, which is when the Publisher gives up; a
// malformed TimeoutHeader is an error, handled like a decoding error.
// Go kit serves every message with a context that never ends and drops
// headers.
//
// The handler does not recover panics from the codecs or the endpoint;
// nats.go does not either, so a panic ends the process. Use a recovering
// endpoint.Middleware to turn panics in the endpoint into errors.
func (s Subscriber) ServeMsg(nc *nats.Conn) func(msg *nats.Msg) {
	return func(msg *nats.Msg) {
		if msg == nil {
			return
		}
		ctx := context.Background()
		var (
			timeout    time.Duration
			hasTimeout bool
			headerErr  error
		)
		if msg.Header != nil {
			ctx = context.WithValue(ctx, requestHeaderKey{}, msg.Header)
			if v := msg.Header.Values(TimeoutHeader); len(v) > 0 {
				timeout, headerErr = parseTimeout(v[0])
				hasTimeout = headerErr == nil
			}
		}
		var cancel context.CancelFunc
		if hasTimeout {
			ctx, cancel = context.WithTimeout(ctx, timeout)
		} else {
			ctx, cancel = context.WithCancel(ctx)
		}
		defer cancel()

		if len(s.finalizer) > 0 {
			defer func() {
				for _, f := range s.finalizer {
					f(ctx, msg)
				}
			}()
		}

		if headerErr != nil {
			s.fail(ctx, headerErr, msg, nc)
			return
		}

		for _, f := range s.before {
			ctx = f(ctx, msg)
		}

		request, err := s.dec(ctx, msg)
		if err != nil {
			s.fail(ctx, err, msg, nc)
			return
		}

		response, err := s.e(ctx, request)
		if err != nil {
			s.fail(ctx, err, msg, nc)
			return
		}

		for _, f := range s.after {
			ctx = f(ctx, nc)
		}

		if msg.Reply == "" {
			return
		}
		if err := s.enc(ctx, msg.Reply, nc, response); err != nil {
			s.fail(ctx, err, msg, nc)
			return
		}
	}
}

func (s Subscriber) fail(ctx context.Context, err error, msg *nats.Msg, nc *nats.Conn) {
	s.errorHandler.Handle(ctx, err)
	if msg.Reply == "" {
		return
	}
	s.errorEncoder(ctx, err, msg.Reply, nc)
}

// ErrInvalidTimeout is wrapped by the error a Subscriber reports for a
// message whose TimeoutHeader is not a Go duration string.
var ErrInvalidTimeout = errors.New("nats: invalid " + TimeoutHeader + " header")

func parseTimeout(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%w %q: %w", ErrInvalidTimeout, v, err)
	}
	return d, nil
}

// ErrorEncoder sends err to the caller on the reply subject reply of nc. A
// custom ErrorEncoder is the place to map a service's own errors to the
// replies its callers expect. It has no way to report its own failure but
// to handle it itself.
type ErrorEncoder func(ctx context.Context, err error, reply string, nc *nats.Conn)

// SubscriberFinalizerFunc runs once a Subscriber is done with a message,
// typically to log or measure it. ctx carries the values the before
// functions added.
type SubscriberFinalizerFunc func(ctx context.Context, msg *nats.Msg)

// NopRequestDecoder is a DecodeRequestFunc for endpoints that take no
// request: it ignores the message and returns nil, nil.
func NopRequestDecoder(_ context.Context, _ *nats.Msg) (any, error) {
	return nil, nil
}

// DefaultErrorEncoder publishes err to reply as the JSON object
// {"err": err.Error()}, as Go kit does. Beyond Go kit, if the server
// supports headers the reply is marked with ErrorHeader (so that
// DecodeJSONResponse returns a *ReplyError), and a Headerer found in err's
// wrap chain with errors.As adds its headers. A failure to publish is
// dropped: the caller's call times out instead.
func DefaultErrorEncoder(_ context.Context, err error, reply string, nc *nats.Conn) {
	if nc == nil {
		return
	}
	var text string
	if err != nil {
		text = err.Error()
	}
	b, merr := json.Marshal(errorReply{Error: text})
	if merr != nil {
		return
	}
	if !nc.HeadersSupported() {
		_ = nc.Publish(reply, b)
		return
	}
	hdr := nats.Header{ErrorHeader: []string{"true"}}
	var h Headerer
	if errors.As(err, &h) {
		hdr = addHeaders(hdr, h.Headers())
	}
	_ = nc.PublishMsg(&nats.Msg{Subject: reply, Data: b, Header: hdr})
}
