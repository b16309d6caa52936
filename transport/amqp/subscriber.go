package amqp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

// Channel is the part of *amqp.Channel that Publishers and Subscribers
// use, so that a fake can stand in for it in tests. Implementations must be
// safe for concurrent use if the Publisher or Subscriber is used
// concurrently. DefaultDeliverer also uses a Cancel(consumer string, noWait
// bool) error method when the Channel has one.
type Channel interface {
	Publish(exchange, key string, mandatory, immediate bool, msg amqp.Publishing) error
	Consume(queue, consumer string, autoAck, exclusive, noLocal, noWail bool, args amqp.Table) (<-chan amqp.Delivery, error)
}

// Subscriber wraps an endpoint and serves it to AMQP deliveries:
// ServeDelivery returns the function to call with each delivery of a
// consumer. Build it with NewSubscriber; the zero value is not usable. A
// Subscriber is safe for concurrent use as long as its endpoint, codecs and
// hooks are. It starts no goroutines: the caller consumes and calls the
// handler, and cancelling the consumer or closing the channel stops it.
//
// The Subscriber neither acks nor nacks deliveries by itself, as in Go kit:
// consume with autoAck, or ack with SetAckAfterEndpoint and an error encoder
// such as ReplyAndAckErrorEncoder or SingleNackRequeueErrorEncoder.
type Subscriber struct {
	e                 endpoint.Endpoint
	dec               DecodeRequestFunc
	enc               EncodeResponseFunc
	before            []RequestFunc
	after             []SubscriberResponseFunc
	responsePublisher ResponsePublisher
	errorEncoder      ErrorEncoder
	errorHandler      transport.ErrorHandler
}

// NewSubscriber constructs a new Subscriber that serves e: dec turns each
// delivery into the endpoint's request and enc writes the endpoint's
// response into the reply publishing, which DefaultResponsePublisher sends.
//
// By default errors are handed to an error handler that discards them and
// to DefaultErrorEncoder, which does nothing; see SubscriberErrorEncoder and
// SubscriberErrorHandler.
func NewSubscriber(
	e endpoint.Endpoint,
	dec DecodeRequestFunc,
	enc EncodeResponseFunc,
	options ...SubscriberOption,
) *Subscriber {
	s := &Subscriber{
		e:                 e,
		dec:               dec,
		enc:               enc,
		responsePublisher: DefaultResponsePublisher,
		errorEncoder:      DefaultErrorEncoder,
		errorHandler:      transport.NewLogErrorHandler(log.NewNopLogger()),
	}
	for _, option := range options {
		option(s)
	}
	return s
}

// SubscriberOption sets an optional parameter for subscribers.
type SubscriberOption func(*Subscriber)

// SubscriberBefore appends functions that run on each delivery before it is
// decoded, in the order given.
func SubscriberBefore(before ...RequestFunc) SubscriberOption {
	return func(s *Subscriber) { s.before = append(s.before, before...) }
}

// SubscriberAfter appends functions that run after the endpoint succeeds
// and before the response is encoded, in the order given.
func SubscriberAfter(after ...SubscriberResponseFunc) SubscriberOption {
	return func(s *Subscriber) { s.after = append(s.after, after...) }
}

// SubscriberResponsePublisher sets how the reply is sent
// (DefaultResponsePublisher unless set; NopResponsePublisher sends none).
func SubscriberResponsePublisher(rp ResponsePublisher) SubscriberOption {
	return func(s *Subscriber) { s.responsePublisher = rp }
}

// SubscriberErrorEncoder replaces the function called with every error of
// the decoder, endpoint, encoder or response publisher, after the error
// handler (DefaultErrorEncoder, which does nothing, unless set).
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
// diagnostics such as logging or counting. It cannot change what happens to
// the delivery; use SubscriberErrorEncoder for that. By default errors are
// discarded.
func SubscriberErrorHandler(errorHandler transport.ErrorHandler) SubscriberOption {
	return func(s *Subscriber) { s.errorHandler = errorHandler }
}

