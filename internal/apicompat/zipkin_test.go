package apicompat_test

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/openzipkin/zipkin-go"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	kitzipkin "github.com/seedkit/kit/tracing/zipkin"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
	httptransport "github.com/seedkit/kit/transport/http"
)

// tracing/zipkin: every exported function with its exact signature.
var (
	_ func(bool) kitzipkin.TracerOption                                          = kitzipkin.AllowPropagation
	_ func(*zipkin.Tracer, ...kitzipkin.TracerOption) kitgrpc.ClientOption       = kitzipkin.GRPCClientTrace
	_ func(*zipkin.Tracer, ...kitzipkin.TracerOption) kitgrpc.ServerOption       = kitzipkin.GRPCServerTrace
	_ func(*zipkin.Tracer, ...kitzipkin.TracerOption) httptransport.ClientOption = kitzipkin.HTTPClientTrace
	_ func(*zipkin.Tracer, ...kitzipkin.TracerOption) httptransport.ServerOption = kitzipkin.HTTPServerTrace
	_ func(log.Logger) kitzipkin.TracerOption                                    = kitzipkin.Logger
	_ func(string) kitzipkin.TracerOption                                        = kitzipkin.Name
	_ func(func(r *http.Request) bool) kitzipkin.TracerOption                    = kitzipkin.RequestSampler
	_ func(map[string]string) kitzipkin.TracerOption                             = kitzipkin.Tags
	_ func(*zipkin.Tracer, string) endpoint.Middleware                           = kitzipkin.TraceEndpoint
)

// type TracerOption func(o *tracerOptions): a func type of one pointer
// parameter and no result.
func TestZipkinTracerOptionShape(t *testing.T) {
	t.Parallel()
	typ := reflect.TypeFor[kitzipkin.TracerOption]()
	if typ.Kind() != reflect.Func || typ.NumIn() != 1 || typ.In(0).Kind() != reflect.Pointer || typ.NumOut() != 0 {
		t.Errorf("TracerOption is %v, want func(*tracerOptions)", typ)
	}
}
