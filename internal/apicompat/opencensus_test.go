package apicompat_test

import (
	"context"

	"go.opencensus.io/trace"
	"go.opencensus.io/trace/propagation"

	"github.com/seedkit/kit/endpoint"
	kitoc "github.com/seedkit/kit/tracing/opencensus"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/http/jsonrpc"
)

// tracing/opencensus: constants and types.
const _ string = kitoc.TraceEndpointDefaultName

var (
	_ kitoc.EndpointOption         = func(*kitoc.EndpointOptions) {}
	_ func(*kitoc.EndpointOptions) = kitoc.EndpointOption(nil)
	_ kitoc.TracerOption           = func(*kitoc.TracerOptions) {}
	_ func(*kitoc.TracerOptions)   = kitoc.TracerOption(nil)
)

// The option structs: names, types and order of the fields.
var (
	_ = kitoc.EndpointOptions(struct {
		IgnoreBusinessError bool
		Attributes          []trace.Attribute
		GetName             func(ctx context.Context, name string) string
		GetAttributes       func(ctx context.Context) []trace.Attribute
	}{})
	_ = kitoc.TracerOptions(struct {
		Sampler       trace.Sampler
		Name          string
		Public        bool
		HTTPPropagate propagation.HTTPFormat
	}{})
)

// Struct fields with their exact types.
func _(e *kitoc.EndpointOptions, t *kitoc.TracerOptions) {
	var (
		_ *bool                                          = &e.IgnoreBusinessError
		_ *[]trace.Attribute                             = &e.Attributes
		_ *func(ctx context.Context, name string) string = &e.GetName
		_ *func(ctx context.Context) []trace.Attribute   = &e.GetAttributes

		_ *trace.Sampler          = &t.Sampler
		_ *string                 = &t.Name
		_ *bool                   = &t.Public
		_ *propagation.HTTPFormat = &t.HTTPPropagate
	)
}

// Functions with their exact signatures.
var (
	_ func(...kitoc.TracerOption) kitgrpc.ClientOption                         = kitoc.GRPCClientTrace
	_ func(...kitoc.TracerOption) kitgrpc.ServerOption                         = kitoc.GRPCServerTrace
	_ func(...kitoc.TracerOption) httptransport.ClientOption                   = kitoc.HTTPClientTrace
	_ func(...kitoc.TracerOption) httptransport.ServerOption                   = kitoc.HTTPServerTrace
	_ func(bool) kitoc.TracerOption                                            = kitoc.IsPublic
	_ func(...kitoc.TracerOption) jsonrpc.ClientOption                         = kitoc.JSONRPCClientTrace
	_ func(...kitoc.TracerOption) jsonrpc.ServerOption                         = kitoc.JSONRPCServerTrace
	_ func(string, ...kitoc.EndpointOption) endpoint.Middleware                = kitoc.TraceEndpoint
	_ func(...trace.Attribute) kitoc.EndpointOption                            = kitoc.WithEndpointAttributes
	_ func(kitoc.EndpointOptions) kitoc.EndpointOption                         = kitoc.WithEndpointConfig
	_ func(propagation.HTTPFormat) kitoc.TracerOption                          = kitoc.WithHTTPPropagation
	_ func(bool) kitoc.EndpointOption                                          = kitoc.WithIgnoreBusinessError
	_ func(string) kitoc.TracerOption                                          = kitoc.WithName
	_ func(trace.Sampler) kitoc.TracerOption                                   = kitoc.WithSampler
	_ func(func(ctx context.Context) []trace.Attribute) kitoc.EndpointOption   = kitoc.WithSpanAttributes
	_ func(func(ctx context.Context, name string) string) kitoc.EndpointOption = kitoc.WithSpanName
	_ func(kitoc.TracerOptions) kitoc.TracerOption                             = kitoc.WithTracerConfig
)
