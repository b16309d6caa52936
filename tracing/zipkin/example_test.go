package zipkin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"

	"github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter/recorder"

	kitzipkin "github.com/seedkit/kit/tracing/zipkin"
	httptransport "github.com/seedkit/kit/transport/http"
)

// A kit HTTP client and server traced with zipkin-go; the spans go to an
// in-memory reporter.
func Example() {
	reporter := recorder.NewReporter()
	defer func() { _ = reporter.Close() }()
	tracer, err := zipkin.NewTracer(reporter, zipkin.WithSharedSpans(false))
	if err != nil {
		fmt.Println(err)
		return
	}

	hello := func(context.Context, any) (any, error) { return "hello", nil }
	srv := httptest.NewServer(httptransport.NewServer(
		kitzipkin.TraceEndpoint(tracer, "hello")(hello),
		httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		kitzipkin.HTTPServerTrace(tracer, kitzipkin.Name("hello-server")),
	))
	defer srv.Close()
	target, _ := url.Parse(srv.URL)
	call := httptransport.NewClient(http.MethodGet, target, httptransport.EncodeJSONRequest,
		func(context.Context, *http.Response) (any, error) { return nil, nil },
		kitzipkin.HTTPClientTrace(tracer, kitzipkin.Name("hello-client")),
	).Endpoint()
	if _, err := call(context.Background(), nil); err != nil {
		fmt.Println(err)
		return
	}

	spans := reporter.Flush()
	names := map[model.ID]string{}
	for _, s := range spans {
		names[s.ID] = s.Name
	}
	var lines []string
	for _, s := range spans {
		parent := "none"
		if s.ParentID != nil {
			parent = names[*s.ParentID]
		}
		lines = append(lines, fmt.Sprintf("%s (%s), parent %s", s.Name, s.Kind, parent))
	}
	sort.Strings(lines)
	fmt.Println(strings.Join(lines, "\n"))
	// Output:
	// hello (), parent hello-server
	// hello-client (CLIENT), parent none
	// hello-server (SERVER), parent hello-client
}
