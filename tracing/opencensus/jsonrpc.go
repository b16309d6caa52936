package opencensus

import (
	"context"
	"net/http"
	"sync"

	"go.opencensus.io/trace"

	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/http/jsonrpc"
)

// JSONRPCClientTrace returns a ClientOption that traces each call of a kit
// JSON-RPC Client like HTTPClientTrace does. The span is named by WithName,
// or after the JSON-RPC method when the context holds it under
// jsonrpc.ContextKeyRequestMethod, or else "POST /path".
func JSONRPCClientTrace(options ...TracerOption) jsonrpc.ClientOption {
	cfg := newTracerOptions(options)
	before := func(ctx context.Context, req *http.Request) context.Context {
		name := cfg.Name
		if name == "" {
			name, _ = ctx.Value(jsonrpc.ContextKeyRequestMethod).(string)
		}
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
	return func(c *jsonrpc.Client) {
		jsonrpc.ClientBefore(before)(c)
		jsonrpc.ClientAfter(after)(c)
		jsonrpc.ClientFinalizer(finalizer)(c)
	}
}

// JSONRPCServerTrace returns a ServerOption that traces each JSON-RPC
// request a kit JSON-RPC Server handles with a span of kind server,
// continuing the trace of the span context in the HTTP headers (B3 by
// default); a Public server starts a new trace linking the caller's.
//
// The span is named by WithName, or after the JSON-RPC method, and carries
// ochttp's method and path attributes. It is in the context of the method's
// decoder, endpoint and encoder, and ends in the server's finalizer with a
// status derived from the HTTP status code. Each element of a batch gets
// its own span; they all end when the batch's response is written.
func JSONRPCServerTrace(options ...TracerOption) jsonrpc.ServerOption {
	cfg := newTracerOptions(options)
	// kit's JSON-RPC server hands its finalizers the HTTP request's context,
	// not the per-method one the codec hooks build; so the HTTP-level hook
	// leaves a collector in the context that the codec hook fills and the
	// finalizer empties.
	before := func(ctx context.Context, _ *http.Request) context.Context {
		return context.WithValue(ctx, spansKey{}, &spanList{owner: cfg})
	}
	beforeCodec := func(ctx context.Context, req *http.Request, r jsonrpc.Request) context.Context {
		name := cfg.Name
		if name == "" {
			name = r.Method
		}
		if name == "" {
			name = "unknown jsonrpc method"
		}
		sc, ok := cfg.HTTPPropagate.SpanContextFromRequest(req)
		ctx, span := startServerSpan(ctx, cfg, name, sc, ok)
		span.AddAttributes(
			trace.StringAttribute(methodAttribute, req.Method),
			trace.StringAttribute(pathAttribute, req.URL.Path),
		)
		if l, ok := ctx.Value(spansKey{}).(*spanList); ok && l.owner == cfg {
			l.add(span)
		}
		return ctx
	}
	finalizer := func(ctx context.Context, code int, _ *http.Request) {
		l, ok := ctx.Value(spansKey{}).(*spanList)
		if !ok || l.owner != cfg {
			return
		}
		status := httpStatus(code)
		for _, span := range l.take() {
			span.SetStatus(status)
			if size, ok := ctx.Value(httptransport.ContextKeyResponseSize).(int64); ok {
				span.AddAttributes(trace.Int64Attribute("http.response_size", size))
			}
			span.End()
		}
	}
	return func(s *jsonrpc.Server) {
		jsonrpc.ServerBefore(before)(s)
		jsonrpc.ServerBeforeCodec(beforeCodec)(s)
		jsonrpc.ServerFinalizer(finalizer)(s)
	}
}

type spansKey struct{}

// spanList collects the spans of one HTTP request.
type spanList struct {
	owner *TracerOptions
	mu    sync.Mutex
	spans []*trace.Span
}

func (l *spanList) add(s *trace.Span) {
	l.mu.Lock()
	l.spans = append(l.spans, s)
	l.mu.Unlock()
}

func (l *spanList) take() []*trace.Span {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.spans
	l.spans = nil
	return s
}