// ErrInvalidTimeout is wrapped by the error a Subscriber reports for a
// delivery whose TimeoutHeader is not a Go duration string.
var ErrInvalidTimeout = errors.New("amqp: invalid " + TimeoutHeader + " header")

// ServeDelivery returns a handler that serves the Subscriber's endpoint to
// the deliveries it is given, replying on ch. For each delivery it runs, in
// order: the before functions, the decoder, the endpoint, the after
// functions, the encoder and the response publisher. An error from any of
// the last five but the after functions is passed to the error handler and
// then to the error encoder, and the delivery ends there.
//
// If the delivery carries a TimeoutHeader, it is served with a context that
// ends when that time has passed; a malformed one is an error handled like a
// decoding error. (Go kit serves every delivery with a context that never
// ends.) A nil delivery is ignored. The handler does not recover panics;
// use a recovering endpoint.Middleware for the endpoint.
//
// A typical consumer loop, which ends when the consumer is cancelled or
// the channel closes:
//
//	deliveries, err := ch.Consume(queue, "", false, false, false, false, nil)
//	...
//	handle := sub.ServeDelivery(ch)
//	for d := range deliveries {
//		handle(&d)
//	}
func (s Subscriber) ServeDelivery(ch Channel) func(deliv *amqp.Delivery) {
	return func(deliv *amqp.Delivery) {
		if deliv == nil {
			return
		}
		ctx := context.Background()
		timeout, hasTimeout, headerErr := deliveryTimeout(deliv.Headers)
		var cancel context.CancelFunc
		if hasTimeout {
			ctx, cancel = context.WithTimeout(ctx, timeout)
		} else {
			ctx, cancel = context.WithCancel(ctx)
		}
		defer cancel()

		pub := amqp.Publishing{}
		if headerErr != nil {
			s.fail(ctx, headerErr, deliv, ch, &pub)
			return
		}

		for _, f := range s.before {
			ctx = f(ctx, &pub, deliv)
		}

		request, err := s.dec(ctx, deliv)
		if err != nil {
			s.fail(ctx, err, deliv, ch, &pub)
			return
		}

		response, err := s.e(ctx, request)
		if err != nil {
			s.fail(ctx, err, deliv, ch, &pub)
			return
		}

		for _, f := range s.after {
			ctx = f(ctx, deliv, ch, &pub)
		}

		if err := s.enc(ctx, &pub, response); err != nil {
			s.fail(ctx, err, deliv, ch, &pub)
			return
		}

		if err := s.responsePublisher(ctx, deliv, ch, &pub); err != nil {
			s.fail(ctx, err, deliv, ch, &pub)
			return
		}
	}
}

func (s Subscriber) fail(ctx context.Context, err error, deliv *amqp.Delivery, ch Channel, pub *amqp.Publishing) {
	s.errorHandler.Handle(ctx, err)
	s.errorEncoder(ctx, err, deliv, ch, pub)
}

func deliveryTimeout(h amqp.Table) (time.Duration, bool, error) {
	v, ok := h[TimeoutHeader]
	if !ok {
		return 0, false, nil
	}
	s, ok := v.(string)
	if !ok {
		return 0, false, fmt.Errorf("%w: a %T, want a string", ErrInvalidTimeout, v)
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, false, fmt.Errorf("%w %q: %w", ErrInvalidTimeout, s, err)
	}
	return d, true, nil
}

// ResponsePublisher sends the reply publishing pub for the delivery deliv
// on ch.
type ResponsePublisher func(
	context.Context,
	*amqp.Delivery,
	Channel,
	*amqp.Publishing,
) error

