// Command profilesvc serves the profilesvc REST API (see package
// github.com/seedkit/kit/examples/profilesvc) from an in-memory store, logs
// every call, and shuts down gracefully on SIGINT or SIGTERM.
//
//	go run ./examples/profilesvc/cmd/profilesvc -http-addr localhost:8080
//	curl -d '{"id":"1234","name":"Go kit"}' localhost:8080/profiles
//	curl localhost:8080/profiles/1234
//	curl -X PATCH -d '{"name":"kit"}' localhost:8080/profiles/1234
//	curl -X DELETE localhost:8080/profiles/1234
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/seedkit/kit/examples/profilesvc"
	"github.com/seedkit/kit/log"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "profilesvc:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, then shuts down gracefully. ready, if not
// nil, gets the bound address once the server listens.
func run(ctx context.Context, args []string, stdout io.Writer, ready func(addr string)) error {
	fs := flag.NewFlagSet("profilesvc", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("http-addr", "localhost:8080", "HTTP listen address")
	shutdownTimeout := fs.Duration("shutdown-timeout", 10*time.Second, "how long in-flight requests may take at shutdown")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger := log.With(log.NewLogfmtLogger(log.NewSyncWriter(stdout)), "ts", log.DefaultTimestampUTC)

	svc := profilesvc.LoggingMiddleware(logger)(profilesvc.NewInmemService())
	handler := profilesvc.MakeHTTPHandler(svc, log.With(logger, "component", "http"))

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	_ = logger.Log("transport", "http", "addr", ln.Addr().String(), "msg", "listening")
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	_ = logger.Log("msg", "shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), *shutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	if serveErr := <-errc; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	return err
}
