package opentracing

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"

	"github.com/opentracing/opentracing-go"
	"github.com/opentracing/opentracing-go/ext"

	"github.com/seedkit/kit/log"
	kithttp "github.com/seedkit/kit/transport/http"
)

// ContextToHTTP returns a client RequestFunc (for httptransport.ClientBefore)
// that injects the span of ctx into the request's headers in the
// opentracing.HTTPHeaders format, after tagging the span with the request's
// method, URL, peer host name and port. With no span in ctx it does
// nothing. Injection errors go to logger (nil discards them). It starts no
// span: wrap the client's endpoint with TraceClient. A nil tracer gives a
// no-op.
func ContextToHTTP(tracer opentracing.Tracer, logger log.Logger) kithttp.RequestFunc {
	logger = orNop(logger)
	return func(ctx context.Context, req *http.Request) context.Context {
		span := opentracing.SpanFromContext(ctx)
		if span == nil || tracer == nil {
			return ctx
		}
		ext.HTTPMethod.Set(span, req.Method)
		ext.HTTPUrl.Set(span, req.URL.String())
		if host, port, err := net.SplitHostPort(req.URL.Host); err == nil {
			ext.PeerHostname.Set(span, host)
			if p, err := strconv.ParseUint(port, 10, 16); err == nil {
				ext.PeerPort.Set(span, uint16(p))
			}
		} else {
			ext.PeerHostname.Set(span, req.URL.Host)
		}
		if err := tracer.Inject(span.Context(), opentracing.HTTPHeaders, opentracing.HTTPHeadersCarrier(req.Header)); err != nil {
			_ = logger.Log("err", err)
		}
		return ctx
	}
}

// HTTPToContext returns a server RequestFunc (for httptransport.ServerBefore)
// that starts a span called operationName with the span.kind tag "server",
// child of the span context found in the request's headers, or the root of a
// new trace if there is none (other extraction errors go to logger, nil
// discards them). The span is tagged with the request's method and URL and
// put in the returned context (opentracing.SpanFromContext).
//
// As in Go kit, the hook does not finish the span: finish it in a
// ServerFinalizer, or let TraceServer behind it record the call as a child.
// A nil tracer gives a no-op.
func HTTPToContext(tracer opentracing.Tracer, operationName string, logger log.Logger) kithttp.RequestFunc {
	logger = orNop(logger)
	return func(ctx context.Context, req *http.Request) context.Context {
		if tracer == nil {
			return ctx
		}
		wire, err := tracer.Extract(opentracing.HTTPHeaders, opentracing.HTTPHeadersCarrier(req.Header))
		if err != nil && !errors.Is(err, opentracing.ErrSpanContextNotFound) {
			_ = logger.Log("err", err)
		}
		span := tracer.StartSpan(operationName, ext.RPCServerOption(wire))
		ext.HTTPMethod.Set(span, req.Method)
		ext.HTTPUrl.Set(span, req.URL.String())
		return opentracing.ContextWithSpan(ctx, span)
	}
}

func orNop(logger log.Logger) log.Logger {
	if logger == nil {
		return log.NewNopLogger()
	}
	return logger
}
