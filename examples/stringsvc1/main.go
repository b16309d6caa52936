// Command stringsvc1 is the smallest kit service, as in the gokit.io
// tutorial: a StringService with two methods, one endpoint per method, and
// JSON over HTTP, all in this file.
//
//	go run ./examples/stringsvc1 -http-addr localhost:8080
//	curl -d '{"s":"hello, world"}' localhost:8080/uppercase
//	curl -d '{"s":"hello, world"}' localhost:8080/count
package main

import (
	"context"
	"encoding/json"
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

	"github.com/seedkit/kit/endpoint"
	httptransport "github.com/seedkit/kit/transport/http"
)

// StringService provides operations on strings.
type StringService interface {
	Uppercase(string) (string, error)
	Count(string) int
}

// ErrEmpty is returned when an input string is empty.
var ErrEmpty = errors.New("empty string")

type stringService struct{}

func (stringService) Uppercase(s string) (string, error) {
	if s == "" {
		return "", ErrEmpty
	}
	return strings.ToUpper(s), nil
}

func (stringService) Count(s string) int { return len(s) }

type uppercaseRequest struct {
	S string `json:"s"`
}

type uppercaseResponse struct {
	V   string `json:"v"`
	Err string `json:"err,omitempty"` // errors don't JSON-marshal, so we use a string
}

type countRequest struct {
	S string `json:"s"`
}

type countResponse struct {
	V int `json:"v"`
}

func makeUppercaseEndpoint(svc StringService) endpoint.Endpoint {
	return func(_ context.Context, request any) (any, error) {
		req := request.(uppercaseRequest)
		v, err := svc.Uppercase(req.S)
		if err != nil {
			return uppercaseResponse{V: v, Err: err.Error()}, nil
		}
		return uppercaseResponse{V: v}, nil
	}
}

func makeCountEndpoint(svc StringService) endpoint.Endpoint {
	return func(_ context.Context, request any) (any, error) {
		req := request.(countRequest)
		return countResponse{V: svc.Count(req.S)}, nil
	}
}

// decodeJSON returns a DecodeRequestFunc for requests of type T; a
// malformed body is answered with 400 by the error encoder below.
func decodeJSON[T any](_ context.Context, r *http.Request) (any, error) {
	var req T
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20)).Decode(&req); err != nil {
		return nil, badRequestError{err}
	}
	return req, nil
}

type badRequestError struct{ error }

func (badRequestError) StatusCode() int { return http.StatusBadRequest }

func newHandler(svc StringService) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /uppercase", httptransport.NewServer(
		makeUppercaseEndpoint(svc), decodeJSON[uppercaseRequest], httptransport.EncodeJSONResponse))
	mux.Handle("POST /count", httptransport.NewServer(
		makeCountEndpoint(svc), decodeJSON[countRequest], httptransport.EncodeJSONResponse))
	return mux
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "stringsvc1:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done. ready, if not nil, gets the bound address.
func run(ctx context.Context, args []string, stdout io.Writer, ready func(addr string)) error {
	fs := flag.NewFlagSet("stringsvc1", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("http-addr", "localhost:8080", "HTTP listen address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newHandler(stringService{}), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintln(stdout, "listening on", ln.Addr())
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
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	<-errc
	return nil
}
