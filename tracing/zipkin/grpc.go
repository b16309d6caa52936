package zipkin

import (
	"context"
	"strconv"

	"github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/propagation/b3"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

// GRPCClientTrace returns a ClientOption that traces each call of a kit
// gRPC Client with a span of kind client, child of the span in the call's
// context, and, unless AllowPropagation(false), injects its context into the
// outgoing metadata as B3 keys.
//
// The span is named by Name, or after the full method name
// ("/package.Service/Method"), and tagged with the Tags given; a failed call
// sets the "error" tag to the error's message. It is in the context of the
// ClientAfter functions and the decoder (zipkin.SpanFromContext), finishes
// when the reply arrives and is flushed to the reporter in the client's
// finalizer. A call whose encoder fails has no span.
//
// A nil tracer gives an option that does nothing.
func GRPCClientTrace(tracer *zipkin.Tracer, options ...TracerOption) kitgrpc.ClientOption {
	if tracer == nil {
		return func(*kitgrpc.Client) {}
	}
	o := newOptions(options)
	before := func(ctx context.Context, md *metadata.MD) context.Context {
		name := o.name
		if name == "" {
			name, _ = ctx.Value(kitgrpc.ContextKeyRequestMethod).(string)
		}
		var parent model.SpanContext
		if span := zipkin.SpanFromContext(ctx); span != nil {
			parent = span.Context()
		}
		span := tracer.StartSpan(name,
			zipkin.Kind(model.Client),
			zipkin.Tags(o.tags),
			zipkin.Parent(parent),
			zipkin.FlushOnFinish(false),
		)
		if o.propagate && md != nil {
			if *md == nil {
				*md = metadata.MD{}
			}
			if err := b3.InjectGRPC(md)(span.Context()); err != nil {
				_ = o.logger.Log("err", err)
			}
		}
		return withSpan(ctx, o, span)
	}
	after := func(ctx context.Context, _, _ metadata.MD) context.Context {
		if span := spanFrom(ctx, o); span != nil {
			span.Finish()
		}
		return ctx
	}
	finalizer := func(ctx context.Context, err error) {
		if span := spanFrom(ctx, o); span != nil {
			if err != nil {
				zipkin.TagError.Set(span, err.Error())
			}
			span.Finish() // a no-op if after did it
			span.Flush()
		}
	}
	return func(c *kitgrpc.Client) {
		kitgrpc.ClientBefore(before)(c)
		kitgrpc.ClientAfter(after)(c)
		kitgrpc.ClientFinalizer(finalizer)(c)
	}
}

// GRPCServerTrace returns a ServerOption that traces each request a kit
// gRPC Server handles with a span of kind server. Unless
// AllowPropagation(false), the span continues the trace of the B3 keys of
// the incoming metadata (keys that fail to parse are logged and a new trace
// starts).
//
// The span is named by Name, or after the full method name, which comes
// from kitgrpc.Interceptor's context key or, beyond Go kit, from grpc-go
// itself (grpc.Method), so the interceptor is optional; with neither, the
// missing name is logged. The span is tagged with the Tags given and
// grpc.method; a failed request sets grpc.status_code and "error" (the
// status message). It is in the context of the decoder, the endpoint and
// the encoder, finishes once the reply is encoded (or failed) and is flushed
// to the reporter in the server's finalizer.
//
// A nil tracer gives an option that does nothing.
func GRPCServerTrace(tracer *zipkin.Tracer, options ...TracerOption) kitgrpc.ServerOption {
	if tracer == nil {
		return func(*kitgrpc.Server) {}
	}
	o := newOptions(options)
	before := func(ctx context.Context, md metadata.MD) context.Context {
		method, ok := ctx.Value(kitgrpc.ContextKeyRequestMethod).(string)
		if !ok {
			method, ok = grpc.Method(ctx)
		}
		tags := map[string]string{}
		if ok {
			tags["grpc.method"] = method
		} else {
			_ = o.logger.Log("err", "unable to retrieve method name: missing gRPC interceptor hook")
		}
		name := o.name
		if name == "" {
			name = method
		}
		var sc model.SpanContext
		if o.propagate {
			sc = tracer.Extract(b3.ExtractGRPC(&md))
			if sc.Err != nil {
				_ = o.logger.Log("err", sc.Err)
			}
		}
		span := tracer.StartSpan(name,
			zipkin.Kind(model.Server),
			zipkin.Tags(o.tags),
			zipkin.Tags(tags),
			zipkin.Parent(sc),
			zipkin.FlushOnFinish(false),
		)
		return withSpan(ctx, o, span)
	}
	after := func(ctx context.Context, _, _ *metadata.MD) context.Context {
		if span := spanFrom(ctx, o); span != nil {
			span.Finish()
		}
		return ctx
	}
	finalizer := func(ctx context.Context, err error) {
		if span := spanFrom(ctx, o); span != nil {
			if err != nil {
				if s, ok := status.FromError(err); ok {
					zipkin.TagGRPCStatusCode.Set(span, strconv.FormatUint(uint64(s.Code()), 10))
					zipkin.TagError.Set(span, s.Message())
				} else {
					zipkin.TagError.Set(span, err.Error())
				}
			}
			span.Finish() // a no-op if after did it
			span.Flush()
		}
	}
	return func(s *kitgrpc.Server) {
		kitgrpc.ServerBefore(before)(s)
		kitgrpc.ServerAfter(after)(s)
		kitgrpc.ServerFinalizer(finalizer)(s)
	}
}
