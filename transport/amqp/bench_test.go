package amqp_test

import (
	"context"
	"testing"

	amqp "github.com/rabbitmq/amqp091-go"

	amqptransport "github.com/seedkit/kit/transport/amqp"
)

// BenchmarkServeDelivery measures the Subscriber's own work for one
// delivery: decode, endpoint, encode and a reply to a no-op channel.
func BenchmarkServeDelivery(b *testing.B) {
	h := amqptransport.NewSubscriber(sum, amqptransport.DecodeJSONRequest[sumRequest], amqptransport.EncodeJSONResponse).
		ServeDelivery(nopChannel{})
	d := &amqp.Delivery{Body: []byte(`{"A":1,"B":2}`), ReplyTo: "r", CorrelationId: "c", Headers: amqp.Table{amqptransport.TimeoutHeader: "1s"}}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			h(d)
		}
	})
}

// BenchmarkPublisher measures a Publisher call whose reply a fake channel
// delivers at once.
func BenchmarkPublisher(b *testing.B) {
	ch := newFakeChannel()
	ch.reply = func(p published) []amqp.Delivery {
		return []amqp.Delivery{{CorrelationId: p.msg.CorrelationId, Body: []byte(`{"v":3}`)}}
	}
	call := amqptransport.NewPublisher(ch, replyQueue, amqptransport.EncodeJSONRequest, amqptransport.DecodeJSONResponse[sumResponse]).Endpoint()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := call(context.Background(), sumRequest{1, 2}); err != nil {
			b.Fatal(err)
		}
	}
}

type nopChannel struct{}

func (nopChannel) Publish(string, string, bool, bool, amqp.Publishing) error { return nil }
func (nopChannel) Consume(string, string, bool, bool, bool, bool, amqp.Table) (<-chan amqp.Delivery, error) {
	return nil, nil
}
