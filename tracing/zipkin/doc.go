// Package zipkin traces kit endpoints and transports with the native Zipkin
// library, github.com/openzipkin/zipkin-go, propagating span contexts as B3
// headers (HTTP) and metadata (gRPC).
//
// The API is Go kit's tracing/zipkin: TraceEndpoint wraps an endpoint in a
// span; HTTPClientTrace, HTTPServerTrace, GRPCClientTrace and GRPCServerTrace
// are transport options that start a client or server span per call,
// propagate its context, and flush it to the tracer's reporter when the call
// is over. TracerOption values (Name, Tags, Logger, AllowPropagation,
// RequestSampler) tune the transport options. Beyond Go kit: nil tracers give
// no-op middlewares instead of panics; a finalizer never finishes a span its
// own before function did not start; TraceEndpoint tags errors; the gRPC
// server learns the method from grpc-go when kitgrpc.Interceptor is not
// installed.
//
// A server that continues its callers' traces and reports to a Zipkin
// collector:
//
//	package main
//
//	import (
//		"context"
//		"net/http"
//
//		"github.com/openzipkin/zipkin-go"
//		zipkinhttp "github.com/openzipkin/zipkin-go/reporter/http"
//
//		kitzipkin "github.com/seedkit/kit/tracing/zipkin"
//		httptransport "github.com/seedkit/kit/transport/http"
//	)
//
//	func hello(context.Context, any) (any, error) { return "hello", nil }
//
//	func main() {
//		reporter := zipkinhttp.NewReporter("http://localhost:9411/api/v2/spans")
//		defer reporter.Close()
//		tracer, err := zipkin.NewTracer(reporter)
//		if err != nil {
//			panic(err)
//		}
//		e := kitzipkin.TraceEndpoint(tracer, "hello")(hello)
//		http.Handle("/hello", httptransport.NewServer(e,
//			httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
//			kitzipkin.HTTPServerTrace(tracer, kitzipkin.Name("hello")),
//		))
//		_ = http.ListenAndServe(":8080", nil)
//	}
//
// Everything here is safe for concurrent use once built; the options are
// read at construction time only.
package zipkin
