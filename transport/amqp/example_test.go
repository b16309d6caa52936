package amqp_test

import (
	"context"
	"errors"
	"fmt"

	amqp "github.com/rabbitmq/amqp091-go"

	amqptransport "github.com/seedkit/kit/transport/amqp"
)

// loopback is an in-memory Channel: whatever is published is consumed by
// the handler registered for its routing key, or delivered to a consumer of
// the queue named by the key.
type loopback struct {
	handlers map[string]func(*amqp.Delivery)
	queues   map[string]chan amqp.Delivery
}

func (l *loopback) Publish(_, key string, _, _ bool, msg amqp.Publishing) error {
	d := amqp.Delivery{Body: msg.Body, Headers: msg.Headers, ReplyTo: msg.ReplyTo, CorrelationId: msg.CorrelationId}
	if h, ok := l.handlers[key]; ok {
		h(&d)
		return nil
	}
	l.queues[key] <- d
	return nil
}

func (l *loopback) Consume(queue, _ string, _, _, _, _ bool, _ amqp.Table) (<-chan amqp.Delivery, error) {
	return l.queues[queue], nil
}

type upperRequest struct{ S string }
type upperResponse struct{ V string }

// A Subscriber and a Publisher for the same endpoint, on an in-memory
// Channel. With RabbitMQ, ch is an *amqp.Channel and the Subscriber's
// handler is called from a consumer loop (see ServeDelivery).
func Example() {
	ch := &loopback{handlers: map[string]func(*amqp.Delivery){}, queues: map[string]chan amqp.Delivery{"replies": make(chan amqp.Delivery, 1)}}

	upper := func(_ context.Context, request any) (any, error) {
		s := request.(upperRequest).S
		if s == "" {
			return nil, errors.New("empty string")
		}
		return upperResponse{V: fmt.Sprintf("%q", s)}, nil
	}
	srv := amqptransport.NewSubscriber(upper,
		amqptransport.DecodeJSONRequest[upperRequest],
		amqptransport.EncodeJSONResponse,
		amqptransport.SubscriberErrorEncoder(amqptransport.ReplyErrorEncoder))
	ch.handlers["upper"] = srv.ServeDelivery(ch)

	call := amqptransport.NewPublisher(ch, &amqp.Queue{Name: "replies"},
		amqptransport.EncodeJSONRequest,
		amqptransport.DecodeJSONResponse[upperResponse],
		amqptransport.PublisherBefore(amqptransport.SetPublishKey("upper"))).Endpoint()

	fmt.Println(call(context.Background(), upperRequest{"hi"}))
	fmt.Println(call(context.Background(), upperRequest{}))
	// Output:
	// {"hi"} <nil>
	// <nil> amqp: error reply: empty string
}

// SendAndForgetDeliverer publishes without waiting for a reply.
func ExampleSendAndForgetDeliverer() {
	ch := &loopback{queues: map[string]chan amqp.Delivery{"jobs": make(chan amqp.Delivery, 1)}}
	enqueue := amqptransport.NewPublisher(ch, nil,
		amqptransport.EncodeJSONRequest,
		amqptransport.DecodeJSONResponse[struct{}],
		amqptransport.PublisherDeliverer(amqptransport.SendAndForgetDeliverer),
		amqptransport.PublisherBefore(amqptransport.SetPublishKey("jobs"))).Endpoint()
	fmt.Println(enqueue(context.Background(), map[string]int{"id": 7}))
	fmt.Println(string((<-ch.queues["jobs"]).Body))
	// Output:
	// <nil> <nil>
	// {"id":7}
}
