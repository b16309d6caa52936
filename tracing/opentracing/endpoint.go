package opentracing

import (
	"context"
	"strconv"

	"github.com/opentracing/opentracing-go"
	"github.com/opentracing/opentracing-go/ext"
	otlog "github.com/opentracing/opentracing-go/log"

	"github.com/seedkit/kit/endpoint"
)

// TraceEndpoint returns a middleware that wraps each call of the next
// endpoint in a span called operationName (or what
// EndpointOptions.GetOperationName returns for the call), child of the span
// in the call's context (opentracing.SpanFromContext) if there is one, or the
// root of a new trace. The next endpoint receives a context holding the new
// span, which finishes when it returns.
//
// A returned error is logged on the span with ext.LogError (the "error" tag
// and an "error" event); an error from sd/lb's Retry also logs each attempt's
// error as "gokit.retry.error.N". A business error (a response implementing
// endpoint.Failer whose Failed method returns an error) is logged as
// "gokit.business.error" and, unless IgnoreBusinessError, reported like a
// returned error.
//
// Go kit assigns a name returned by GetOperationName to the middleware's
// name for all later calls, racily; kit names each call on its own. A nil
// tracer gives a middleware that calls the next endpoint untraced. The
// middleware is safe for concurrent use.
func TraceEndpoint(tracer opentracing.Tracer, operationName string, opts ...EndpointOption) endpoint.Middleware {
	cfg := &EndpointOptions{Tags: opentracing.Tags{}}
	for _, opt := range opts {
		if opt != nil {
			opt(cfg)
		}
	}
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		if tracer == nil {
			return next
		}
		return func(ctx context.Context, request any) (response any, err error) {
			name := operationName
			if cfg.GetOperationName != nil {
				if n := cfg.GetOperationName(ctx, operationName); n != "" {
					name = n
				}
			}
			var span opentracing.Span
			if parent := opentracing.SpanFromContext(ctx); parent != nil {
				span = tracer.StartSpan(name, opentracing.ChildOf(parent.Context()))
			} else {
				span = tracer.StartSpan(name)
			}
			defer span.Finish()
			setTags(span, cfg.Tags)
			if cfg.GetTags != nil {
				setTags(span, cfg.GetTags(ctx))
			}

			response, err = next(opentracing.ContextWithSpan(ctx, span), request)
			if err != nil {
				if raw, _, ok := retryErrors(err); ok {
					fields := make([]otlog.Field, 0, len(raw))
					for i, e := range raw {
						fields = append(fields, otlog.String("gokit.retry.error."+strconv.Itoa(i+1), errString(e)))
					}
					ext.LogError(span, err, fields...)
				} else {
					ext.LogError(span, err)
				}
				return response, err
			}
			if f, ok := response.(endpoint.Failer); ok {
				if ferr := f.Failed(); ferr != nil {
					span.LogFields(otlog.String("gokit.business.error", ferr.Error()))
					if !cfg.IgnoreBusinessError {
						ext.LogError(span, ferr)
					}
				}
			}
			return response, nil
		}
	}
}

// TraceServer is TraceEndpoint with the span.kind tag set to
// ext.SpanKindRPCServer.
func TraceServer(tracer opentracing.Tracer, operationName string, opts ...EndpointOption) endpoint.Middleware {
	return TraceEndpoint(tracer, operationName, withKind(opts, ext.SpanKindRPCServer)...)
}

// TraceClient is TraceEndpoint with the span.kind tag set to
// ext.SpanKindRPCClient.
func TraceClient(tracer opentracing.Tracer, operationName string, opts ...EndpointOption) endpoint.Middleware {
	return TraceEndpoint(tracer, operationName, withKind(opts, ext.SpanKindRPCClient)...)
}

// withKind returns a copy of opts ending with the span.kind tag, leaving the
// caller's slice alone.
func withKind(opts []EndpointOption, kind opentracing.Tag) []EndpointOption {
	out := make([]EndpointOption, 0, len(opts)+1)
	out = append(out, opts...)
	return append(out, WithTags(opentracing.Tags{kind.Key: kind.Value}))
}

func setTags(span opentracing.Span, tags opentracing.Tags) {
	for k, v := range tags {
		span.SetTag(k, v)
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
