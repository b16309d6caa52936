// Package otel backs kit's (and Go kit's) Counter, Gauge and Histogram with
// an OpenTelemetry metric.Meter, so that a program instrumented with kit's
// metrics exports through any OpenTelemetry exporter (OTLP, Prometheus,
// stdout...) without rewriting its instrumentation. It is new in kit; Go kit
// has no OpenTelemetry metrics backend.
//
// Label values become string attributes: With("method", "GET") records with
// the attribute method="GET". With computes the attribute set once, so a
// label-bound metric only records. A Counter is a Float64Counter (monotonic:
// Add drops a negative or NaN delta, which the SDK would otherwise apply), a Histogram a Float64Histogram, and
// a Gauge a Float64Gauge plus the current value per attribute set, which
// Gauge.Add needs.
//
//	provider := sdkmetric.NewMeterProvider(sdkmetric.WithReader(
//		sdkmetric.NewPeriodicReader(exporter)))
//	defer provider.Shutdown(ctx)
//	meter := provider.Meter("myservice")
//	requests, err := kitotel.NewCounter(meter, "requests",
//		metric.WithDescription("Requests served."))
//	if err != nil {
//		return err
//	}
//	ok := requests.With("code", "200")
//	ok.Add(1)
//
// Observations use context.Background(): kit's interfaces carry no context,
// so exemplars tied to a span are not recorded.
//
// Concurrency: every method is safe for concurrent use.
package otel
