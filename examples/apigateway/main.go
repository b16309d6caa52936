// Command apigateway is an API gateway in front of two services, addsvc and
// stringsvc. It follows the healthy instances of each in Consul and forwards
// every request to one of them in turn, retrying on another instance when
// one fails to answer:
//
//	POST /addsvc/sum          {"a": 1, "b": 2}   -> {"v": 3}
//	POST /addsvc/concat       {"a": "1", "b": "2"} -> {"v": "12"}
//	POST /stringsvc/uppercase {"s": "hello"}     -> {"v": "HELLO"}
//	POST /stringsvc/count     {"s": "hello"}     -> {"v": 5}
//
// Try it with a Consul agent, an addsvc and a stringsvc:
//
//	consul agent -dev &
//	go run ./examples/addsvc/cmd/addsvc -http-addr localhost:8081 &
//	go run ./examples/stringsvc1 -http-addr localhost:8091 &
//	curl -X PUT -d '{"Name":"addsvc","Address":"127.0.0.1","Port":8081}' localhost:8500/v1/agent/service/register
//	curl -X PUT -d '{"Name":"stringsvc","Address":"127.0.0.1","Port":8091}' localhost:8500/v1/agent/service/register
//	go run ./examples/apigateway -consul-addr localhost:8500 -http-addr localhost:8000
//	curl -d '{"a":2,"b":3}' localhost:8000/addsvc/sum
//	curl -d '{"s":"hello"}' localhost:8000/stringsvc/uppercase
//
// How it is built: for each service a consul Instancer (passing instances
// only) feeds one sd.Endpointer per method, whose Factory turns an instance
// into an HTTP client endpoint; an lb.NewRoundRobin balancer over it is
// wrapped in lb.Retry (-retry-max attempts within -retry-timeout). The addsvc
// routes reuse the example's own server, addtransport.NewHTTPHandler, over
// the balanced endpoints; the stringsvc routes are built here with
// httptransport.NewClient and NewServer.
//
// Only failures are retried. addsvc's business errors (Sum of two zeroes, an
// overflow, a Concat too long) come back from its HTTP client inside the
// response, not as the endpoint's error, so lb.Retry sees a success and the
// client gets the 400 at once: the other instances would answer the same.
// stringsvc's "empty string" is likewise part of a 200 response.
//
// When no instance is known, stringsvc calls get 503 and addsvc calls 500
// (addtransport's status for errors it does not know), both with a JSON body
// {"error": "no healthy instance of ..."}.
//
// Consul is queried with an HTTP transport of the gateway's own
// (newConsulTransport in run.go), not consulapi.DefaultConfig's, which has no
// response timeout: an agent that accepts connections but never answers
// would block start-up, and then discovery, forever. Connecting gives up
// after 5s, and a query unanswered after its blocking wait time (-consul-wait,
// set explicitly on the Instancers with consulsd.InstancerWaitTime) plus a
// quarter of it plus 2s fails; the Instancer then retries with backoff and
// the gateway serves meanwhile, answering as when no instance is known. A
// signal during start-up cancels the first queries and run returns at once.
//
// Compared with Go kit's apigateway: the routes are on the standard
// http.ServeMux instead of gorilla/mux, flags are spelled with dashes, the
// service names are flags, -retry-attempt-timeout bounds each attempt
// (lb.RetryWithOptions), and on SIGINT or SIGTERM the gateway drains its
// requests and stops every Endpointer and Instancer.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "apigateway:", err)
		os.Exit(1)
	}
}
