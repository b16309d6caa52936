// Package opencensus traces kit endpoints and transports with OpenCensus
// (go.opencensus.io): TraceEndpoint wraps endpoints in spans, and
// HTTPClientTrace, HTTPServerTrace, GRPCClientTrace, GRPCServerTrace,
// JSONRPCClientTrace and JSONRPCServerTrace are transport options that start
// a client or server span per call and propagate span contexts (B3 headers
// over HTTP by default, "grpc-trace-bin" metadata over gRPC).
//
// The API is Go kit's tracing/opencensus. OpenCensus is archived; new code
// should use tracing/opentelemetry. Spans go to the exporters registered
// with trace.RegisterExporter, sampled by the global configuration
// (trace.ApplyConfig) unless WithSampler says otherwise.
//
// Beyond Go kit: a public HTTP server without an explicit propagation
// format works (Go kit dereferences a nil format); a transport finalizer
// never ends a span its own before function did not start; the gRPC server
// learns the method from grpc-go when kitgrpc.Interceptor is not installed;
// JSON-RPC batches get one span per request; GetName names each call
// separately.
//
// This package imports go.opencensus.io/trace only, not ochttp or ocgrpc,
// whose stats views start a process-wide goroutine that never stops; the
// attributes and status codes are ochttp's all the same.
//
// A traced server:
//
//	package main
//
//	import (
//		"context"
//		"net/http"
//
//		"go.opencensus.io/trace"
//
//		"github.com/seedkit/kit/tracing/opencensus"
//		httptransport "github.com/seedkit/kit/transport/http"
//	)
//
//	func hello(context.Context, any) (any, error) { return "hello", nil }
//
//	func main() {
//		// trace.RegisterExporter(...) to send spans somewhere.
//		trace.ApplyConfig(trace.Config{DefaultSampler: trace.AlwaysSample()})
//		e := opencensus.TraceEndpoint("hello")(hello)
//		http.Handle("/hello", httptransport.NewServer(e,
//			httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
//			opencensus.HTTPServerTrace(opencensus.WithName("hello")),
//		))
//		_ = http.ListenAndServe(":8080", nil)
//	}
//
// Everything here is safe for concurrent use once built.
package opencensus
