package opencensus

import (
	"context"
	"net/http"

	"go.opencensus.io/trace"

	kithttp "github.com/seedkit/kit/transport/http"
)

// HTTPClientTrace returns a ClientOption that traces each call of a kit
// HTTP Client with a span of kind client, child of the span in the call's
// context, and, unless Public, writes its span context into the request
// headers (B3 by default, see WithHTTPPropagation).
//
// The span is named by WithName, or "METHOD /path", and carries ochttp's
// host, method, path, user agent and status code attributes; its status is
// derived from the response status code (ochttp.TraceStatus), or Unknown
// with the error's message when the call fails. It ends in the client's
// finalizer. A call whose encoder fails has no span.
func HTTPClientTrace(options ...TracerOption) kithttp.ClientOption {
	cfg := newTracerOptions(options)
	before := func(ctx context.Context, req *http.Request) context.Context {
		name := cfg.Name
		if name == "" {
			name = req.Method + " " + req.URL.Path
		}
		ctx, span := trace.StartSpan(ctx, name,
			trace.WithSampler(cfg.Sampler),
			trace.WithSpanKind(trace.SpanKindClient),
		)
		span.AddAttributes(
			trace.StringAttribute(hostAttribute, req.URL.Host),
			trace.StringAttribute(methodAttribute, req.Method),
			trace.StringAttribute(pathAttribute, req.URL.Path),
			trace.StringAttribute(userAgentAttribute, req.UserAgent()),
		)
		if !cfg.Public {
			cfg.HTTPPropagate.SpanContextToRequest(span.SpanContext(), req)
		}
		return withSpan(ctx, cfg, span)
	}
	after := func(ctx context.Context, res *http.Response) context.Context {
		if span := spanFrom(ctx, cfg); span != nil {
			span.SetStatus(httpStatus(res.StatusCode))
			span.AddAttributes(trace.Int64Attribute(statusCodeAttribute, int64(res.StatusCode)))
		}
		return ctx
	}
	finalizer := func(ctx context.Context, err error) {
		if span := spanFrom(ctx, cfg); span != nil {
			if err != nil {
				span.SetStatus(trace.Status{Code: trace.StatusCodeUnknown, Message: err.Error()})
			}
			span.End()
		}
	}
	return func(c *kithttp.Client) {
		kithttp.ClientBefore(before)(c)
		kithttp.ClientAfter(after)(c)
		kithttp.ClientFinalizer(finalizer)(c)
	}
}

// HTTPServerTrace returns a ServerOption that traces each request a kit
// HTTP Server handles with a span of kind server, continuing the trace of
// the span context in the request headers (B3 by default). A Public server
// starts a new trace instead and links the caller's span context.
//
// The span is named by WithName, or "METHOD /path", and carries ochttp's
// method and path attributes and the response size; its status is derived
// from the response status code (ochttp.TraceStatus). It is in the context
// of the decoder, the endpoint and the encoder, and ends in the server's
// finalizer.
func HTTPServerTrace(options ...TracerOption) kithttp.ServerOption {
	cfg := newTracerOptions(options)
	before := func(ctx context.Context, req *http.Request) context.Context {
		name := cfg.Name
		if name == "" {
			name = req.Method + " " + req.URL.Path
		}
		sc, ok := cfg.HTTPPropagate.SpanContextFromRequest(req)
		ctx, span := startServerSpan(ctx, cfg, name, sc, ok)
		span.AddAttributes(
			trace.StringAttribute(methodAttribute, req.Method),
			trace.StringAttribute(pathAttribute, req.URL.Path),
		)
		return withSpan(ctx, cfg, span)
	}
	finalizer := func(ctx context.Context, code int, _ *http.Request) {
		if span := spanFrom(ctx, cfg); span != nil {
			span.SetStatus(httpStatus(code))
			if size, ok := ctx.Value(kithttp.ContextKeyResponseSize).(int64); ok {
				span.AddAttributes(trace.Int64Attribute("http.response_size", size))
			}
			span.End()
		}
	}
	return func(s *kithttp.Server) {
		kithttp.ServerBefore(before)(s)
		kithttp.ServerFinalizer(finalizer)(s)
	}
}

// startServerSpan starts a server span continuing the remote span context
// sc (when found is true), or, for a public endpoint, a new trace linking
// it.
func startServerSpan(ctx context.Context, cfg *TracerOptions, name string, sc trace.SpanContext, found bool) (context.Context, *trace.Span) {
	if found && !cfg.Public {
		return trace.StartSpanWithRemoteParent(ctx, name, sc,
			trace.WithSpanKind(trace.SpanKindServer),
			trace.WithSampler(cfg.Sampler),
		)
	}
	ctx, span := trace.StartSpan(ctx, name,
		trace.WithSpanKind(trace.SpanKindServer),
		trace.WithSampler(cfg.Sampler),
	)
	if found {
		span.AddLink(trace.Link{TraceID: sc.TraceID, SpanID: sc.SpanID, Type: trace.LinkTypeChild})
	}
	return ctx, span
}

// hookKey is the context key of the span a transport option started, for
// its own after and finalizer functions: the owner check keeps a finalizer
// from ending a span it did not start (such as the caller's endpoint span,
// when the before function did not run).
type hookKey struct{}

type hookSpan struct {
	owner *TracerOptions
	span  *trace.Span
}

func withSpan(ctx context.Context, owner *TracerOptions, span *trace.Span) context.Context {
	return context.WithValue(ctx, hookKey{}, hookSpan{owner: owner, span: span})
}

func spanFrom(ctx context.Context, owner *TracerOptions) *trace.Span {
	if hs, ok := ctx.Value(hookKey{}).(hookSpan); ok && hs.owner == owner {
		return hs.span
	}
	return nil
}
