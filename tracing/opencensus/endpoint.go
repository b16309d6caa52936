package opencensus

import (
	"context"
	"strconv"

	"go.opencensus.io/trace"

	"github.com/seedkit/kit/endpoint"
)

// TraceEndpointDefaultName is the span name TraceEndpoint uses when given an
// empty name.
const TraceEndpointDefaultName = "gokit/endpoint"

// TraceEndpoint returns a middleware that wraps each call of the next
// endpoint in a span called name (TraceEndpointDefaultName if empty, or what
// EndpointOptions.GetName returns for the call), child of the span in the
// call's context (trace.FromContext), or the root of a new trace. Sampling
// follows the global trace configuration. The next endpoint receives a
// context holding the span, which ends when it returns.
//
// The span's status is OK on success. A returned error sets status Unknown
// with the error's message; an error from sd/lb's Retry also records each
// attempt's error as the attribute "gokit.retry.error.N" and uses the final
// error's message. A business error (a response implementing
// endpoint.Failer whose Failed method returns an error) is recorded as the
// attribute "gokit.business.error" and, unless IgnoreBusinessError, sets
// status Unknown with its message.
//
// Go kit assigns a name returned by GetName to the middleware's name for
// all later calls, racily; kit names each call on its own. The middleware
// is safe for concurrent use.
func TraceEndpoint(name string, options ...EndpointOption) endpoint.Middleware {
	if name == "" {
		name = TraceEndpointDefaultName
	}
	cfg := &EndpointOptions{}
	for _, o := range options {
		if o != nil {
			o(cfg)
		}
	}
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (response any, err error) {
			spanName := name
			if cfg.GetName != nil {
				if n := cfg.GetName(ctx, name); n != "" {
					spanName = n
				}
			}
			ctx, span := trace.StartSpan(ctx, spanName)
			defer span.End()
			if len(cfg.Attributes) > 0 {
				span.AddAttributes(cfg.Attributes...)
			}
			if cfg.GetAttributes != nil {
				if attrs := cfg.GetAttributes(ctx); len(attrs) > 0 {
					span.AddAttributes(attrs...)
				}
			}

			response, err = next(ctx, request)
			switch {
			case err != nil:
				msg := err.Error()
				if raw, final, ok := retryErrors(err); ok {
					attrs := make([]trace.Attribute, 0, len(raw))
					for i, e := range raw {
						attrs = append(attrs, trace.StringAttribute("gokit.retry.error."+strconv.Itoa(i+1), errString(e)))
					}
					span.AddAttributes(attrs...)
					msg = errString(final)
				}
				span.SetStatus(trace.Status{Code: trace.StatusCodeUnknown, Message: msg})
			default:
				status := trace.Status{Code: trace.StatusCodeOK}
				if f, ok := response.(endpoint.Failer); ok {
					if ferr := f.Failed(); ferr != nil {
						span.AddAttributes(trace.StringAttribute("gokit.business.error", ferr.Error()))
						if !cfg.IgnoreBusinessError {
							status = trace.Status{Code: trace.StatusCodeUnknown, Message: ferr.Error()}
						}
					}
				}
				span.SetStatus(status)
			}
			return response, err
		}
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
