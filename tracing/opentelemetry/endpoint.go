package opentelemetry

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/seedkit/kit/endpoint"
)

// TraceEndpoint returns a middleware that wraps each call of the next
// endpoint in a span named name (DefaultSpanName if name is empty), of kind
// trace.SpanKindInternal unless WithSpanKind says otherwise.
//
// The span is a child of the span in the call's context, if any: a span
// started by a transport hook or another middleware, or a remote span
// context put there by ContextToHTTP-style extraction hooks. The next
// endpoint receives a context holding the new span.
//
// Spans carry the attributes given by WithAttributes and WithRPC. A span of
// kind server behind GRPCToContext or GRPCServerTrace also carries
// rpc.system, rpc.service and rpc.method of the gRPC method being served,
// and the next endpoint receives a context without them, so spans started
// downstream (internal spans, client spans of outgoing calls) do not.
//
// When the call returns an error, the error is recorded on the span (an
// "exception" event) and the span's status is set to codes.Error with the
// error's message. When the response is an endpoint.Failer reporting an
// error, its message is recorded under BusinessErrorKey and, unless
// WithIgnoreBusinessError(true) was given, it fails the span the same way.
// Otherwise the status is left unset, as the semantic conventions ask of
// instrumentation libraries.
//
// The returned middleware is safe for concurrent use. The span ends when the
// next endpoint returns or panics.
func TraceEndpoint(name string, opts ...Option) endpoint.Middleware {
	return traceEndpoint(name, trace.SpanKindInternal, opts)
}

// TraceServer is TraceEndpoint with spans of kind trace.SpanKindServer:
// wrap a server's endpoint with it, behind a transport hook that extracts the
// caller's span context (ContextToHTTP and friends are for the client side;
// HTTPToContext, GRPCToContext, NATSToContext and AMQPToContext for this
// one).
func TraceServer(name string, opts ...Option) endpoint.Middleware {
	return traceEndpoint(name, trace.SpanKindServer, opts)
}

// TraceClient is TraceEndpoint with spans of kind trace.SpanKindClient: wrap
// a transport client's endpoint with it, and give the client a hook that
// injects the span context (ContextToHTTP, ContextToGRPC, ContextToNATS,
// ContextToAMQP).
func TraceClient(name string, opts ...Option) endpoint.Middleware {
	return traceEndpoint(name, trace.SpanKindClient, opts)
}

func traceEndpoint(name string, kind trace.SpanKind, opts []Option) endpoint.Middleware {
	if name == "" {
		name = DefaultSpanName
	}
	c := newConfig(kind, opts)
	tracer := c.tracer()
	start := []trace.SpanStartOption{trace.WithSpanKind(c.kind)}
	if len(c.attrs) > 0 {
		start = append(start, trace.WithAttributes(c.attrs...))
	}
	getName, getAttrs, ignoreFailed := c.getName, c.getAttrs, c.ignoreFailed
	server := c.kind == trace.SpanKindServer

	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (any, error) {
			spanName := name
			if getName != nil {
				if n := getName(ctx, name); n != "" {
					spanName = n
				}
			}
			// The RPC attributes of the call being served belong to its
			// server span only: taken here, they are cleared from the
			// context so that spans started downstream (a TraceClient of an
			// outgoing call, say) do not claim the inbound method.
			var rpcAttrs []attribute.KeyValue
			if server {
				if rpcAttrs, _ = ctx.Value(rpcAttrsKey{}).([]attribute.KeyValue); rpcAttrs != nil {
					ctx = context.WithValue(ctx, rpcAttrsKey{}, nil)
				}
			}
			ctx, span := tracer.Start(ctx, spanName, start...)
			defer span.End()
			if len(rpcAttrs) > 0 {
				span.SetAttributes(rpcAttrs...)
			}
			if getAttrs != nil {
				if attrs := getAttrs(ctx); len(attrs) > 0 {
					span.SetAttributes(attrs...)
				}
			}

			response, err := next(ctx, request)
			if err != nil {
				fail(span, err)
				return response, err
			}
			if f, ok := response.(endpoint.Failer); ok {
				if ferr := f.Failed(); ferr != nil {
					span.SetAttributes(BusinessErrorKey.String(ferr.Error()))
					if !ignoreFailed {
						fail(span, ferr)
					}
				}
			}
			return response, nil
		}
	}
}

// fail records err on span and marks the span as failed.
func fail(span trace.Span, err error) {
	span.RecordError(err)
	span.SetStatus(codes.Error, err.Error())
}

// rpcAttrsKey is the context key under which extraction hooks leave the RPC
// attributes of the call being served, for the endpoint middlewares.
type rpcAttrsKey struct{}
