package otel_test

import (
	"context"
	"fmt"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	kitotel "github.com/seedkit/kit/metrics/otel"
)

func Example() {
	// In production the reader is a PeriodicReader around an OTLP exporter.
	reader := sdkmetric.NewManualReader()
	provider := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer provider.Shutdown(context.Background())

	requests, err := kitotel.NewCounter(provider.Meter("myservice"), "requests")
	if err != nil {
		fmt.Println(err)
		return
	}
	ok := requests.With("code", "200") // attribute set computed once
	ok.Add(1)
	ok.Add(2)

	var rm metricdata.ResourceMetrics
	_ = reader.Collect(context.Background(), &rm)
	sum := rm.ScopeMetrics[0].Metrics[0].Data.(metricdata.Sum[float64])
	p := sum.DataPoints[0]
	code, _ := p.Attributes.Value("code")
	fmt.Println(rm.ScopeMetrics[0].Metrics[0].Name, code.AsString(), p.Value)
	// Output: requests 200 3
}
