// Command addsvc serves the addsvc example over HTTP and JSON-RPC, with its
// metrics on a debug listener, and shuts down gracefully on SIGINT/SIGTERM.
//
//	go run ./examples/addsvc/cmd/addsvc
//	curl -d '{"a":2,"b":3}' localhost:8081/sum
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