// DefaultResponsePublisher publishes pub as the reply to deliv: to the
// exchange set by SetPublishExchange ("" by default), with the routing key
// set by SetPublishKey or else deliv.ReplyTo. pub's CorrelationId is
// deliv's unless the encoder or hooks set one. A delivery with no ReplyTo,
// when no exchange or routing key was set, wants no reply: nothing is
// published (Go kit publishes to the default exchange with an empty key,
// which the broker drops).
func DefaultResponsePublisher(
	ctx context.Context,
	deliv *amqp.Delivery,
	ch Channel,
	pub *amqp.Publishing,
) error {
	if ch == nil {
		return ErrNilChannel
	}
	if pub.CorrelationId == "" {
		pub.CorrelationId = deliv.CorrelationId
	}
	exchange, key := replyAddress(ctx, deliv)
	if exchange == "" && key == "" {
		return nil
	}
	return ch.Publish(exchange, key, false, false, *pub)
}

func replyAddress(ctx context.Context, deliv *amqp.Delivery) (exchange, key string) {
	key = getPublishKey(ctx)
	if key == "" {
		key = deliv.ReplyTo
	}
	return getPublishExchange(ctx), key
}

// NopResponsePublisher is a ResponsePublisher that sends nothing, for
// deliveries that expect no reply.
func NopResponsePublisher(
	ctx context.Context,
	deliv *amqp.Delivery,
	ch Channel,
	pub *amqp.Publishing,
) error {
	return nil
}

// ErrorEncoder acts on a Subscriber's error: it may reply, ack, nack or
// requeue the delivery. It has no way to report its own failure but to
// handle it itself.
type ErrorEncoder func(ctx context.Context,
	err error, deliv *amqp.Delivery, ch Channel, pub *amqp.Publishing)

// DefaultErrorEncoder does nothing, as in Go kit: the delivery is neither
// answered nor acknowledged (unless the consumer uses autoAck).
func DefaultErrorEncoder(ctx context.Context,
	err error, deliv *amqp.Delivery, ch Channel, pub *amqp.Publishing) {
}

// SingleNackRequeueErrorEncoder nacks the delivery (not multiple) with
// requeue, then waits for the duration set by SetNackSleepDuration (none by
// default) before the consumer takes the next delivery, as in Go kit. The
// wait is not cut short when ctx ends: ctx usually ended because the
// caller's deadline passed, and the wait is what keeps such a delivery from
// cycling through nack and redelivery at full speed.
func SingleNackRequeueErrorEncoder(ctx context.Context,
	err error, deliv *amqp.Delivery, ch Channel, pub *amqp.Publishing) {
	_ = deliv.Nack(false, true)
	if d := getNackSleepDuration(ctx); d > 0 {
		time.Sleep(d)
	}
}

// ReplyErrorEncoder replies to the delivery with the JSON object
// {"err": err.Error()} (a DefaultErrorResponse), addressed as
// DefaultResponsePublisher would. Beyond Go kit, the reply carries
// ErrorHeader, so that DecodeJSONResponse returns a *ReplyError. Nothing is
// sent if the reply has no address; a publish error is dropped.
func ReplyErrorEncoder(
	ctx context.Context,
	err error,
	deliv *amqp.Delivery,
	ch Channel,
	pub *amqp.Publishing,
) {
	if ch == nil {
		return
	}
	if pub.CorrelationId == "" {
		pub.CorrelationId = deliv.CorrelationId
	}
	exchange, key := replyAddress(ctx, deliv)
	if exchange == "" && key == "" {
		return
	}
	var text string
	if err != nil {
		text = err.Error()
	}
	b, merr := json.Marshal(DefaultErrorResponse{Error: text})
	if merr != nil {
		return
	}
	pub.Body = b
	pub.Headers = withHeader(pub.Headers, ErrorHeader, "true")
	_ = ch.Publish(exchange, key, false, false, *pub)
}

// ReplyAndAckErrorEncoder replies like ReplyErrorEncoder, then acks the
// delivery (not multiple).
func ReplyAndAckErrorEncoder(ctx context.Context, err error, deliv *amqp.Delivery, ch Channel, pub *amqp.Publishing) {
	ReplyErrorEncoder(ctx, err, deliv, ch, pub)
	_ = deliv.Ack(false)
}

// DefaultErrorResponse is the body of the replies ReplyErrorEncoder sends:
// {"err": "..."}.
type DefaultErrorResponse struct {
	Error string `json:"err"`
}
