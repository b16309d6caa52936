// Command stringsvc4 is the StringService of stringsvc1 over NATS. The
// service subscribes to one subject per method (natstransport.NewSubscriber),
// and an HTTP front end turns each HTTP request into a NATS request
// (natstransport.NewPublisher), so that HTTP clients need not know NATS is
// there. By default one process does both; -http-addr "" runs only the
// service and -serve=false only the front end, and any number of each can
// run: the service instances of one -subject-prefix form a queue group and
// share its requests.
//
// When no instance serves a subject the front end answers 503, when none
// answers in time 504, and for other failures of the NATS call 502.
//
// It needs a NATS server (nats-server, or docker run -p 4222:4222 nats):
//
//	go run ./examples/stringsvc4 -http-addr localhost:8080 -nats-url nats://127.0.0.1:4222
//	curl -d '{"s":"hello, world"}' localhost:8080/uppercase
//	curl -d '{"s":"hello, world"}' localhost:8080/count
//	nats request stringsvc.count '{"s":"hello, world"}'   # with the nats CLI, no HTTP
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
	"strings"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/log"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "stringsvc4:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, logging to stdout. ready, if not nil, is
// called once the service's subscriptions are known to the NATS server and
// the HTTP front end accepts connections, with the front end's address ("" if
// it is disabled).
func run(ctx context.Context, args []string, stdout io.Writer, ready func(addr string)) error {
	fs := flag.NewFlagSet("stringsvc4", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("http-addr", "localhost:8080", `HTTP front end listen address ("" for none)`)
	natsURL := fs.String("nats-url", nats.DefaultURL, "NATS server URL(s), comma-separated")
	prefix := fs.String("subject-prefix", "stringsvc", "NATS subject prefix: the methods are <prefix>.uppercase and <prefix>.count")
	serveNATS := fs.Bool("serve", true, "serve the service on NATS (false: run the HTTP front end only)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if err := checkPrefix(*prefix); err != nil {
		return err
	}
	if !*serveNATS && *addr == "" {
		return errors.New(`nothing to run: -serve=false and -http-addr ""`)
	}

	logger := log.NewLogfmtLogger(log.NewSyncWriter(stdout))
	logger = log.With(logger, "ts", log.DefaultTimestampUTC)

	closed := make(chan struct{})
	nc, err := nats.Connect(*natsURL,
		nats.Name("stringsvc4"),
		nats.ClosedHandler(func(*nats.Conn) { close(closed) }),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil { // nil when we close the connection ourselves
				_ = logger.Log("transport", "NATS", "event", "disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			_ = logger.Log("transport", "NATS", "event", "reconnected", "url", nc.ConnectedUrl())
		}),
	)
	if err != nil {
		return fmt.Errorf("connecting to NATS at %s: %w", *natsURL, err)
	}
	// Draining lets the messages already received be answered before the
	// connection closes.
	defer func() {
		if err := nc.Drain(); err != nil {
			nc.Close()
		}
		<-closed
	}()
	_ = logger.Log("transport", "NATS", "url", nc.ConnectedUrl(), "subject_prefix", *prefix)

	if *serveNATS {
		if err := subscribe(nc, *prefix, stringService{}, logger); err != nil {
			return fmt.Errorf("subscribing under %q: %w", *prefix, err)
		}
		// Make sure the server has the subscriptions before saying ready.
		if err := nc.FlushTimeout(10 * time.Second); err != nil {
			return fmt.Errorf("subscribing under %q: %w", *prefix, err)
		}
	}

	if *addr == "" {
		if ready != nil {
			ready("")
		}
		select {
		case <-ctx.Done():
			return nil
		case <-closed: // nats.go gave up reconnecting
			return fmt.Errorf("NATS connection to %s closed", *natsURL)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	_ = logger.Log("transport", "HTTP", "addr", ln.Addr())
	if ready != nil {
		ready(ln.Addr().String())
	}
	return serve(ctx, ln, newHTTPHandler(newNATSEndpoints(nc, *prefix), logger))
}

// checkPrefix rejects a subject prefix that would make invalid subjects, or
// subjects with wildcards, before anything is sent.
func checkPrefix(prefix string) error {
	if prefix == "" || strings.ContainsAny(prefix, " \t\r\n*>") ||
		strings.HasPrefix(prefix, ".") || strings.HasSuffix(prefix, ".") || strings.Contains(prefix, "..") {
		return fmt.Errorf("invalid subject prefix %q: want dot-separated tokens without spaces or wildcards", prefix)
	}
	return nil
}

// serve serves h on ln until ctx is done, then shuts down gracefully:
// requests in flight get up to ten seconds to finish.
func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	<-errc
	return nil
}
