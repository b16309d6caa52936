//lint:file-ignore SA1019 deprecated identifiers are part of the API being checked.

package apicompat_test

import (
	"context"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	natstransport "github.com/seedkit/kit/transport/nats"
)

// Defined func types, converted both ways.
var (
	_ natstransport.DecodeRequestFunc                      = func(context.Context, *nats.Msg) (any, error) { return nil, nil }
	_ func(context.Context, *nats.Msg) (any, error)        = natstransport.DecodeRequestFunc(nil)
	_ natstransport.DecodeResponseFunc                     = func(context.Context, *nats.Msg) (any, error) { return nil, nil }
	_ func(context.Context, *nats.Msg) (any, error)        = natstransport.DecodeResponseFunc(nil)
	_ natstransport.EncodeRequestFunc                      = func(context.Context, *nats.Msg, any) error { return nil }
	_ func(context.Context, *nats.Msg, any) error          = natstransport.EncodeRequestFunc(nil)
	_ natstransport.EncodeResponseFunc                     = func(context.Context, string, *nats.Conn, any) error { return nil }
	_ func(context.Context, string, *nats.Conn, any) error = natstransport.EncodeResponseFunc(nil)
	_ natstransport.ErrorEncoder                           = func(context.Context, error, string, *nats.Conn) {}
	_ func(context.Context, error, string, *nats.Conn)     = natstransport.ErrorEncoder(nil)
	_ natstransport.PublisherOption                        = func(*natstransport.Publisher) {}
	_ func(*natstransport.Publisher)                       = natstransport.PublisherOption(nil)
	_ natstransport.PublisherResponseFunc                  = func(context.Context, *nats.Msg) context.Context { return nil }
	_ func(context.Context, *nats.Msg) context.Context     = natstransport.PublisherResponseFunc(nil)
	_ natstransport.RequestFunc                            = func(context.Context, *nats.Msg) context.Context { return nil }
	_ func(context.Context, *nats.Msg) context.Context     = natstransport.RequestFunc(nil)
	_ natstransport.SubscriberFinalizerFunc                = func(context.Context, *nats.Msg) {}
	_ func(context.Context, *nats.Msg)                     = natstransport.SubscriberFinalizerFunc(nil)
	_ natstransport.SubscriberOption                       = func(*natstransport.Subscriber) {}
	_ func(*natstransport.Subscriber)                      = natstransport.SubscriberOption(nil)
	_ natstransport.SubscriberResponseFunc                 = func(context.Context, *nats.Conn) context.Context { return nil }
	_ func(context.Context, *nats.Conn) context.Context    = natstransport.SubscriberResponseFunc(nil)
)

// Methods: value receivers, as listed.
var (
	_ func(natstransport.Publisher) endpoint.Endpoint                = natstransport.Publisher.Endpoint
	_ func(natstransport.Subscriber, *nats.Conn) func(msg *nats.Msg) = natstransport.Subscriber.ServeMsg
	_ nats.MsgHandler                                                = natstransport.Subscriber{}.ServeMsg(nil)
)

// Functions.
var (
	_ func(context.Context, error, string, *nats.Conn)                                                                                                        = natstransport.DefaultErrorEncoder
	_ func(context.Context, *nats.Msg, any) error                                                                                                             = natstransport.EncodeJSONRequest
	_ func(context.Context, string, *nats.Conn, any) error                                                                                                    = natstransport.EncodeJSONResponse
	_ func(*nats.Conn, string, natstransport.EncodeRequestFunc, natstransport.DecodeResponseFunc, ...natstransport.PublisherOption) *natstransport.Publisher  = natstransport.NewPublisher
	_ func(endpoint.Endpoint, natstransport.DecodeRequestFunc, natstransport.EncodeResponseFunc, ...natstransport.SubscriberOption) *natstransport.Subscriber = natstransport.NewSubscriber
	_ func(context.Context, *nats.Msg) (any, error)                                                                                                           = natstransport.NopRequestDecoder
	_ func(...natstransport.PublisherResponseFunc) natstransport.PublisherOption                                                                              = natstransport.PublisherAfter
	_ func(...natstransport.RequestFunc) natstransport.PublisherOption                                                                                        = natstransport.PublisherBefore
	_ func(time.Duration) natstransport.PublisherOption                                                                                                       = natstransport.PublisherTimeout
	_ func(...natstransport.SubscriberResponseFunc) natstransport.SubscriberOption                                                                            = natstransport.SubscriberAfter
	_ func(...natstransport.RequestFunc) natstransport.SubscriberOption                                                                                       = natstransport.SubscriberBefore
	_ func(natstransport.ErrorEncoder) natstransport.SubscriberOption                                                                                         = natstransport.SubscriberErrorEncoder
	_ func(transport.ErrorHandler) natstransport.SubscriberOption                                                                                             = natstransport.SubscriberErrorHandler
	_ func(log.Logger) natstransport.SubscriberOption                                                                                                         = natstransport.SubscriberErrorLogger
	_ func(...natstransport.SubscriberFinalizerFunc) natstransport.SubscriberOption                                                                           = natstransport.SubscriberFinalizer
)

// The named func types are defined types, not aliases.
func _(v any) {
	switch v.(type) {
	case natstransport.DecodeRequestFunc:
	case natstransport.DecodeResponseFunc:
	case func(context.Context, *nats.Msg) (any, error):
	case natstransport.EncodeRequestFunc:
	case func(context.Context, *nats.Msg, any) error:
	case natstransport.EncodeResponseFunc:
	case func(context.Context, string, *nats.Conn, any) error:
	case natstransport.ErrorEncoder:
	case func(context.Context, error, string, *nats.Conn):
	case natstransport.PublisherResponseFunc:
	case natstransport.RequestFunc:
	case func(context.Context, *nats.Msg) context.Context:
	case natstransport.SubscriberFinalizerFunc:
	case func(context.Context, *nats.Msg):
	case natstransport.SubscriberResponseFunc:
	case func(context.Context, *nats.Conn) context.Context:
	case natstransport.PublisherOption:
	case func(*natstransport.Publisher):
	case natstransport.SubscriberOption:
	case func(*natstransport.Subscriber):
	}
}
