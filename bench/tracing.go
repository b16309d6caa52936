package bench

import (
	"context"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/seedkit/kit/tracing/opentelemetry"
)

// The tracing cases wrap one span around a call of the same endpoint, with
// the same recording TracerProvider (AlwaysSample, no exporter, so the cost
// of exporting is left out): by hand with tracer.Start and span.End, and with
// kit's OpenTelemetry endpoint middleware. Go kit v0.13.0 has no
// OpenTelemetry binding, so it has no case here.

func tracedWork(_ context.Context, req any) (any, error) { return req, nil }

func newBenchProvider() *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()))
}

func tracingGroup() Group {
	return Group{
		Name:     "opentelemetry endpoint span",
		Baseline: "tracer.Start/End by hand",
		Target:   "kit: <= 1.2x starting and ending a span by hand",
		Cases: []Case{
			{"tracer.Start/End by hand", func(b *testing.B) {
				tp := newBenchProvider()
				defer func() { _ = tp.Shutdown(context.Background()) }()
				tracer := tp.Tracer(opentelemetry.ScopeName)
				// The options slice is built once, as the middleware does:
				// a variadic list built per call would allocate.
				opts := []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindInternal)}
				e := func(ctx context.Context, req any) (any, error) {
					ctx, span := tracer.Start(ctx, "op", opts...)
					defer span.End()
					return tracedWork(ctx, req)
				}
				runChain(b, e)
			}},
			{"kit", func(b *testing.B) {
				tp := newBenchProvider()
				defer func() { _ = tp.Shutdown(context.Background()) }()
				runChain(b, opentelemetry.TraceEndpoint("op", opentelemetry.WithTracerProvider(tp))(tracedWork))
			}},
		},
	}
}
