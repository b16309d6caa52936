package opentelemetry

import (
	"context"
	"errors"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	grpccodes "google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

// ContextToGRPC returns a gRPC client request function (for
// grpctransport.ClientBefore, whose ClientRequestFunc has this signature)
// that injects the span context of ctx, and its baggage, into the outgoing
// metadata with the configured propagator. It starts no span: pair it with
// TraceClient, or use GRPCClientTrace. WithPublicEndpoint(true) turns it into
// a no-op.
func ContextToGRPC(opts ...Option) func(ctx context.Context, md *metadata.MD) context.Context {
	c := newConfig(trace.SpanKindClient, opts)
	return func(ctx context.Context, md *metadata.MD) context.Context {
		if !c.public && md != nil {
			c.propagator.Inject(ctx, MetadataCarrier{MD: md})
		}
		return ctx
	}
}

// GRPCToContext returns a gRPC server request function (for
// grpctransport.ServerBefore, whose ServerRequestFunc has this signature)
// that extracts the caller's span context from the incoming metadata and
// returns a context holding it as the remote parent, so that spans started
// from it (by TraceServer, for example) join the caller's trace. It starts
// no span. It also records the method being served (see GRPCServerTrace) so
// that a TraceServer span (and only a span of kind server) behind it sets
// rpc.system, rpc.service and rpc.method.
// With WithPublicEndpoint(true) it does not extract.
func GRPCToContext(opts ...Option) func(ctx context.Context, md metadata.MD) context.Context {
	c := newConfig(trace.SpanKindServer, opts)
	return func(ctx context.Context, md metadata.MD) context.Context {
		if attrs := rpcAttributes(grpcMethod(ctx)); attrs != nil {
			ctx = context.WithValue(ctx, rpcAttrsKey{}, attrs)
		}
		if c.public {
			return ctx
		}
		return c.propagator.Extract(ctx, MetadataCarrier{MD: &md})
	}
}

// grpcMethod returns the full method name ("/package.Service/Method") of
// the gRPC call ctx belongs to, or "". It asks grpc-go first, which knows it
// inside any server handler, then kit's gRPC transport context key.
func grpcMethod(ctx context.Context) string {
	if m, ok := grpc.Method(ctx); ok && m != "" {
		return m
	}
	m, _ := ctx.Value(kitgrpc.ContextKeyRequestMethod).(string)
	return m
}

// rpcAttributes returns the RPC semantic convention attributes of a full
// gRPC method name, or nil if method is empty.
func rpcAttributes(method string) []attribute.KeyValue {
	if method == "" {
		return nil
	}
	attrs := []attribute.KeyValue{semconv.RPCSystemGRPC}
	service, name, ok := strings.Cut(strings.TrimPrefix(method, "/"), "/")
	if ok {
		if service != "" {
			attrs = append(attrs, semconv.RPCServiceKey.String(service))
		}
		if name != "" {
			attrs = append(attrs, semconv.RPCMethodKey.String(name))
		}
	} else {
		attrs = append(attrs, semconv.RPCMethodKey.String(service))
	}
	return attrs
}

// GRPCClientTrace returns a ClientOption that traces each call of a kit gRPC
// Client with a span of kind client, child of the span in the call's
// context, and injects its span context into the outgoing metadata (unless
// WithPublicEndpoint(true)).
//
// The span is named by WithName, or after the full method without its
// leading slash ("package.Service/Method"). It carries rpc.system,
// rpc.service, rpc.method and, when the call ends, rpc.grpc.status_code; a
// failed call records its error and marks the span as failed. The span ends
// in the client's finalizer. A call whose request encoder fails has no span.
func GRPCClientTrace(opts ...Option) kitgrpc.ClientOption {
	c := newConfig(trace.SpanKindClient, opts)
	tracer := c.tracer()
	before := func(ctx context.Context, md *metadata.MD) context.Context {
		method, _ := ctx.Value(kitgrpc.ContextKeyRequestMethod).(string)
		name := c.name
		if name == "" {
			name = strings.TrimPrefix(method, "/")
		}
		attrs := append(append([]attribute.KeyValue(nil), c.attrs...), rpcAttributes(method)...)
		ctx, span := tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
		if c.getAttrs != nil {
			span.SetAttributes(c.getAttrs(ctx)...)
		}
		if !c.public && md != nil {
			c.propagator.Inject(ctx, MetadataCarrier{MD: md})
		}
		return context.WithValue(ctx, hookSpanKey{}, hookSpan{owner: c, span: span})
	}
	finalizer := func(ctx context.Context, err error) {
		if span, ok := hookSpanFrom(ctx, c); ok {
			code := grpcCode(err)
			span.SetAttributes(semconv.RPCGRPCStatusCodeKey.Int(int(code)))
			if err != nil {
				fail(span, err)
			}
			span.End()
		}
	}
	return func(cl *kitgrpc.Client) {
		kitgrpc.ClientBefore(before)(cl)
		kitgrpc.ClientFinalizer(finalizer)(cl)
	}
}

// GRPCServerTrace returns a ServerOption that traces each request a kit
// gRPC Server handles with a span of kind server. The span continues the
// trace whose span context the incoming metadata carries; with
// WithPublicEndpoint(true) it starts a new trace linked to the caller's.
//
// The span is named by WithName, or after the full method without its
// leading slash. The method comes from grpc-go (grpc.Method), or from
// kitgrpc.Interceptor's context key. The span carries rpc.system,
// rpc.service, rpc.method and rpc.grpc.status_code; a TraceServer behind it
// sets the same rpc attributes on its span, other endpoint spans do not. As the RPC semantic conventions
// say, only server errors (Unknown, DeadlineExceeded, Unimplemented,
// Internal, Unavailable, DataLoss) mark the span as failed; other codes are
// the client's fault, and the error is still recorded. The span ends in the
// server's finalizer.
func GRPCServerTrace(opts ...Option) kitgrpc.ServerOption {
	c := newConfig(trace.SpanKindServer, opts)
	tracer := c.tracer()
	before := func(ctx context.Context, md metadata.MD) context.Context {
		method := grpcMethod(ctx)
		name := c.name
		if name == "" {
			name = strings.TrimPrefix(method, "/")
			if name == "" {
				name = "grpc.server"
			}
		}
		rpcAttrs := rpcAttributes(method)
		attrs := append(append([]attribute.KeyValue(nil), c.attrs...), rpcAttrs...)
		start := []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(attrs...)}
		ctx, span := startServerSpan(ctx, c, tracer, name, MetadataCarrier{MD: &md}, start)
		if rpcAttrs != nil {
			ctx = context.WithValue(ctx, rpcAttrsKey{}, rpcAttrs)
		}
		if c.getAttrs != nil {
			span.SetAttributes(c.getAttrs(ctx)...)
		}
		return context.WithValue(ctx, hookSpanKey{}, hookSpan{owner: c, span: span})
	}
	finalizer := func(ctx context.Context, err error) {
		if span, ok := hookSpanFrom(ctx, c); ok {
			code := grpcCode(err)
			span.SetAttributes(semconv.RPCGRPCStatusCodeKey.Int(int(code)))
			if err != nil {
				span.RecordError(err)
				if serverFault(code) {
					span.SetStatus(codes.Error, err.Error())
				}
			}
			span.End()
		}
	}
	return func(s *kitgrpc.Server) {
		kitgrpc.ServerBefore(before)(s)
		kitgrpc.ServerFinalizer(finalizer)(s)
	}
}

// serverFault reports whether a gRPC status code is a server error.
func serverFault(code grpccodes.Code) bool {
	switch code {
	case grpccodes.Unknown, grpccodes.DeadlineExceeded, grpccodes.Unimplemented,
		grpccodes.Internal, grpccodes.Unavailable, grpccodes.DataLoss:
		return true
	}
	return false
}

// grpcCode returns the status code grpc-go sends for err, as kit's gRPC
// server maps it.
func grpcCode(err error) grpccodes.Code {
	if err == nil {
		return grpccodes.OK
	}
	if s, ok := status.FromError(err); ok {
		return s.Code()
	}
	switch {
	case errors.Is(err, context.Canceled):
		return grpccodes.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return grpccodes.DeadlineExceeded
	}
	return grpccodes.Unknown
}
