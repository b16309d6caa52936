package zipkin

import (
	"context"

	"github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"

	"github.com/seedkit/kit/endpoint"
)

// TraceEndpoint returns a middleware that wraps each call of the next
// endpoint in a span called name, child of the span in the call's context
// (zipkin.SpanFromContext) if there is one, or the root of a new trace. The
// next endpoint receives a context holding the new span. The span finishes
// when the next endpoint returns.
//
// It propagates nothing across the wire: pair it with the transport options
// of this package (or hooks of your own) that put the caller's span in the
// context on the server side and inject it on the client side.
//
// Beyond Go kit, a call returning an error tags its span with the error's
// message under "error", as zipkin-go's own middlewares do. A nil tracer
// gives a middleware that calls the next endpoint untraced. The middleware
// is safe for concurrent use.
func TraceEndpoint(tracer *zipkin.Tracer, name string) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		if tracer == nil {
			return next
		}
		return func(ctx context.Context, request any) (any, error) {
			var parent model.SpanContext
			if span := zipkin.SpanFromContext(ctx); span != nil {
				parent = span.Context()
			}
			span := tracer.StartSpan(name, zipkin.Parent(parent))
			defer span.Finish()

			response, err := next(zipkin.NewContext(ctx, span), request)
			if err != nil {
				zipkin.TagError.Set(span, err.Error())
			}
			return response, err
		}
	}
}
