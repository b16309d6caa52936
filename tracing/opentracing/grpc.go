package opentracing

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"

	"github.com/opentracing/opentracing-go"
	"github.com/opentracing/opentracing-go/ext"
	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/log"
)

// ContextToGRPC returns a gRPC client request function (for
// grpctransport.ClientBefore) that injects the span of ctx into the outgoing
// metadata in the opentracing.TextMap format. With no span in ctx, or a nil
// md, it does nothing. Injection errors go to logger (nil discards them). It
// starts no span: wrap the client's endpoint with TraceClient. A nil tracer
// gives a no-op.
func ContextToGRPC(tracer opentracing.Tracer, logger log.Logger) func(ctx context.Context, md *metadata.MD) context.Context {
	logger = orNop(logger)
	return func(ctx context.Context, md *metadata.MD) context.Context {
		span := opentracing.SpanFromContext(ctx)
		if span == nil || tracer == nil || md == nil {
			return ctx
		}
		if *md == nil {
			*md = metadata.MD{}
		}
		if err := tracer.Inject(span.Context(), opentracing.TextMap, metadataCarrier{md}); err != nil {
			_ = logger.Log("err", err)
		}
		return ctx
	}
}

// GRPCToContext returns a gRPC server request function (for
// grpctransport.ServerBefore) that starts a span called operationName with
// the span.kind tag "server", child of the span context found in the
// incoming metadata, or the root of a new trace if there is none (other
// extraction errors go to logger, nil discards them). The span is put in the
// returned context. As in Go kit, the hook does not finish the span: finish
// it in a ServerFinalizer, or let TraceServer behind it record the call as a
// child. A nil tracer gives a no-op.
func GRPCToContext(tracer opentracing.Tracer, operationName string, logger log.Logger) func(ctx context.Context, md metadata.MD) context.Context {
	logger = orNop(logger)
	return func(ctx context.Context, md metadata.MD) context.Context {
		if tracer == nil {
			return ctx
		}
		wire, err := tracer.Extract(opentracing.TextMap, metadataCarrier{&md})
		if err != nil && !errors.Is(err, opentracing.ErrSpanContextNotFound) {
			_ = logger.Log("err", err)
		}
		span := tracer.StartSpan(operationName, ext.RPCServerOption(wire))
		return opentracing.ContextWithSpan(ctx, span)
	}
}

// metadataCarrier is an opentracing.TextMapReader and TextMapWriter over
// gRPC metadata. Keys are lower-cased, as gRPC requires; values of binary
// ("-bin") keys are base64-encoded, as in Go kit.
type metadataCarrier struct{ md *metadata.MD }

func (c metadataCarrier) Set(key, val string) {
	key = strings.ToLower(key)
	if strings.HasSuffix(key, "-bin") {
		val = base64.StdEncoding.EncodeToString([]byte(val))
	}
	(*c.md)[key] = append((*c.md)[key], val)
}

func (c metadataCarrier) ForeachKey(handler func(key, val string) error) error {
	for k, vals := range *c.md {
		for _, v := range vals {
			if err := handler(k, v); err != nil {
				return err
			}
		}
	}
	return nil
}
