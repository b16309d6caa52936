// Command addsvc serves the addsvc example over HTTP (:8081), gRPC (:8082),
// Thrift (:8083) and JSON-RPC (:8084), and over NATS when -nats-url is set,
// with Prometheus metrics at :8080/metrics and OpenTelemetry spans for every
// call (exported when -otlp-addr names a collector). It shuts down
// gracefully on SIGINT/SIGTERM.
//
//	go run ./examples/addsvc/cmd/addsvc
//	curl -d '{"a":2,"b":3}' localhost:8081/sum
//	go run ./examples/addsvc/cmd/addcli -grpc-addr localhost:8082 2 3
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
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "addsvc:", err)
		os.Exit(1)
	}
}
