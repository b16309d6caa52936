package opentracing

import (
	"context"

	"github.com/opentracing/opentracing-go"
)

// EndpointOptions configures the endpoint middlewares (TraceEndpoint,
// TraceServer, TraceClient).
type EndpointOptions struct {
	// IgnoreBusinessError, if true, keeps a business error (a response
	// implementing endpoint.Failer whose Failed method returns an error)
	// from being reported as a span error. The error is logged on the span
	// as "gokit.business.error" either way.
	IgnoreBusinessError bool

	// GetOperationName, if not nil, is called once per call with the call's
	// context and the middleware's operation name; a non-empty result is the
	// operation name of that call's span. It may be called concurrently.
	GetOperationName func(ctx context.Context, name string) string

	// Tags are set on every span.
	Tags opentracing.Tags

	// GetTags, if not nil, is called once per call with the call's context;
	// the tags it returns are set on that call's span, after Tags. It may be
	// called concurrently.
	GetTags func(ctx context.Context) opentracing.Tags
}

// EndpointOption configures EndpointOptions. Options apply in order, once,
// when the middleware is built.
type EndpointOption func(*EndpointOptions)

// WithOptions replaces the whole configuration with options; later options
// still apply on top of it.
func WithOptions(options EndpointOptions) EndpointOption {
	return func(o *EndpointOptions) { *o = options }
}

// WithIgnoreBusinessError sets EndpointOptions.IgnoreBusinessError.
func WithIgnoreBusinessError(ignoreBusinessError bool) EndpointOption {
	return func(o *EndpointOptions) { o.IgnoreBusinessError = ignoreBusinessError }
}

// WithOperationNameFunc sets EndpointOptions.GetOperationName.
func WithOperationNameFunc(getOperationName func(ctx context.Context, name string) string) EndpointOption {
	return func(o *EndpointOptions) { o.GetOperationName = getOperationName }
}

// WithTags adds tags to EndpointOptions.Tags; repeated uses merge, later
// values winning. The map is copied.
func WithTags(tags opentracing.Tags) EndpointOption {
	return func(o *EndpointOptions) {
		if o.Tags == nil {
			o.Tags = make(opentracing.Tags, len(tags))
		}
		for k, v := range tags {
			o.Tags[k] = v
		}
	}
}

// WithTagsFunc sets EndpointOptions.GetTags.
func WithTagsFunc(getTags func(ctx context.Context) opentracing.Tags) EndpointOption {
	return func(o *EndpointOptions) { o.GetTags = getTags }
}
