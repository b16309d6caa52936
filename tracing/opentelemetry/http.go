package opentelemetry

import (
	"context"
	"net"
	"net/http"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
	"go.opentelemetry.io/otel/trace"

	kithttp "github.com/seedkit/kit/transport/http"
)

// inject injects the span context of ctx into r's headers, creating them if
// r.Header is nil. A nil r is left alone.
func inject(ctx context.Context, c *config, r *http.Request) {
	if r == nil {
		return
	}
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	c.propagator.Inject(ctx, propagation.HeaderCarrier(r.Header))
}

// ContextToHTTP returns a client RequestFunc (for httptransport.ClientBefore)
// that injects the span context of ctx, and its baggage, into the request's
// headers with the configured propagator (W3C traceparent/tracestate and
// baggage by default). It starts no span: pair it with TraceClient, or use
// HTTPClientTrace, which does both. With no span in ctx it writes nothing
// (but baggage, if any). A nil r.Header is created first. WithPublicEndpoint(true)
// turns it into a no-op.
func ContextToHTTP(opts ...Option) kithttp.RequestFunc {
	c := newConfig(trace.SpanKindClient, opts)
	return func(ctx context.Context, r *http.Request) context.Context {
		if !c.public {
			inject(ctx, c, r)
		}
		return ctx
	}
}

// HTTPToContext returns a server RequestFunc (for httptransport.ServerBefore)
// that extracts the caller's span context from the request's headers and
// returns a context holding it as the remote parent, so that spans started
// from that context (by TraceServer, for example) join the caller's trace.
// It starts no span. Headers without a valid span context leave ctx's span
// context as it was. With WithPublicEndpoint(true), it returns ctx
// unchanged.
func HTTPToContext(opts ...Option) kithttp.RequestFunc {
	c := newConfig(trace.SpanKindServer, opts)
	return func(ctx context.Context, r *http.Request) context.Context {
		if c.public || r == nil {
			return ctx
		}
		return c.propagator.Extract(ctx, propagation.HeaderCarrier(r.Header))
	}
}

// HTTPClientTrace returns a ClientOption that traces each call of a kit HTTP
// Client with a span of kind client, child of the span in the call's context,
// and injects its span context into the request headers (unless
// WithPublicEndpoint(true)).
//
// The span is named by WithName, or after the request method. It carries
// http.request.method, url.full (credentials redacted), server.address and
// server.port, then http.response.status_code. A status code of 400 or more,
// or a failed call, marks it as failed. The span ends in the client's
// finalizer, so it covers decoding the response too. A call that fails
// before the request is created (its encoder fails) has no span.
func HTTPClientTrace(opts ...Option) kithttp.ClientOption {
	c := newConfig(trace.SpanKindClient, opts)
	tracer := c.tracer()
	before := func(ctx context.Context, r *http.Request) context.Context {
		name := c.name
		if name == "" {
			name = r.Method
		}
		attrs := make([]attribute.KeyValue, 0, 4+len(c.attrs))
		attrs = append(attrs, c.attrs...)
		attrs = append(attrs,
			semconv.HTTPRequestMethodKey.String(r.Method),
			semconv.URLFullKey.String(r.URL.Redacted()),
		)
		if r.URL != nil {
			attrs = appendServerAddress(attrs, r.URL.Host)
		}
		ctx, span := tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
		if c.getAttrs != nil {
			span.SetAttributes(c.getAttrs(ctx)...)
		}
		if !c.public {
			inject(ctx, c, r)
		}
		return context.WithValue(ctx, hookSpanKey{}, hookSpan{owner: c, span: span})
	}
	after := func(ctx context.Context, resp *http.Response) context.Context {
		if span, ok := hookSpanFrom(ctx, c); ok {
			span.SetAttributes(semconv.HTTPResponseStatusCodeKey.Int(resp.StatusCode))
			if resp.StatusCode >= 400 {
				span.SetStatus(codes.Error, "")
			}
		}
		return ctx
	}
	finalizer := func(ctx context.Context, err error) {
		if span, ok := hookSpanFrom(ctx, c); ok {
			if err != nil {
				fail(span, err)
			}
			span.End()
		}
	}
	return func(cl *kithttp.Client) {
		kithttp.ClientBefore(before)(cl)
		kithttp.ClientAfter(after)(cl)
		kithttp.ClientFinalizer(finalizer)(cl)
	}
}

