package amqp

import (
	"context"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// RequestFunc may take information from a delivery or publishing and put it
// into the context, or change the publishing. A Publisher runs its
// RequestFuncs on the outgoing publishing (the delivery is nil) after
// encoding it; a Subscriber runs them on the incoming delivery and the reply
// publishing (still empty) before decoding.
type RequestFunc func(context.Context, *amqp.Publishing, *amqp.Delivery) context.Context

// SubscriberResponseFunc may act on the delivery, channel or reply
// publishing after a Subscriber's endpoint succeeds and before the response
// is encoded and published (see SetAckAfterEndpoint).
type SubscriberResponseFunc func(context.Context,
	*amqp.Delivery,
	Channel,
	*amqp.Publishing,
) context.Context

// PublisherResponseFunc may take information from the reply delivery and
// put it into the context. A Publisher runs them after the reply arrives
// and before it is decoded.
type PublisherResponseFunc func(context.Context, *amqp.Delivery) context.Context

// SetPublishExchange returns a RequestFunc that sets the exchange to publish
// to: for a Publisher, the request's exchange; for a Subscriber, the reply's.
// The default is "", the default exchange.
func SetPublishExchange(publishExchange string) RequestFunc {
	return func(ctx context.Context, _ *amqp.Publishing, _ *amqp.Delivery) context.Context {
		return context.WithValue(ctx, ContextKeyExchange, publishExchange)
	}
}

// SetPublishKey returns a RequestFunc that sets the routing key to publish
// with: for a Publisher, the request's key (the request queue's name, with
// the default exchange); for a Subscriber, the reply's key, overriding the
// delivery's ReplyTo.
func SetPublishKey(publishKey string) RequestFunc {
	return func(ctx context.Context, _ *amqp.Publishing, _ *amqp.Delivery) context.Context {
		return context.WithValue(ctx, ContextKeyPublishKey, publishKey)
	}
}

// SetPublishDeliveryMode returns a RequestFunc that sets the publishing's
// delivery mode (amqp.Transient or amqp.Persistent).
func SetPublishDeliveryMode(dmode uint8) RequestFunc {
	return func(ctx context.Context, pub *amqp.Publishing, _ *amqp.Delivery) context.Context {
		pub.DeliveryMode = dmode
		return ctx
	}
}

// SetNackSleepDuration returns a RequestFunc that sets how long an error
// encoder that nacks and requeues a delivery, such as
// SingleNackRequeueErrorEncoder, waits afterwards, so that a message that
// always fails is not redelivered in a tight loop. For Subscribers.
func SetNackSleepDuration(duration time.Duration) RequestFunc {
	return func(ctx context.Context, _ *amqp.Publishing, _ *amqp.Delivery) context.Context {
		return context.WithValue(ctx, ContextKeyNackSleepDuration, duration)
	}
}

// SetConsumeAutoAck returns a RequestFunc that sets the autoAck argument of
// the Consume call DefaultDeliverer makes for the reply. With false (the
// default) the Publisher acks the reply it takes. For Publishers.
func SetConsumeAutoAck(autoAck bool) RequestFunc {
	return func(ctx context.Context, _ *amqp.Publishing, _ *amqp.Delivery) context.Context {
		return context.WithValue(ctx, ContextKeyAutoAck, autoAck)
	}
}

// SetConsumeArgs returns a RequestFunc that sets the args argument of the
// Consume call DefaultDeliverer makes for the reply. For Publishers.
func SetConsumeArgs(args amqp.Table) RequestFunc {
	return func(ctx context.Context, _ *amqp.Publishing, _ *amqp.Delivery) context.Context {
		return context.WithValue(ctx, ContextKeyConsumeArgs, args)
	}
}

// SetContentType returns a RequestFunc that sets the publishing's
// ContentType.
func SetContentType(contentType string) RequestFunc {
	return func(ctx context.Context, pub *amqp.Publishing, _ *amqp.Delivery) context.Context {
		pub.ContentType = contentType
		return ctx
	}
}

// SetContentEncoding returns a RequestFunc that sets the publishing's
// ContentEncoding.
func SetContentEncoding(contentEncoding string) RequestFunc {
	return func(ctx context.Context, pub *amqp.Publishing, _ *amqp.Delivery) context.Context {
		pub.ContentEncoding = contentEncoding
		return ctx
	}
}

// SetCorrelationID returns a RequestFunc that sets the publishing's
// CorrelationId. A Publisher matches replies by it, so concurrent calls of
// one Publisher should keep the random ids it makes.
func SetCorrelationID(cid string) RequestFunc {
	return func(ctx context.Context, pub *amqp.Publishing, _ *amqp.Delivery) context.Context {
		pub.CorrelationId = cid
		return ctx
	}
}

// SetAckAfterEndpoint returns a SubscriberResponseFunc that acks the
// delivery once the endpoint has succeeded, before the response is encoded
// and published. An ack error is dropped, as in Go kit: the broker
// redelivers the message once the channel closes.
func SetAckAfterEndpoint(multiple bool) SubscriberResponseFunc {
	return func(ctx context.Context, deliv *amqp.Delivery, _ Channel, _ *amqp.Publishing) context.Context {
		_ = deliv.Ack(multiple)
		return ctx
	}
}

func getPublishExchange(ctx context.Context) string {
	s, _ := ctx.Value(ContextKeyExchange).(string)
	return s
}

func getPublishKey(ctx context.Context) string {
	s, _ := ctx.Value(ContextKeyPublishKey).(string)
	return s
}

func getNackSleepDuration(ctx context.Context) time.Duration {
	d, _ := ctx.Value(ContextKeyNackSleepDuration).(time.Duration)
	return d
}

func getConsumeAutoAck(ctx context.Context) bool {
	b, _ := ctx.Value(ContextKeyAutoAck).(bool)
	return b
}

func getConsumeArgs(ctx context.Context) amqp.Table {
	t, _ := ctx.Value(ContextKeyConsumeArgs).(amqp.Table)
	return t
}

type contextKey int

// Context keys under which the Set* RequestFuncs store their values. Their
// values are those of Go kit. A value of the wrong type is ignored (Go kit
// panics).
const (
	// ContextKeyExchange holds the exchange to publish to (string).
	ContextKeyExchange contextKey = iota
	// ContextKeyPublishKey holds the routing key to publish with (string).
	ContextKeyPublishKey
	// ContextKeyNackSleepDuration holds how long to wait after nacking and
	// requeueing a delivery (time.Duration).
	ContextKeyNackSleepDuration
	// ContextKeyAutoAck holds the autoAck argument of the reply Consume
	// (bool).
	ContextKeyAutoAck
	// ContextKeyConsumeArgs holds the args argument of the reply Consume
	// (amqp.Table).
	ContextKeyConsumeArgs
)
