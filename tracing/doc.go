// Package tracing is the home of kit's distributed tracing bindings. It holds
// no code: each subpackage binds one tracing library to kit's endpoints and
// transports, so that one request can be followed across every service it
// crosses.
//
//   - tracing/opentelemetry (beyond Go kit): an endpoint middleware that starts
//     one span per call with the RPC semantic conventions, and W3C trace
//     context propagation over HTTP, gRPC, NATS and AMQP. Use it for new code.
//   - tracing/zipkin: native openzipkin/zipkin-go bindings with B3
//     propagation (HTTP and gRPC), as in Go kit.
//   - tracing/opentracing: opentracing-go bindings (HTTP and gRPC), as in Go
//     kit. OpenTracing is archived; prefer OpenTelemetry.
//   - tracing/opencensus: go.opencensus.io bindings (HTTP, gRPC, JSON-RPC), as
//     in Go kit. OpenCensus is archived; prefer OpenTelemetry.
//
// The three Go kit bindings keep Go kit v0.13.0's API, so a program moves to
// kit by rewriting its import paths. Each binding offers two layers that can
// be used alone or together:
//
//   - an endpoint middleware (TraceEndpoint and friends) that wraps a span
//     around each call of an endpoint.Endpoint, on either side of the wire;
//   - transport hooks (ServerBefore/ClientBefore functions or whole
//     ServerOption/ClientOption values) that carry the span context in
//     request headers or metadata, and optionally time the transport call.
//
// The server side extracts the caller's span context from the request and
// the client side injects its own, so the spans of a request share one trace
// and link parent to child.
//
// Every binding is safe for concurrent use once constructed: options are read
// at construction time only, and each call keeps its span in its own context.
package tracing
