// Command addcli calls an addsvc server over the transport chosen by flag
// and prints the result.
//
//	addcli -grpc-addr localhost:8082 2 3
//	addcli -http-addr localhost:8081 -method concat kit '!'
//	addcli -jsonrpc-addr localhost:8084 -- -5 3
//
// It exits 0 on success, 1 when the call fails (a business error such as
// "can't sum two zeroes", or an unreachable server) and 2 on bad usage.
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
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	code := exitCode(err)
	if code != 0 {
		fmt.Fprintln(os.Stderr, "addcli:", err)
	}
	os.Exit(code)
}
