package opentelemetry

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
	"go.opentelemetry.io/otel/trace"
)

// ScopeName is the instrumentation scope name of the tracers this package
// gets from its TracerProvider.
const ScopeName = "github.com/seedkit/kit/tracing/opentelemetry"

// DefaultSpanName is the span name of the endpoint middlewares when they are
// given an empty name.
const DefaultSpanName = "kit/endpoint"

// BusinessErrorKey is the attribute under which the endpoint middlewares
// record the message of a business error, that is a response implementing
// endpoint.Failer whose Failed method returns an error. The key is the one
// Go kit's OpenCensus and OpenTracing bindings use.
const BusinessErrorKey = attribute.Key("gokit.business.error")

// Option configures the endpoint middlewares and the transport hooks of this
// package. Options are applied in order when the middleware or hook is built,
// never per call; a later option overrides an earlier one of the same kind,
// except WithAttributes, which accumulates. Options that do not concern a
// function (for example WithIgnoreBusinessError given to a propagation hook)
// are ignored by it.
type Option func(*config)

type config struct {
	provider     trace.TracerProvider
	propagator   propagation.TextMapPropagator
	kind         trace.SpanKind
	name         string
	attrs        []attribute.KeyValue
	getName      func(ctx context.Context, name string) string
	getAttrs     func(ctx context.Context) []attribute.KeyValue
	ignoreFailed bool
	public       bool
}

// WithTracerProvider sets the TracerProvider that creates spans. The default,
// also used when tp is nil, is the global provider (otel.GetTracerProvider)
// at the time the middleware or hook is built; the global provider delegates
// to one installed later with otel.SetTracerProvider.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) { c.provider = tp }
}

// WithPropagator sets the propagator that injects and extracts span contexts
// on the wire. The default, also used when p is nil, is W3C Trace Context
// plus W3C Baggage (propagation.TraceContext and propagation.Baggage), so
// that propagation works without any global setup; pass
// otel.GetTextMapPropagator() to follow the global propagator instead.
func WithPropagator(p propagation.TextMapPropagator) Option {
	return func(c *config) { c.propagator = p }
}

// WithSpanKind sets the kind of the spans an endpoint middleware starts.
// TraceEndpoint defaults to trace.SpanKindInternal, TraceServer to
// trace.SpanKindServer and TraceClient to trace.SpanKindClient. Transport
// hooks ignore it: their spans are always servers or clients.
func WithSpanKind(kind trace.SpanKind) Option {
	return func(c *config) { c.kind = kind }
}

// WithName sets the span name of a transport hook (HTTPClientTrace,
// HTTPServerTrace, GRPCClientTrace, GRPCServerTrace). Without it, HTTP spans
// are named after the request method (as the HTTP semantic conventions say
// when the route is unknown) and gRPC spans after the full method name
// without its leading slash ("package.Service/Method"). Endpoint middlewares
// take their name as an argument and ignore this option.
func WithName(name string) Option {
	return func(c *config) { c.name = name }
}

// WithAttributes adds attributes to every span started by the middleware or
// hook. Repeated uses accumulate. The slice is copied.
func WithAttributes(attrs ...attribute.KeyValue) Option {
	return func(c *config) { c.attrs = append(c.attrs, attrs...) }
}

// WithRPC sets the rpc.system, rpc.service and rpc.method attributes of the
// spans, following the RPC semantic conventions; empty values are left out.
// The gRPC hooks of this package set these attributes themselves from the
// method being called.
func WithRPC(system, service, method string) Option {
	return func(c *config) {
		if system != "" {
			c.attrs = append(c.attrs, semconv.RPCSystemKey.String(system))
		}
		if service != "" {
			c.attrs = append(c.attrs, semconv.RPCServiceKey.String(service))
		}
		if method != "" {
			c.attrs = append(c.attrs, semconv.RPCMethodKey.String(method))
		}
	}
}

// WithAttributesFunc sets a function called once per call, with the call's
// context (already holding the new span), whose attributes are added to the
// span. A nil fn disables it. fn may be called concurrently.
func WithAttributesFunc(fn func(ctx context.Context) []attribute.KeyValue) Option {
	return func(c *config) { c.getAttrs = fn }
}

// WithSpanNameFunc sets a function called once per call of an endpoint
// middleware with the call's context and the middleware's name; a non-empty
// result becomes that call's span name. A nil fn disables it. fn may be
// called concurrently.
func WithSpanNameFunc(fn func(ctx context.Context, name string) string) Option {
	return func(c *config) { c.getName = fn }
}

// WithIgnoreBusinessError, if true, keeps the endpoint middlewares from
// marking a span as failed when the response is an endpoint.Failer reporting
// an error; the message is still recorded under BusinessErrorKey. By default
// (false) a business error fails the span like a returned error.
func WithIgnoreBusinessError(ignore bool) Option {
	return func(c *config) { c.ignoreFailed = ignore }
}

// WithPublicEndpoint, if true, makes server-side hooks start a new trace for
// every request instead of continuing the caller's, linking the caller's
// span context to the new root span. Use it for services that untrusted
// clients call. On the client side it stops the span context from being
// injected, so that nothing is propagated to a third party.
func WithPublicEndpoint(public bool) Option {
	return func(c *config) { c.public = public }
}

func newConfig(kind trace.SpanKind, opts []Option) *config {
	c := &config{kind: kind}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	if c.provider == nil {
		c.provider = otel.GetTracerProvider()
	}
	if c.propagator == nil {
		c.propagator = defaultPropagator
	}
	return c
}

var defaultPropagator propagation.TextMapPropagator = propagation.NewCompositeTextMapPropagator(
	propagation.TraceContext{}, propagation.Baggage{},
)

func (c *config) tracer() trace.Tracer {
	return c.provider.Tracer(ScopeName, trace.WithSchemaURL(semconv.SchemaURL))
}
