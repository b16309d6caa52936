package zipkin

import (
	"context"
	"net/http"
	"strconv"

	"github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/propagation/b3"

	kithttp "github.com/seedkit/kit/transport/http"
)

// HTTPClientTrace returns a ClientOption that traces each call of a kit
// HTTP Client with a span of kind client, child of the span in the call's
// context, and, unless AllowPropagation(false), injects its context into the
// request as B3 headers.
//
// The span is named by Name, or after the request method, and is tagged
// with the method, the URL, the Tags given, the response status code and
// size; a status code of 400 or more, or a failed call, sets the "error"
// tag. It is in the context of the ClientAfter functions and the decoder
// (zipkin.SpanFromContext), finishes when the response arrives and is
// flushed to the reporter in the client's finalizer, once the call is over.
// A call that fails before its request exists (the encoder fails) has no
// span.
//
// A nil tracer gives an option that does nothing.
func HTTPClientTrace(tracer *zipkin.Tracer, options ...TracerOption) kithttp.ClientOption {
	if tracer == nil {
		return func(*kithttp.Client) {}
	}
	o := newOptions(options)
	before := func(ctx context.Context, r *http.Request) context.Context {
		name := o.name
		if name == "" {
			name = r.Method
		}
		var parent model.SpanContext
		if span := zipkin.SpanFromContext(ctx); span != nil {
			parent = span.Context()
		}
		span := tracer.StartSpan(name,
			zipkin.Kind(model.Client),
			zipkin.Tags(o.tags),
			zipkin.Tags(map[string]string{
				string(zipkin.TagHTTPMethod): r.Method,
				string(zipkin.TagHTTPUrl):    r.URL.String(),
			}),
			zipkin.Parent(parent),
			zipkin.FlushOnFinish(false),
		)
		if o.propagate {
			if err := b3.InjectHTTP(r)(span.Context()); err != nil {
				_ = o.logger.Log("err", err)
			}
		}
		return withSpan(ctx, o, span)
	}
	after := func(ctx context.Context, res *http.Response) context.Context {
		if span := spanFrom(ctx, o); span != nil {
			zipkin.TagHTTPResponseSize.Set(span, strconv.FormatInt(res.ContentLength, 10))
			zipkin.TagHTTPStatusCode.Set(span, strconv.Itoa(res.StatusCode))
			if res.StatusCode >= 400 {
				zipkin.TagError.Set(span, strconv.Itoa(res.StatusCode))
			}
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
	return func(c *kithttp.Client) {
		kithttp.ClientBefore(before)(c)
		kithttp.ClientAfter(after)(c)
		kithttp.ClientFinalizer(finalizer)(c)
	}
}

// HTTPServerTrace returns a ServerOption that traces each request a kit
// HTTP Server handles with a span of kind server. Unless
// AllowPropagation(false), the span continues the trace of the B3 headers
// of the request (headers that fail to parse are logged and a new trace
// starts). With no sampling decision in the headers, the RequestSampler
// function, if any, decides.
//
// The span is named by Name, or after the request method, and is tagged
// with the method, the path, the Tags given, the response status code and
// size; a status code of 400 or more sets the "error" tag. It is in the
// context of the decoder, the endpoint and the encoder
// (zipkin.SpanFromContext), finishes once the response is encoded (or
// failed) and is flushed to the reporter in the server's finalizer.
//
// A nil tracer gives an option that does nothing.
func HTTPServerTrace(tracer *zipkin.Tracer, options ...TracerOption) kithttp.ServerOption {
	if tracer == nil {
		return func(*kithttp.Server) {}
	}
	o := newOptions(options)
	before := func(ctx context.Context, r *http.Request) context.Context {
		name := o.name
		if name == "" {
			name = r.Method
		}
		var sc model.SpanContext
		if o.propagate {
			sc = tracer.Extract(b3.ExtractHTTP(r))
			if sc.Err != nil {
				_ = o.logger.Log("err", sc.Err)
			}
		}
		if sc.Sampled == nil && !sc.Debug && o.requestSampler != nil {
			sample := o.requestSampler(r)
			sc.Sampled = &sample
		}
		span := tracer.StartSpan(name,
			zipkin.Kind(model.Server),
			zipkin.Tags(o.tags),
			zipkin.Tags(map[string]string{
				string(zipkin.TagHTTPMethod): r.Method,
				string(zipkin.TagHTTPPath):   r.URL.Path,
			}),
			zipkin.Parent(sc),
			zipkin.FlushOnFinish(false),
		)
		return withSpan(ctx, o, span)
	}
	after := func(ctx context.Context, _ http.ResponseWriter) context.Context {
		if span := spanFrom(ctx, o); span != nil {
			span.Finish()
		}
		return ctx
	}
	finalizer := func(ctx context.Context, code int, _ *http.Request) {
		if span := spanFrom(ctx, o); span != nil {
			zipkin.TagHTTPStatusCode.Set(span, strconv.Itoa(code))
			if code >= 400 {
				zipkin.TagError.Set(span, http.StatusText(code))
			}
			if size, ok := ctx.Value(kithttp.ContextKeyResponseSize).(int64); ok {
				zipkin.TagHTTPResponseSize.Set(span, strconv.FormatInt(size, 10))
			}
			span.Finish() // a no-op if after did it
			span.Flush()
		}
	}
	return func(s *kithttp.Server) {
		kithttp.ServerBefore(before)(s)
		kithttp.ServerAfter(after)(s)
		kithttp.ServerFinalizer(finalizer)(s)
	}
}

// hookKey is the context key of the span a transport option started, for
// its own after and finalizer functions. The owner check keeps a finalizer
// from finishing a span it did not start, such as an endpoint span of the
// caller, when its before function did not run.
type hookKey struct{}

type hookSpan struct {
	owner *tracerOptions
	span  zipkin.Span
}

func withSpan(ctx context.Context, owner *tracerOptions, span zipkin.Span) context.Context {
	ctx = zipkin.NewContext(ctx, span)
	return context.WithValue(ctx, hookKey{}, hookSpan{owner: owner, span: span})
}

func spanFrom(ctx context.Context, owner *tracerOptions) zipkin.Span {
	if hs, ok := ctx.Value(hookKey{}).(hookSpan); ok && hs.owner == owner {
		return hs.span
	}
	return nil
}
