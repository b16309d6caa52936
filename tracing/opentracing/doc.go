// Package opentracing traces kit endpoints and carries span contexts over
// HTTP and gRPC with the OpenTracing API (github.com/opentracing/opentracing-go),
// so any tracer with an OpenTracing binding works with it.
//
// The API is Go kit's tracing/opentracing: TraceEndpoint, TraceServer and
// TraceClient wrap endpoints in spans, configured by EndpointOption values;
// ContextToHTTP and ContextToGRPC inject the span of the call's context
// into outgoing requests (ClientBefore), and HTTPToContext and GRPCToContext
// start a server span from the incoming request (ServerBefore).
//
// OpenTracing is archived; new code should use tracing/opentelemetry.
// Beyond Go kit: nil tracers and loggers give no-ops instead of panics, and
// GetOperationName names each call separately (Go kit's middleware keeps
// the first renamed name, racily).
//
// A client and a server sharing one trace:
//
//	package main
//
//	import (
//		"context"
//		"net/http"
//		"net/url"
//
//		"github.com/opentracing/opentracing-go"
//
//		"github.com/seedkit/kit/log"
//		kitot "github.com/seedkit/kit/tracing/opentracing"
//		httptransport "github.com/seedkit/kit/transport/http"
//	)
//
//	func main() {
//		tracer := opentracing.GlobalTracer() // a real tracer in practice
//		logger := log.NewNopLogger()
//
//		hello := func(context.Context, any) (any, error) { return "hello", nil }
//		http.Handle("/hello", httptransport.NewServer(
//			kitot.TraceServer(tracer, "hello")(hello),
//			httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
//			httptransport.ServerBefore(kitot.HTTPToContext(tracer, "http hello", logger)),
//		))
//
//		target, _ := url.Parse("http://localhost:8080/hello")
//		call := kitot.TraceClient(tracer, "hello")(httptransport.NewClient(http.MethodGet, target,
//			httptransport.EncodeJSONRequest,
//			func(context.Context, *http.Response) (any, error) { return nil, nil },
//			httptransport.ClientBefore(kitot.ContextToHTTP(tracer, logger)),
//		).Endpoint())
//		_ = call
//		_ = http.ListenAndServe(":8080", nil)
//	}
//
// Everything here is safe for concurrent use once built, provided the tracer
// is.
package opentracing
