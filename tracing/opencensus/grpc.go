package opencensus

import (
	"context"

	"go.opencensus.io/trace"
	"go.opencensus.io/trace/propagation"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

// propagationKey is the metadata key of OpenCensus' binary span context,
// the one ocgrpc uses.
const propagationKey = "grpc-trace-bin"

// GRPCClientTrace returns a ClientOption that traces each call of a kit
// gRPC Client with a span of kind client, child of the span in the call's
// context, and, unless Public, writes its binary span context into the
// outgoing metadata under "grpc-trace-bin".
//
// The span is named by WithName, or after the full method name; its status
// is the call's gRPC status code and message. It ends in the client's
// finalizer. A call whose encoder fails has no span.
func GRPCClientTrace(options ...TracerOption) kitgrpc.ClientOption {
	cfg := newTracerOptions(options)
	before := func(ctx context.Context, md *metadata.MD) context.Context {
		name := cfg.Name
		if name == "" {
			name, _ = ctx.Value(kitgrpc.ContextKeyRequestMethod).(string)
		}
		ctx, span := trace.StartSpan(ctx, name,
			trace.WithSampler(cfg.Sampler),
			trace.WithSpanKind(trace.SpanKindClient),
		)
		if !cfg.Public && md != nil {
			if *md == nil {
				*md = metadata.MD{}
			}
			(*md)[propagationKey] = append((*md)[propagationKey], string(propagation.Binary(span.SpanContext())))
		}
		return withSpan(ctx, cfg, span)
	}
	finalizer := func(ctx context.Context, err error) {
		if span := spanFrom(ctx, cfg); span != nil {
			span.SetStatus(grpcStatus(err, codes.Unknown))
			span.End()
		}
	}
	return func(c *kitgrpc.Client) {
		kitgrpc.ClientBefore(before)(c)
		kitgrpc.ClientFinalizer(finalizer)(c)
	}
}

// GRPCServerTrace returns a ServerOption that traces each request a kit
// gRPC Server handles with a span of kind server, continuing the trace of
// the binary span context in the incoming metadata ("grpc-trace-bin"). A
// Public server starts a new trace instead and links the caller's span
// context.
//
// The span is named by WithName, or after the full method name, which comes
// from kitgrpc.Interceptor's context key or, beyond Go kit, from grpc-go
// (grpc.Method); with neither it is "unknown grpc method". Its status is the
// request's gRPC status code and message (Internal for an error without a
// gRPC status, as in Go kit). It ends in the server's finalizer.
func GRPCServerTrace(options ...TracerOption) kitgrpc.ServerOption {
	cfg := newTracerOptions(options)
	before := func(ctx context.Context, md metadata.MD) context.Context {
		name := cfg.Name
		if name == "" {
			name, _ = ctx.Value(kitgrpc.ContextKeyRequestMethod).(string)
		}
		if name == "" {
			name, _ = grpc.Method(ctx)
		}
		if name == "" {
			name = "unknown grpc method"
		}
		var (
			sc    trace.SpanContext
			found bool
		)
		if v := md[propagationKey]; len(v) > 0 {
			sc, found = propagation.FromBinary([]byte(v[0]))
		}
		ctx, span := startServerSpan(ctx, cfg, name, sc, found)
		return withSpan(ctx, cfg, span)
	}
	finalizer := func(ctx context.Context, err error) {
		if span := spanFrom(ctx, cfg); span != nil {
			span.SetStatus(grpcStatus(err, codes.Internal))
			span.End()
		}
	}
	return func(s *kitgrpc.Server) {
		kitgrpc.ServerBefore(before)(s)
		kitgrpc.ServerFinalizer(finalizer)(s)
	}
}

// grpcStatus converts a call's error to a span status; errors without a
// gRPC status get fallback.
func grpcStatus(err error, fallback codes.Code) trace.Status {
	if s, ok := status.FromError(err); ok {
		return trace.Status{Code: int32(s.Code()), Message: s.Message()}
	}
	return trace.Status{Code: int32(fallback), Message: err.Error()}
}
