//lint:file-ignore SA1019 deprecated identifiers are part of the API being checked.

package apicompat_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	amqptransport "github.com/seedkit/kit/transport/amqp"
)

// Interfaces, checked both ways.
type amqpChannel = interface {
	Publish(exchange, key string, mandatory, immediate bool, msg amqp.Publishing) error
	Consume(queue, consumer string, autoAck, exclusive, noLocal, noWail bool, args amqp.Table) (<-chan amqp.Delivery, error)
}

var (
	_ amqptransport.Channel = amqpChannel(nil)
	_ amqpChannel           = amqptransport.Channel(nil)
	_ amqptransport.Channel = (*amqp.Channel)(nil)
)

// Structs with exported fields only.
var _ = amqptransport.DefaultErrorResponse(struct{ Error string }{})

// Defined func types, converted both ways.
var (
	_ amqptransport.DecodeRequestFunc                    = func(context.Context, *amqp.Delivery) (any, error) { return nil, nil }
	_ func(context.Context, *amqp.Delivery) (any, error) = amqptransport.DecodeRequestFunc(nil)
	_ amqptransport.DecodeResponseFunc                   = func(context.Context, *amqp.Delivery) (any, error) { return nil, nil }
	_ func(context.Context, *amqp.Delivery) (any, error) = amqptransport.DecodeResponseFunc(nil)
	_ amqptransport.Deliverer                            = func(context.Context, amqptransport.Publisher, *amqp.Publishing) (*amqp.Delivery, error) {
		return nil, nil
	}
	_ func(context.Context, amqptransport.Publisher, *amqp.Publishing) (*amqp.Delivery, error) = amqptransport.Deliverer(nil)
	_ amqptransport.EncodeRequestFunc                                                          = func(context.Context, *amqp.Publishing, any) error { return nil }
	_ func(context.Context, *amqp.Publishing, any) error                                       = amqptransport.EncodeRequestFunc(nil)
	_ amqptransport.EncodeResponseFunc                                                         = func(context.Context, *amqp.Publishing, any) error { return nil }
	_ func(context.Context, *amqp.Publishing, any) error                                       = amqptransport.EncodeResponseFunc(nil)
	_ amqptransport.ErrorEncoder                                                               = func(context.Context, error, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing) {}
	_ func(context.Context, error, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing)    = amqptransport.ErrorEncoder(nil)
	_ amqptransport.PublisherOption                                                            = func(*amqptransport.Publisher) {}
	_ func(*amqptransport.Publisher)                                                           = amqptransport.PublisherOption(nil)
	_ amqptransport.PublisherResponseFunc                                                      = func(context.Context, *amqp.Delivery) context.Context { return nil }
	_ func(context.Context, *amqp.Delivery) context.Context                                    = amqptransport.PublisherResponseFunc(nil)
	_ amqptransport.RequestFunc                                                                = func(context.Context, *amqp.Publishing, *amqp.Delivery) context.Context { return nil }
	_ func(context.Context, *amqp.Publishing, *amqp.Delivery) context.Context                  = amqptransport.RequestFunc(nil)
	_ amqptransport.ResponsePublisher                                                          = func(context.Context, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing) error { return nil }
	_ func(context.Context, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing) error     = amqptransport.ResponsePublisher(nil)
	_ amqptransport.SubscriberOption                                                           = func(*amqptransport.Subscriber) {}
	_ func(*amqptransport.Subscriber)                                                          = amqptransport.SubscriberOption(nil)
	_ amqptransport.SubscriberResponseFunc                                                     = func(context.Context, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing) context.Context {
		return nil
	}
	_ func(context.Context, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing) context.Context = amqptransport.SubscriberResponseFunc(nil)
)

// Methods: value receivers, as listed.
var (
	_ func(amqptransport.Publisher) endpoint.Endpoint                                  = amqptransport.Publisher.Endpoint
	_ func(amqptransport.Subscriber, amqptransport.Channel) func(deliv *amqp.Delivery) = amqptransport.Subscriber.ServeDelivery
)

