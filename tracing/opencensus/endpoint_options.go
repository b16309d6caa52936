package opencensus

import (
	"context"

	"go.opencensus.io/trace"
)

// EndpointOptions configures TraceEndpoint.
type EndpointOptions struct {
	// IgnoreBusinessError, if true, keeps a business error (a response
	// implementing endpoint.Failer whose Failed method returns an error)
	// from failing the span; its message is recorded as the attribute
	// "gokit.business.error" either way.
	IgnoreBusinessError bool

	// Attributes are added to every span.
	Attributes []trace.Attribute

	// GetName, if not nil, is called once per call with the call's context
	// and the middleware's name; a non-empty result names that call's span.
	// It may be called concurrently.
	GetName func(ctx context.Context, name string) string

	// GetAttributes, if not nil, is called once per call with the call's
	// context (holding the new span); its attributes are added to the span.
	// It may be called concurrently.
	GetAttributes func(ctx context.Context) []trace.Attribute
}

// EndpointOption configures EndpointOptions. Options apply in order, once,
// when the middleware is built.
type EndpointOption func(*EndpointOptions)

// WithEndpointConfig replaces the whole configuration with options; later
// options still apply on top of it.
func WithEndpointConfig(options EndpointOptions) EndpointOption {
	return func(o *EndpointOptions) { *o = options }
}

// WithEndpointAttributes sets EndpointOptions.Attributes, replacing earlier
// ones.
func WithEndpointAttributes(attrs ...trace.Attribute) EndpointOption {
	return func(o *EndpointOptions) { o.Attributes = attrs }
}

// WithIgnoreBusinessError sets EndpointOptions.IgnoreBusinessError.
func WithIgnoreBusinessError(val bool) EndpointOption {
	return func(o *EndpointOptions) { o.IgnoreBusinessError = val }
}

// WithSpanName sets EndpointOptions.GetName.
func WithSpanName(fn func(ctx context.Context, name string) string) EndpointOption {
	return func(o *EndpointOptions) { o.GetName = fn }
}

// WithSpanAttributes sets EndpointOptions.GetAttributes.
func WithSpanAttributes(fn func(ctx context.Context) []trace.Attribute) EndpointOption {
	return func(o *EndpointOptions) { o.GetAttributes = fn }
}
