package opentracing_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/opentracing/opentracing-go"
	"github.com/opentracing/opentracing-go/mocktracer"

	"github.com/seedkit/kit/log"
	kitot "github.com/seedkit/kit/tracing/opentracing"
	httptransport "github.com/seedkit/kit/transport/http"
)

// The client's endpoint span is injected into the request headers; the
// server joins the trace with HTTPToContext, and TraceServer records the
// call as a child.
func Example() {
	tracer := mocktracer.New()
	logger := log.NewNopLogger()

	hello := func(context.Context, any) (any, error) { return "hello", nil }
	srv := httptest.NewServer(httptransport.NewServer(
		kitot.TraceServer(tracer, "hello")(hello),
		httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(kitot.HTTPToContext(tracer, "GET /hello", logger)),
		httptransport.ServerFinalizer(func(ctx context.Context, _ int, _ *http.Request) {
			opentracing.SpanFromContext(ctx).Finish() // the span HTTPToContext started
		}),
	))
	defer srv.Close()
	target, _ := url.Parse(srv.URL + "/hello")
	call := kitot.TraceClient(tracer, "call hello")(httptransport.NewClient(http.MethodGet, target,
		httptransport.EncodeJSONRequest,
		func(context.Context, *http.Response) (any, error) { return nil, nil },
		httptransport.ClientBefore(kitot.ContextToHTTP(tracer, logger)),
	).Endpoint())
	if _, err := call(context.Background(), nil); err != nil {
		fmt.Println(err)
		return
	}

	names := map[int]string{}
	for _, s := range tracer.FinishedSpans() {
		names[s.SpanContext.SpanID] = s.OperationName
	}
	for _, s := range tracer.FinishedSpans() {
		parent := "none"
		if s.ParentID != 0 {
			parent = names[s.ParentID]
		}
		fmt.Printf("%s (%v), parent %s\n", s.OperationName, s.Tag("span.kind"), parent)
	}
	// Output:
	// hello (server), parent GET /hello
	// GET /hello (server), parent call hello
	// call hello (client), parent none
}
