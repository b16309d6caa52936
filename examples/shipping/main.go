// Command shipping runs the cargo shipping example, a port of the "DDD
// sample" application to kit: three bounded contexts (booking, handling,
// tracking), each a kit service with logging and Prometheus instrumenting
// middlewares, endpoints and an HTTP transport, over in-memory
// repositories, plus a routing proxy that asks an external pathfinder
// service through a hystrix circuit breaker.
//
//	go run ./examples/shipping -http-addr localhost:8080
//	curl localhost:8080/booking/v1/locations
//	curl -d '{"origin":"CNHKG","destination":"SESTO","arrival_deadline":"2030-01-01T00:00:00Z"}' \
//		localhost:8080/booking/v1/cargos
//	curl localhost:8080/booking/v1/cargos/$ID/request_routes
//	curl -d '{"legs": [...one of the routes' legs...]}' localhost:8080/booking/v1/cargos/$ID/assign_to_route
//	curl -d '{"tracking_id":"'$ID'","event_type":"Receive","location":"CNHKG","completion_time":"2026-01-01T00:00:00Z"}' \
//		localhost:8080/handling/v1/incidents
//	curl localhost:8080/tracking/v1/cargos/$ID
//	curl localhost:8080/metrics
//
// Without -routing-url, the command also serves a small pathfinder over the
// sample voyages on a loopback port and uses it, so it runs without setup.
// It shuts down gracefully on SIGINT or SIGTERM.
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
		fmt.Fprintln(os.Stderr, "shipping:", err)
		os.Exit(1)
	}
}
