package opentelemetry_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/seedkit/kit/tracing/opentelemetry"
	httptransport "github.com/seedkit/kit/transport/http"
)

// A client and a server share one trace: TraceClient and ContextToHTTP on
// the client, HTTPToContext and TraceServer on the server.
func Example() {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	defer func() { _ = tp.Shutdown(context.Background()) }()
	provider := opentelemetry.WithTracerProvider(tp)

	hello := func(context.Context, any) (any, error) { return "hello", nil }
	srv := httptest.NewServer(httptransport.NewServer(
		opentelemetry.TraceServer("hello.server", provider)(hello),
		httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(opentelemetry.HTTPToContext()),
	))
	defer srv.Close()

	target, _ := url.Parse(srv.URL)
	call := opentelemetry.TraceClient("hello.client", provider)(httptransport.NewClient(http.MethodGet, target,
		httptransport.EncodeJSONRequest,
		func(context.Context, *http.Response) (any, error) { return nil, nil },
		httptransport.ClientBefore(opentelemetry.ContextToHTTP()),
	).Endpoint())
	if _, err := call(context.Background(), nil); err != nil {
		fmt.Println(err)
		return
	}

	spans := map[string]sdktrace.ReadOnlySpan{}
	for _, s := range rec.Ended() {
		spans[s.Name()] = s
	}
	client, server := spans["hello.client"], spans["hello.server"]
	fmt.Println(client.SpanKind(), server.SpanKind())
	fmt.Println("same trace:", client.SpanContext().TraceID() == server.SpanContext().TraceID())
	fmt.Println("server's parent is the client:", server.Parent().SpanID() == client.SpanContext().SpanID())
	// Output:
	// client server
	// same trace: true
	// server's parent is the client: true
}

type userResponse struct{ err error }

func (r userResponse) Failed() error { return r.err }

// A business error, reported through endpoint.Failer, fails the span unless
// WithIgnoreBusinessError(true).
func ExampleTraceEndpoint() {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	defer func() { _ = tp.Shutdown(context.Background()) }()

	getUser := func(context.Context, any) (any, error) {
		return userResponse{errors.New("no such user")}, nil
	}
	for _, ignore := range []bool{false, true} {
		e := opentelemetry.TraceEndpoint("getUser",
			opentelemetry.WithTracerProvider(tp),
			opentelemetry.WithIgnoreBusinessError(ignore),
		)(getUser)
		_, _ = e(context.Background(), nil)
	}
	for _, s := range rec.Ended() {
		fmt.Printf("%s: status %s, %s=%q\n", s.Name(), s.Status().Code, opentelemetry.BusinessErrorKey, s.Attributes()[0].Value.AsString())
	}
	// Output:
	// getUser: status Error, gokit.business.error="no such user"
	// getUser: status Unset, gokit.business.error="no such user"
}