// Functions.
var (
	_ func(context.Context, amqptransport.Publisher, *amqp.Publishing) (*amqp.Delivery, error)                                                                               = amqptransport.DefaultDeliverer
	_ func(context.Context, error, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing)                                                                                  = amqptransport.DefaultErrorEncoder
	_ func(context.Context, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing) error                                                                                   = amqptransport.DefaultResponsePublisher
	_ func(context.Context, *amqp.Publishing, any) error                                                                                                                     = amqptransport.EncodeJSONResponse
	_ func(context.Context, *amqp.Publishing, any) error                                                                                                                     = amqptransport.EncodeNopResponse
	_ func(amqptransport.Channel, *amqp.Queue, amqptransport.EncodeRequestFunc, amqptransport.DecodeResponseFunc, ...amqptransport.PublisherOption) *amqptransport.Publisher = amqptransport.NewPublisher
	_ func(endpoint.Endpoint, amqptransport.DecodeRequestFunc, amqptransport.EncodeResponseFunc, ...amqptransport.SubscriberOption) *amqptransport.Subscriber                = amqptransport.NewSubscriber
	_ func(context.Context, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing) error                                                                                   = amqptransport.NopResponsePublisher
	_ func(...amqptransport.PublisherResponseFunc) amqptransport.PublisherOption                                                                                             = amqptransport.PublisherAfter
	_ func(...amqptransport.RequestFunc) amqptransport.PublisherOption                                                                                                       = amqptransport.PublisherBefore
	_ func(amqptransport.Deliverer) amqptransport.PublisherOption                                                                                                            = amqptransport.PublisherDeliverer
	_ func(time.Duration) amqptransport.PublisherOption                                                                                                                      = amqptransport.PublisherTimeout
	_ func(context.Context, error, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing)                                                                                  = amqptransport.ReplyAndAckErrorEncoder
	_ func(context.Context, error, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing)                                                                                  = amqptransport.ReplyErrorEncoder
	_ func(context.Context, amqptransport.Publisher, *amqp.Publishing) (*amqp.Delivery, error)                                                                               = amqptransport.SendAndForgetDeliverer
	_ func(bool) amqptransport.SubscriberResponseFunc                                                                                                                        = amqptransport.SetAckAfterEndpoint
	_ func(amqp.Table) amqptransport.RequestFunc                                                                                                                             = amqptransport.SetConsumeArgs
	_ func(bool) amqptransport.RequestFunc                                                                                                                                   = amqptransport.SetConsumeAutoAck
	_ func(string) amqptransport.RequestFunc                                                                                                                                 = amqptransport.SetContentEncoding
	_ func(string) amqptransport.RequestFunc                                                                                                                                 = amqptransport.SetContentType
	_ func(string) amqptransport.RequestFunc                                                                                                                                 = amqptransport.SetCorrelationID
	_ func(time.Duration) amqptransport.RequestFunc                                                                                                                          = amqptransport.SetNackSleepDuration
	_ func(uint8) amqptransport.RequestFunc                                                                                                                                  = amqptransport.SetPublishDeliveryMode
	_ func(string) amqptransport.RequestFunc                                                                                                                                 = amqptransport.SetPublishExchange
	_ func(string) amqptransport.RequestFunc                                                                                                                                 = amqptransport.SetPublishKey
	_ func(context.Context, error, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing)                                                                                  = amqptransport.SingleNackRequeueErrorEncoder
	_ func(...amqptransport.SubscriberResponseFunc) amqptransport.SubscriberOption                                                                                           = amqptransport.SubscriberAfter
	_ func(...amqptransport.RequestFunc) amqptransport.SubscriberOption                                                                                                      = amqptransport.SubscriberBefore
	_ func(amqptransport.ErrorEncoder) amqptransport.SubscriberOption                                                                                                        = amqptransport.SubscriberErrorEncoder
	_ func(transport.ErrorHandler) amqptransport.SubscriberOption                                                                                                            = amqptransport.SubscriberErrorHandler
	_ func(log.Logger) amqptransport.SubscriberOption                                                                                                                        = amqptransport.SubscriberErrorLogger
	_ func(amqptransport.ResponsePublisher) amqptransport.SubscriberOption                                                                                                   = amqptransport.SubscriberResponsePublisher
)

// The named func types are defined types, not aliases.
func _(v any) {
	switch v.(type) {
	case amqptransport.DecodeRequestFunc:
	case amqptransport.DecodeResponseFunc:
	case func(context.Context, *amqp.Delivery) (any, error):
	case amqptransport.Deliverer:
	case func(context.Context, amqptransport.Publisher, *amqp.Publishing) (*amqp.Delivery, error):
	case amqptransport.EncodeRequestFunc:
	case amqptransport.EncodeResponseFunc:
	case func(context.Context, *amqp.Publishing, any) error:
	case amqptransport.ErrorEncoder:
	case func(context.Context, error, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing):
	case amqptransport.PublisherResponseFunc:
	case func(context.Context, *amqp.Delivery) context.Context:
	case amqptransport.RequestFunc:
	case func(context.Context, *amqp.Publishing, *amqp.Delivery) context.Context:
	case amqptransport.ResponsePublisher:
	case func(context.Context, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing) error:
	case amqptransport.SubscriberResponseFunc:
	case func(context.Context, *amqp.Delivery, amqptransport.Channel, *amqp.Publishing) context.Context:
	case amqptransport.PublisherOption:
	case func(*amqptransport.Publisher):
	case amqptransport.SubscriberOption:
	case func(*amqptransport.Subscriber):
	}
}

// All ContextKey* constants have one type (assignable to each other).
func _() {
	k := amqptransport.ContextKeyAutoAck
	k = amqptransport.ContextKeyConsumeArgs
	k = amqptransport.ContextKeyExchange
	k = amqptransport.ContextKeyNackSleepDuration
	k = amqptransport.ContextKeyPublishKey
	_ = k
}

func TestAMQPValues(t *testing.T) {
	t.Parallel()
	// Go kit's iota order.
	for want, k := range []any{
		amqptransport.ContextKeyExchange,
		amqptransport.ContextKeyPublishKey,
		amqptransport.ContextKeyNackSleepDuration,
		amqptransport.ContextKeyAutoAck,
		amqptransport.ContextKeyConsumeArgs,
	} {
		kt := reflect.TypeOf(k)
		if kt.Name() != "contextKey" || kt.PkgPath() != "github.com/seedkit/kit/transport/amqp" || kt.Kind() != reflect.Int {
			t.Errorf("key %v: type %s.%s (%v), want the unexported int transport/amqp.contextKey", k, kt.PkgPath(), kt.Name(), kt.Kind())
		}
		if got := reflect.ValueOf(k).Int(); got != int64(want) {
			t.Errorf("key %v = %d, want %d", k, got, want)
		}
	}
	// DefaultErrorResponse marshals as {"err": ...}.
	f, _ := reflect.TypeOf(amqptransport.DefaultErrorResponse{}).FieldByName("Error")
	if f.Tag.Get("json") != "err" {
		t.Errorf("DefaultErrorResponse.Error json tag %q, want err", f.Tag.Get("json"))
	}
}
