package apicompat_test

import (
	"context"

	"github.com/opentracing/opentracing-go"
	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	kitot "github.com/seedkit/kit/tracing/opentracing"
	httptransport "github.com/seedkit/kit/transport/http"
)

// tracing/opentracing: types.
var (
	_ kitot.EndpointOption         = func(*kitot.EndpointOptions) {}
	_ func(*kitot.EndpointOptions) = kitot.EndpointOption(nil)
)

// EndpointOptions: names, types and order of the fields.
var _ = kitot.EndpointOptions(struct {
	IgnoreBusinessError bool
	GetOperationName    func(ctx context.Context, name string) string
	Tags                opentracing.Tags
	GetTags             func(ctx context.Context) opentracing.Tags
}{})

// EndpointOptions fields with their exact types.
func _(o *kitot.EndpointOptions) {
	var (
		_ *bool                                          = &o.IgnoreBusinessError
		_ *func(ctx context.Context, name string) string = &o.GetOperationName
		_ *opentracing.Tags                              = &o.Tags
		_ *func(ctx context.Context) opentracing.Tags    = &o.GetTags
	)
}

// Functions with their exact signatures.
var (
	_ func(opentracing.Tracer, log.Logger) func(ctx context.Context, md *metadata.MD) context.Context        = kitot.ContextToGRPC
	_ func(opentracing.Tracer, log.Logger) httptransport.RequestFunc                                         = kitot.ContextToHTTP
	_ func(opentracing.Tracer, string, log.Logger) func(ctx context.Context, md metadata.MD) context.Context = kitot.GRPCToContext
	_ func(opentracing.Tracer, string, log.Logger) httptransport.RequestFunc                                 = kitot.HTTPToContext
	_ func(opentracing.Tracer, string, ...kitot.EndpointOption) endpoint.Middleware                          = kitot.TraceClient
	_ func(opentracing.Tracer, string, ...kitot.EndpointOption) endpoint.Middleware                          = kitot.TraceEndpoint
	_ func(opentracing.Tracer, string, ...kitot.EndpointOption) endpoint.Middleware                          = kitot.TraceServer
	_ func(bool) kitot.EndpointOption                                                                        = kitot.WithIgnoreBusinessError
	_ func(func(ctx context.Context, name string) string) kitot.EndpointOption                               = kitot.WithOperationNameFunc
	_ func(kitot.EndpointOptions) kitot.EndpointOption                                                       = kitot.WithOptions
	_ func(opentracing.Tags) kitot.EndpointOption                                                            = kitot.WithTags
	_ func(func(ctx context.Context) opentracing.Tags) kitot.EndpointOption                                  = kitot.WithTagsFunc
)
