package opentelemetry_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	amqp "github.com/rabbitmq/amqp091-go"
	"go.opentelemetry.io/otel/trace"

	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/tracing/opentelemetry"
	amqptransport "github.com/seedkit/kit/transport/amqp"
	natstransport "github.com/seedkit/kit/transport/nats"
)

// The NATS hop without a server: what a Publisher's before function writes
// into a message is what a Subscriber's before function reads.
func TestNATSPropagationInMemory(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	provider := opentelemetry.WithTracerProvider(tp)
	done := make(chan struct{})
	sub := natstransport.NewSubscriber(
		opentelemetry.TraceServer("consume", provider)(func(context.Context, any) (any, error) {
			close(done)
			return nil, nil
		}),
		natstransport.NopRequestDecoder, natstransport.EncodeJSONResponse,
		natstransport.SubscriberBefore(opentelemetry.NATSToContext()),
	)
	publish := opentelemetry.TraceClient("publish", provider)(func(ctx context.Context, _ any) (any, error) {
		msg := &nats.Msg{Subject: "orders"} // no headers yet: the hook allocates them
		opentelemetry.ContextToNATS()(ctx, msg)
		sub.ServeMsg(nil)(msg) // no Reply: nothing is sent on the (nil) connection
		return nil, nil
	})
	if _, err := publish(testContext(t), nil); err != nil {
		t.Fatal(err)
	}
	<-done
	assertChild(t, spanNamed(t, rec, "publish"), spanNamed(t, rec, "consume"))
}

// The same hop through a real NATS server, with kit's Publisher.
func TestNATSPropagationServer(t *testing.T) {
	t.Parallel()
	addr := integration.Addr(t, "NATS_URL")
	nc, err := nats.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	tp, rec := newProvider(t)
	provider := opentelemetry.WithTracerProvider(tp)
	subject := "kit.tracing.otel." + strconv.FormatInt(time.Now().UnixNano(), 36)

	sub := natstransport.NewSubscriber(
		opentelemetry.TraceServer("consume", provider)(func(context.Context, any) (any, error) { return "ok", nil }),
		natstransport.NopRequestDecoder, natstransport.EncodeJSONResponse,
		natstransport.SubscriberBefore(opentelemetry.NATSToContext()),
	)
	s, err := nc.Subscribe(subject, sub.ServeMsg(nc))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Unsubscribe() }()
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	pub := opentelemetry.TraceClient("publish", provider)(natstransport.NewPublisher(nc, subject,
		natstransport.EncodeJSONRequest,
		func(context.Context, *nats.Msg) (any, error) { return nil, nil },
		natstransport.PublisherBefore(opentelemetry.ContextToNATS()),
	).Endpoint())
	if _, err := pub(testContext(t), "req"); err != nil {
		t.Fatal(err)
	}
	// The reply is sent after the subscriber's endpoint returns, so its span
	// has ended by the time the publisher has its answer.
	assertChild(t, spanNamed(t, rec, "publish"), spanNamed(t, rec, "consume"))
}

// channel is an in-memory amqptransport.Channel that keeps what is
// published.
type channel struct {
	mu        sync.Mutex
	published []amqp.Publishing
}

func (c *channel) Publish(_, _ string, _, _ bool, msg amqp.Publishing) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.published = append(c.published, msg)
	return nil
}

func (c *channel) Consume(string, string, bool, bool, bool, bool, amqp.Table) (<-chan amqp.Delivery, error) {
	return make(chan amqp.Delivery), nil
}

// The AMQP hop in memory: kit's Publisher publishes to a fake channel, and
// the message is delivered to kit's Subscriber.
func TestAMQPPropagationInMemory(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	provider := opentelemetry.WithTracerProvider(tp)
	ch := &channel{}
	pub := opentelemetry.TraceClient("publish", provider)(amqptransport.NewPublisher(ch, nil,
		amqptransport.EncodeJSONRequest,
		func(context.Context, *amqp.Delivery) (any, error) { return nil, nil },
		amqptransport.PublisherDeliverer(amqptransport.SendAndForgetDeliverer),
		amqptransport.PublisherBefore(opentelemetry.ContextToAMQP()),
	).Endpoint())
	if _, err := pub(testContext(t), "req"); err != nil {
		t.Fatal(err)
	}
	if len(ch.published) != 1 {
		t.Fatalf("%d messages published, want 1", len(ch.published))
	}
	var consumed trace.SpanContext
	sub := amqptransport.NewSubscriber(
		opentelemetry.TraceServer("consume", provider)(func(ctx context.Context, _ any) (any, error) {
			consumed = trace.SpanContextFromContext(ctx)
			return nil, nil
		}),
		func(context.Context, *amqp.Delivery) (any, error) { return nil, nil },
		amqptransport.EncodeNopResponse,
		amqptransport.SubscriberBefore(opentelemetry.AMQPToContext()),
		amqptransport.SubscriberResponsePublisher(amqptransport.NopResponsePublisher),
	)
	msg := ch.published[0]
	sub.ServeDelivery(ch)(&amqp.Delivery{Headers: msg.Headers, Body: msg.Body, ContentType: msg.ContentType})
	consume := spanNamed(t, rec, "consume")
	assertChild(t, spanNamed(t, rec, "publish"), consume)
	if consumed.SpanID() != consume.SpanContext().SpanID() {
		t.Error("the endpoint did not run in the consume span")
	}
}

func TestMessagingHooksNilSafe(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	if got := opentelemetry.NATSToContext()(ctx, nil); got != ctx {
		t.Error("NATSToContext changed ctx for a nil message")
	}
	opentelemetry.ContextToNATS()(ctx, nil)
	if got := opentelemetry.AMQPToContext()(ctx, nil, nil); got != ctx {
		t.Error("AMQPToContext changed ctx for a nil delivery")
	}
	opentelemetry.ContextToAMQP()(ctx, nil, nil)
	if got := opentelemetry.NATSToContext()(ctx, &nats.Msg{}); trace.SpanContextFromContext(got).IsValid() {
		t.Error("span context from a message without headers")
	}
}
