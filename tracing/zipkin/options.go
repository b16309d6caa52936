package zipkin

import (
	"net/http"

	"github.com/seedkit/kit/log"
)

// TracerOption configures the transport tracing options of this package
// (HTTPClientTrace, HTTPServerTrace, GRPCClientTrace, GRPCServerTrace). They
// are applied in order, once, when the transport option is built.
type TracerOption func(o *tracerOptions)

// Name sets the span name of an instrumented transport endpoint. Without it,
// HTTP spans are named after the request method and gRPC spans after the
// full method name ("/package.Service/Method"). Kit creates a transport
// client or server per endpoint, so naming each after its endpoint is the
// natural choice; omit Name to share one option between many.
func Name(name string) TracerOption {
	return func(o *tracerOptions) { o.name = name }
}

// Tags adds tags to every span of the instrumented transport. Repeated uses
// merge, later values winning; the map is copied and may be reused by the
// caller.
func Tags(tags map[string]string) TracerOption {
	return func(o *tracerOptions) {
		for k, v := range tags {
			o.tags[k] = v
		}
	}
}

// Logger sets the logger that receives span context injection and
// extraction errors, as key "err". A nil logger is ignored; the default
// discards everything.
func Logger(logger log.Logger) TracerOption {
	return func(o *tracerOptions) {
		if logger != nil {
			o.logger = logger
		}
	}
}

// AllowPropagation says whether span contexts cross the wire: clients inject
// B3 headers into their requests, and servers continue the trace found in
// incoming requests. It defaults to true. Set it to false on clients of
// third-party services and on servers that untrusted clients call, so that
// trace identifiers neither leak out nor get forged in.
func AllowPropagation(propagate bool) TracerOption {
	return func(o *tracerOptions) { o.propagate = propagate }
}

// RequestSampler sets a function that makes the sampling decision of a
// server span from the incoming HTTP request, when the caller did not
// propagate one. It is used by HTTPServerTrace only, and may be called
// concurrently. A nil function leaves the decision to the tracer's sampler.
func RequestSampler(sampleFunc func(r *http.Request) bool) TracerOption {
	return func(o *tracerOptions) { o.requestSampler = sampleFunc }
}

type tracerOptions struct {
	tags           map[string]string
	name           string
	logger         log.Logger
	propagate      bool
	requestSampler func(r *http.Request) bool
}

func newOptions(options []TracerOption) *tracerOptions {
	o := &tracerOptions{
		tags:      map[string]string{},
		logger:    log.NewNopLogger(),
		propagate: true,
	}
	for _, option := range options {
		if option != nil {
			option(o)
		}
	}
	return o
}
