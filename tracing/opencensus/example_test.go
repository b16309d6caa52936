package opencensus_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"

	"go.opencensus.io/trace"

	"github.com/seedkit/kit/tracing/opencensus"
	httptransport "github.com/seedkit/kit/transport/http"
)

// A kit HTTP client and server traced with OpenCensus; the B3 headers carry
// the client span's context to the server. (The tests' TestMain registers
// an exporter that keeps spans in memory.)
func Example() {
	hello := func(context.Context, any) (any, error) { return "hello", nil }
	srv := httptest.NewServer(httptransport.NewServer(
		opencensus.TraceEndpoint("example.hello")(hello),
		httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		opencensus.HTTPServerTrace(opencensus.WithName("example.server")),
	))
	defer srv.Close()
	target, _ := url.Parse(srv.URL)
	call := httptransport.NewClient(http.MethodGet, target, httptransport.EncodeJSONRequest,
		func(context.Context, *http.Response) (any, error) { return nil, nil },
		opencensus.HTTPClientTrace(opencensus.WithName("example.client"), opencensus.WithSampler(trace.AlwaysSample())),
	).Endpoint()
	if _, err := call(context.Background(), nil); err != nil {
		fmt.Println(err)
		return
	}

	client := exporter.last("example.client")
	server := exporter.last("example.server")
	endpoint := exporter.last("example.hello")
	fmt.Println("server child of client:", server.ParentSpanID == client.SpanID && server.HasRemoteParent)
	fmt.Println("endpoint child of server:", endpoint.ParentSpanID == server.SpanID)
	fmt.Println("server status:", server.Message)
	// Output:
	// server child of client: true
	// endpoint child of server: true
	// server status: OK
}
