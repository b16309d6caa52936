package cloudwatch_test

import (
	"fmt"

	//lint:ignore SA1019 Go kit's API names aws-sdk-go v1 types; kept for compatibility (see doc.go).
	awscw "github.com/aws/aws-sdk-go/service/cloudwatch"
	"github.com/aws/aws-sdk-go/service/cloudwatch/cloudwatchiface"

	"github.com/seedkit/kit/metrics/cloudwatch"
)

// printingClient stands in for *awscw.CloudWatch.
type printingClient struct{ cloudwatchiface.CloudWatchAPI }

func (printingClient) PutMetricData(in *awscw.PutMetricDataInput) (*awscw.PutMetricDataOutput, error) {
	for _, d := range in.MetricData {
		fmt.Println(*in.Namespace, *d.MetricName, *d.Dimensions[0].Value, *d.Value)
	}
	return &awscw.PutMetricDataOutput{}, nil
}

func Example() {
	cw := cloudwatch.New("MyService", printingClient{})
	requests := cw.NewCounter("requests").With("method", "GET")
	requests.Add(1)
	requests.Add(1)
	if err := cw.Send(); err != nil {
		fmt.Println(err)
	}
	// Output: MyService requests GET 2
}
