// Package amqp binds endpoints to AMQP 0-9-1 (RabbitMQ, through
// github.com/rabbitmq/amqp091-go): a Subscriber serves an endpoint to the
// deliveries of a consumer and replies to their ReplyTo queue, and a
// Publisher turns a remote queue into an endpoint.Endpoint by request/reply
// with correlation ids. Users usually import it as amqptransport. It
// matches Go kit's transport/amqp API; both sides use the small Channel
// interface, which *amqp.Channel satisfies and a fake can implement.
//
// A Subscriber runs, for every delivery, its before functions, the
// DecodeRequestFunc, the endpoint, its after functions, the
// EncodeResponseFunc and the ResponsePublisher; any error goes to the
// ErrorHandler and then the ErrorEncoder. Acknowledgement is explicit, as
// in Go kit: consume with autoAck, or combine SetAckAfterEndpoint with an
// error encoder that acks or nacks (ReplyAndAckErrorEncoder,
// SingleNackRequeueErrorEncoder); DefaultErrorEncoder does nothing.
//
// A Publisher makes a publishing with ReplyTo (its reply queue) and a random
// CorrelationId, encodes the request, runs its before functions (which set
// the exchange and routing key: SetPublishExchange, SetPublishKey) and hands
// it to a Deliverer: DefaultDeliverer publishes and consumes the reply queue
// until the matching reply arrives or the call times out (10 seconds by
// default); SendAndForgetDeliverer only publishes.
//
// Beyond Go kit:
//
//   - DefaultDeliverer keeps one consumer on the reply queue per Publisher
//     and hands each reply to the call that waits for it (Go kit starts a
//     consumer per call and never stops it, so later calls lose replies to
//     earlier consumers); Publisher.Close cancels it. It fails with an error
//     wrapping amqp.ErrClosed when the channel closes, instead of spinning
//     until the timeout.
//   - Deadlines travel: DefaultDeliverer sends the time left in
//     TimeoutHeader, and the Subscriber's context ends when it has passed.
//   - Error replies are marked (ErrorHeader), and the generic
//     DecodeJSONResponse turns them into a *ReplyError; DecodeJSONRequest
//     and EncodeJSONRequest complete the JSON helpers. Malformed bodies are
//     errors, never panics; so are a nil Channel or reply queue.
//
// A complete program, serving and calling an uppercase service:
//
//	package main
//
//	import (
//		"context"
//		"fmt"
//		"strings"
//
//		amqp "github.com/rabbitmq/amqp091-go"
//
//		amqptransport "github.com/seedkit/kit/transport/amqp"
//	)
//
//	type upperRequest struct{ S string }
//	type upperResponse struct{ V string }
//
//	func upper(_ context.Context, request any) (any, error) {
//		return upperResponse{strings.ToUpper(request.(upperRequest).S)}, nil
//	}
//
//	func main() {
//		conn, err := amqp.Dial("amqp://guest:guest@localhost:5672/")
//		if err != nil {
//			panic(err)
//		}
//		defer conn.Close()
//		ch, err := conn.Channel()
//		if err != nil {
//			panic(err)
//		}
//
//		// Server side: serve the "upper" queue until the channel closes.
//		requests, _ := ch.QueueDeclare("upper", false, true, false, false, nil)
//		deliveries, _ := ch.Consume(requests.Name, "", false, false, false, false, nil)
//		srv := amqptransport.NewSubscriber(upper,
//			amqptransport.DecodeJSONRequest[upperRequest],
//			amqptransport.EncodeJSONResponse,
//			amqptransport.SubscriberAfter(amqptransport.SetAckAfterEndpoint(false)),
//			amqptransport.SubscriberErrorEncoder(amqptransport.ReplyAndAckErrorEncoder))
//		go func() {
//			handle := srv.ServeDelivery(ch)
//			for d := range deliveries {
//				handle(&d)
//			}
//		}()
//
//		// Client side: an exclusive, server-named reply queue.
//		replies, _ := ch.QueueDeclare("", false, true, true, false, nil)
//		call := amqptransport.NewPublisher(ch, &replies,
//			amqptransport.EncodeJSONRequest,
//			amqptransport.DecodeJSONResponse[upperResponse],
//			amqptransport.PublisherBefore(amqptransport.SetPublishKey(requests.Name))).Endpoint()
//		fmt.Println(call(context.Background(), upperRequest{"hello"}))
//	}
//
// Concurrency: Publishers and Subscribers are safe for concurrent use as
// long as their Channel, codecs and hooks are. Neither starts goroutines:
// the Subscriber's consumer loop is the caller's, and ends when its consumer
// is cancelled or the channel closes; the Publisher's reply consumer (whose
// buffer goroutine amqp091 runs) ends with Publisher.Close or the channel.
package amqp
