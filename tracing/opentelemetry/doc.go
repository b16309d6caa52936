// Package opentelemetry traces kit endpoints and transports with
// OpenTelemetry, and carries W3C trace context across HTTP, gRPC, NATS and
// AMQP, so that one trace follows a request through every kit transport.
//
// Go kit v0.13.0 has no OpenTelemetry binding; this package is new in kit and
// is the one to use in new code (OpenCensus and OpenTracing, which Go kit
// binds, are archived).
//
// # Two layers
//
// Endpoint middlewares start one span per call: TraceEndpoint (an internal
// span), TraceServer and TraceClient (server and client spans). A failed call
// records the error and sets the span's status to Error; so does a response
// implementing endpoint.Failer whose Failed method reports an error, unless
// WithIgnoreBusinessError(true). RPC attributes (rpc.system, rpc.service,
// rpc.method) come from WithRPC, or, on server spans only, from
// GRPCToContext or GRPCServerTrace for gRPC servers.
//
// Propagation hooks move the span context between processes. Client side,
// ContextToHTTP, ContextToGRPC, ContextToNATS and ContextToAMQP inject the
// span context of the call's context into the outgoing request; server side,
// HTTPToContext, GRPCToContext, NATSToContext and AMQPToContext extract it
// into the context the endpoint receives. They start no span, so a typical
// service wraps its endpoints in TraceServer behind an extraction hook, and
// its clients in TraceClient in front of an injection hook.
//
// For HTTP and gRPC, HTTPClientTrace, HTTPServerTrace, GRPCClientTrace and
// GRPCServerTrace bundle both: as transport options they start a span per
// transport call (with the HTTP or RPC semantic convention attributes and
// status), propagate its context and end it in the transport's finalizer.
//
// # Defaults
//
// Spans come from the TracerProvider given by WithTracerProvider, by default
// the global one (otel.GetTracerProvider), with the instrumentation scope
// ScopeName. Propagation uses the propagator given by WithPropagator, by
// default W3C Trace Context plus W3C Baggage, not the global propagator
// (which propagates nothing until one is installed); pass
// otel.GetTextMapPropagator() to use the global one.
//
// A service continuing the caller's trace over HTTP:
//
//	package main
//
//	import (
//		"context"
//		"net/http"
//
//		"go.opentelemetry.io/otel/sdk/trace"
//
//		"github.com/seedkit/kit/tracing/opentelemetry"
//		httptransport "github.com/seedkit/kit/transport/http"
//	)
//
//	func hello(context.Context, any) (any, error) { return "hello", nil }
//
//	func main() {
//		tp := trace.NewTracerProvider() // add an exporter with trace.WithBatcher
//		defer tp.Shutdown(context.Background())
//		provider := opentelemetry.WithTracerProvider(tp)
//
//		e := opentelemetry.TraceServer("hello", provider)(hello)
//		http.Handle("/hello", httptransport.NewServer(e,
//			httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
//			httptransport.ServerBefore(opentelemetry.HTTPToContext()),
//		))
//		_ = http.ListenAndServe(":8080", nil)
//	}
//
// # Concurrency
//
// Options are read once, when a middleware or hook is built; the result is
// safe for concurrent use. Each call keeps its span in its own context; a
// hook's finalizer ends only the span its own before function started.
package opentelemetry
