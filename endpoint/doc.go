// Package endpoint defines the abstraction at the centre of kit: an
// Endpoint is one RPC method, a function from a request to a response.
//
// Servers wrap business logic in Endpoints and bind them to a transport
// (HTTP, gRPC, NATS, ...); clients get an Endpoint from a transport and call
// it like a local function. Middlewares add behaviour (logging, metrics,
// circuit breaking, rate limiting, tracing) to an Endpoint without either side
// knowing, and Chain composes them.
//
// Endpoint is deliberately untyped, so that every middleware composes with
// every endpoint. Typed[Req, Resp] lets business logic keep static types at
// the edges: Typed.Endpoint and FromEndpoint convert losslessly, and a value
// of the wrong type becomes a *TypeError (errors.Is(err, ErrUnexpectedType)),
// never a panic.
//
// A complete program:
//
//	package main
//
//	import (
//		"context"
//		"fmt"
//		"strings"
//
//		"github.com/seedkit/kit/endpoint"
//	)
//
//	func main() {
//		upper := endpoint.Typed[string, string](func(_ context.Context, s string) (string, error) {
//			return strings.ToUpper(s), nil
//		})
//		trace := func(name string) endpoint.Middleware {
//			return func(next endpoint.Endpoint) endpoint.Endpoint {
//				return func(ctx context.Context, req any) (any, error) {
//					fmt.Println("enter", name)
//					defer fmt.Println("leave", name)
//					return next(ctx, req)
//				}
//			}
//		}
//		e := endpoint.Chain(trace("outer"), trace("inner"))(upper.Endpoint())
//		resp, err := e(context.Background(), "hello")
//		fmt.Println(resp, err)
//	}
package endpoint
