// Package nats binds endpoints to NATS request/reply (nats.go): a Subscriber
// serves an endpoint to the messages of a subscription, and a Publisher
// turns a remote subject into an endpoint.Endpoint. Users usually import it
// as natstransport. It matches Go kit's transport/nats API.
//
// A Subscriber runs, for every message, its before functions, the
// DecodeRequestFunc, the endpoint, its after functions and the
// EncodeResponseFunc, which publishes the reply; any error goes to the
// ErrorHandler and then the ErrorEncoder (DefaultErrorEncoder replies
// {"err": "..."}). Finalizers see every message's outcome. A Publisher
// encodes the request, runs its before functions, sends the request, waits
// for the reply (10 seconds by default), runs its after functions and
// decodes the reply.
//
// Beyond Go kit:
//
//   - Headers travel both ways. The Publisher sends nats.Msg.Header as the
//     encoder and before functions left it (Go kit drops it); a request or
//     response implementing Headerer gets its headers sent by
//     EncodeJSONRequest or EncodeJSONResponse, and an error implementing it
//     by DefaultErrorEncoder. The Subscriber's context carries the request's
//     headers (RequestHeader); the Publisher's after functions see the
//     reply's.
//   - Deadlines travel: the Publisher sends the time it has left in
//     TimeoutHeader, and the Subscriber's context ends when that deadline
//     passes, so work the caller stopped waiting for stops too. (A caller
//     that cancels before its deadline is not seen: only the deadline
//     travels.)
//   - Error replies are marked (ErrorHeader), and the generic
//     DecodeJSONResponse turns them into a *ReplyError; DecodeJSONRequest
//     is its request-side twin. Malformed payloads are errors, never panics.
//
// Every extension uses headers only when the server supports them (NATS
// 2.2+), and none changes the payload, so kit and Go kit peers interoperate.
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
//		"github.com/nats-io/nats.go"
//
//		natstransport "github.com/seedkit/kit/transport/nats"
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
//		nc, err := nats.Connect(nats.DefaultURL)
//		if err != nil {
//			panic(err)
//		}
//		defer nc.Close()
//
//		srv := natstransport.NewSubscriber(upper,
//			natstransport.DecodeJSONRequest[upperRequest],
//			natstransport.EncodeJSONResponse)
//		sub, err := nc.QueueSubscribe("svc.upper", "svc", srv.ServeMsg(nc))
//		if err != nil {
//			panic(err)
//		}
//		defer sub.Unsubscribe()
//
//		call := natstransport.NewPublisher(nc, "svc.upper",
//			natstransport.EncodeJSONRequest,
//			natstransport.DecodeJSONResponse[upperResponse]).Endpoint()
//		fmt.Println(call(context.Background(), upperRequest{"hello"}))
//	}
//
// Concurrency: Publishers and Subscribers are safe for concurrent use as
// long as their codecs and hooks are. Neither starts goroutines: nats.go
// runs subscription handlers (one goroutine per subscription, messages in
// order), so unsubscribing and closing the connection stops everything.
package nats
