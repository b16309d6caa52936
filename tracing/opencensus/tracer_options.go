package opencensus

import (
	"go.opencensus.io/plugin/ochttp/propagation/b3"
	"go.opencensus.io/trace"
	"go.opencensus.io/trace/propagation"
)

// TracerOption configures the transport tracing options of this package.
// Options apply in order, once, when the transport option is built.
type TracerOption func(o *TracerOptions)

// TracerOptions configures the transport tracing options (HTTPClientTrace,
// HTTPServerTrace, GRPCClientTrace, GRPCServerTrace, JSONRPCClientTrace,
// JSONRPCServerTrace).
type TracerOptions struct {
	// Sampler decides whether new spans are sampled; nil defers to the
	// global trace configuration (trace.ApplyConfig).
	Sampler trace.Sampler
	// Name is the span name; empty means a name derived from the request
	// (method and path for HTTP, the RPC method for gRPC and JSON-RPC).
	Name string
	// Public marks a public endpoint. A public server starts a new trace
	// for every request and adds the caller's span context, if any, as a
	// link; a public client does not propagate its span context.
	Public bool
	// HTTPPropagate is the format of span contexts in HTTP headers (HTTP and
	// JSON-RPC transports); nil means B3.
	HTTPPropagate propagation.HTTPFormat
}

// WithTracerConfig replaces the whole configuration with options; later
// options still apply on top of it.
func WithTracerConfig(options TracerOptions) TracerOption {
	return func(o *TracerOptions) { *o = options }
}

// WithSampler sets TracerOptions.Sampler.
func WithSampler(sampler trace.Sampler) TracerOption {
	return func(o *TracerOptions) { o.Sampler = sampler }
}

// WithName sets TracerOptions.Name.
func WithName(name string) TracerOption {
	return func(o *TracerOptions) { o.Name = name }
}

// IsPublic sets TracerOptions.Public.
func IsPublic(isPublic bool) TracerOption {
	return func(o *TracerOptions) { o.Public = isPublic }
}

// WithHTTPPropagation sets TracerOptions.HTTPPropagate; nil restores the
// default, B3. The gRPC transport options ignore it: they use gRPC's binary
// trace context metadata ("grpc-trace-bin").
func WithHTTPPropagation(p propagation.HTTPFormat) TracerOption {
	return func(o *TracerOptions) {
		if p == nil {
			p = &b3.HTTPFormat{}
		}
		o.HTTPPropagate = p
	}
}

func newTracerOptions(options []TracerOption) *TracerOptions {
	o := &TracerOptions{}
	for _, option := range options {
		if option != nil {
			option(o)
		}
	}
	if o.HTTPPropagate == nil {
		o.HTTPPropagate = &b3.HTTPFormat{}
	}
	return o
}