// HTTPServerTrace returns a ServerOption that traces each request a kit HTTP
// Server handles with a span of kind server. The span continues the trace
// whose span context the request's headers carry (see HTTPToContext); with
// WithPublicEndpoint(true) it starts a new trace linked to the caller's.
//
// The span is named by WithName, or after the request method. It carries
// http.request.method, url.path, server.address and user_agent.original,
// then http.response.status_code; a status code of 500 or more marks it as
// failed. It is in the context of the decoder, the endpoint and the encoder,
// and ends in the server's finalizer, after the response is written.
func HTTPServerTrace(opts ...Option) kithttp.ServerOption {
	c := newConfig(trace.SpanKindServer, opts)
	tracer := c.tracer()
	before := func(ctx context.Context, r *http.Request) context.Context {
		name := c.name
		if name == "" {
			name = r.Method
		}
		attrs := make([]attribute.KeyValue, 0, 4+len(c.attrs))
		attrs = append(attrs, c.attrs...)
		attrs = append(attrs,
			semconv.HTTPRequestMethodKey.String(r.Method),
			semconv.URLPathKey.String(r.URL.Path),
		)
		attrs = appendServerAddress(attrs, r.Host)
		if ua := r.UserAgent(); ua != "" {
			attrs = append(attrs, semconv.UserAgentOriginalKey.String(ua))
		}
		start := []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(attrs...)}
		ctx, span := startServerSpan(ctx, c, tracer, name, propagation.HeaderCarrier(r.Header), start)
		if c.getAttrs != nil {
			span.SetAttributes(c.getAttrs(ctx)...)
		}
		return context.WithValue(ctx, hookSpanKey{}, hookSpan{owner: c, span: span})
	}
	finalizer := func(ctx context.Context, code int, _ *http.Request) {
		if span, ok := hookSpanFrom(ctx, c); ok {
			span.SetAttributes(semconv.HTTPResponseStatusCodeKey.Int(code))
			if code >= 500 {
				span.SetStatus(codes.Error, "")
			}
			span.End()
		}
	}
	return func(s *kithttp.Server) {
		kithttp.ServerBefore(before)(s)
		kithttp.ServerFinalizer(finalizer)(s)
	}
}

// startServerSpan starts a server-side span continuing the trace carried by
// carrier, or, for a public endpoint, a new root linked to it.
func startServerSpan(ctx context.Context, c *config, tracer trace.Tracer, name string, carrier propagation.TextMapCarrier, start []trace.SpanStartOption) (context.Context, trace.Span) {
	remote := c.propagator.Extract(ctx, carrier)
	if !c.public {
		return tracer.Start(remote, name, start...)
	}
	start = append(start, trace.WithNewRoot())
	if sc := trace.SpanContextFromContext(remote); sc.IsValid() && sc.IsRemote() {
		start = append(start, trace.WithLinks(trace.Link{SpanContext: sc}))
	}
	return tracer.Start(ctx, name, start...)
}

// appendServerAddress appends server.address and server.port from a
// host[:port] string.
func appendServerAddress(attrs []attribute.KeyValue, hostport string) []attribute.KeyValue {
	if hostport == "" {
		return attrs
	}
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return append(attrs, semconv.ServerAddressKey.String(hostport))
	}
	attrs = append(attrs, semconv.ServerAddressKey.String(host))
	if p, err := strconv.Atoi(port); err == nil {
		attrs = append(attrs, semconv.ServerPortKey.Int(p))
	}
	return attrs
}

// hookSpanKey is the context key of the span a transport hook started, for
// its own after and finalizer functions.
type hookSpanKey struct{}

// hookSpan is a span started by a transport hook. owner identifies the hook,
// so that a finalizer never ends a span another hook (or another transport
// in the same call chain) started.
type hookSpan struct {
	owner *config
	span  trace.Span
}

func hookSpanFrom(ctx context.Context, owner *config) (trace.Span, bool) {
	hs, ok := ctx.Value(hookSpanKey{}).(hookSpan)
	if !ok || hs.owner != owner {
		return nil, false
	}
	return hs.span, true
}
