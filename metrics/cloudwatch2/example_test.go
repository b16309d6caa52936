package cloudwatch2_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"

	"github.com/seedkit/kit/metrics/cloudwatch2"
)

// printingClient stands in for *cloudwatch.Client.
type printingClient struct{}

func (printingClient) PutMetricData(_ context.Context, in *cloudwatch.PutMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.PutMetricDataOutput, error) {
	for _, d := range in.MetricData {
		s := d.StatisticValues
		fmt.Println(*d.MetricName, *s.SampleCount, *s.Sum, *s.Minimum, *s.Maximum)
	}
	return &cloudwatch.PutMetricDataOutput{}, nil
}

func Example() {
	cw := cloudwatch2.New("MyService", printingClient{})
	latency := cw.NewHistogram("latency_ms")
	for _, v := range []float64{10, 30, 20} {
		latency.Observe(v)
	}
	if err := cw.Send(); err != nil {
		fmt.Println(err)
	}
	// Output: latency_ms 3 60 10 30
}
