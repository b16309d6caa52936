package opentelemetry

import (
	"context"

	"github.com/nats-io/nats.go"
	amqp "github.com/rabbitmq/amqp091-go"
	"go.opentelemetry.io/otel/trace"
)

// ContextToNATS returns a NATS request function (for
// natstransport.PublisherBefore, whose RequestFunc has this signature) that
// injects the span context of ctx, and its baggage, into the message's
// headers with the configured propagator, allocating them if needed. It
// starts no span: wrap the publisher's endpoint with TraceClient. A nil msg
// is left alone; WithPublicEndpoint(true) turns it into a no-op.
func ContextToNATS(opts ...Option) func(ctx context.Context, msg *nats.Msg) context.Context {
	c := newConfig(trace.SpanKindProducer, opts)
	return func(ctx context.Context, msg *nats.Msg) context.Context {
		if !c.public && msg != nil {
			c.propagator.Inject(ctx, NATSHeaderCarrier{Msg: msg})
		}
		return ctx
	}
}

// NATSToContext returns a NATS request function (for
// natstransport.SubscriberBefore) that extracts the publisher's span context
// from the message's headers and returns a context holding it as the remote
// parent, so that spans started from it (by TraceServer, for example) join
// the publisher's trace. It starts no span. A nil msg, a message without
// headers, or WithPublicEndpoint(true) leave ctx unchanged.
func NATSToContext(opts ...Option) func(ctx context.Context, msg *nats.Msg) context.Context {
	c := newConfig(trace.SpanKindConsumer, opts)
	return func(ctx context.Context, msg *nats.Msg) context.Context {
		if c.public || msg == nil {
			return ctx
		}
		return c.propagator.Extract(ctx, NATSHeaderCarrier{Msg: msg})
	}
}

// ContextToAMQP returns an AMQP request function (for
// amqptransport.PublisherBefore, whose RequestFunc has this signature) that
// injects the span context of ctx, and its baggage, into the headers of the
// outgoing publishing, allocating them if needed. The delivery argument is
// ignored. It starts no span: wrap the publisher's endpoint with
// TraceClient. A nil publishing is left alone; WithPublicEndpoint(true)
// turns it into a no-op.
func ContextToAMQP(opts ...Option) func(ctx context.Context, pub *amqp.Publishing, _ *amqp.Delivery) context.Context {
	c := newConfig(trace.SpanKindProducer, opts)
	return func(ctx context.Context, pub *amqp.Publishing, _ *amqp.Delivery) context.Context {
		if !c.public && pub != nil {
			c.propagator.Inject(ctx, AMQPTableCarrier{Table: &pub.Headers})
		}
		return ctx
	}
}

// AMQPToContext returns an AMQP request function (for
// amqptransport.SubscriberBefore) that extracts the publisher's span context
// from the headers of the incoming delivery and returns a context holding it
// as the remote parent, so that spans started from it (by TraceServer, for
// example) join the publisher's trace. It starts no span. The publishing
// argument (the reply being prepared) is ignored. A nil delivery, one
// without headers, or WithPublicEndpoint(true) leave ctx unchanged.
func AMQPToContext(opts ...Option) func(ctx context.Context, _ *amqp.Publishing, deliv *amqp.Delivery) context.Context {
	c := newConfig(trace.SpanKindConsumer, opts)
	return func(ctx context.Context, _ *amqp.Publishing, deliv *amqp.Delivery) context.Context {
		if c.public || deliv == nil {
			return ctx
		}
		return c.propagator.Extract(ctx, AMQPTableCarrier{Table: &deliv.Headers})
	}
}
