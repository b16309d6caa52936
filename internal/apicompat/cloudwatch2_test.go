package apicompat_test

import (
	"context"
	"time"

	awscw2 "github.com/aws/aws-sdk-go-v2/service/cloudwatch"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/cloudwatch2"
)

type cloudWatch2API = interface {
	PutMetricData(ctx context.Context, params *awscw2.PutMetricDataInput, optFns ...func(*awscw2.Options)) (*awscw2.PutMetricDataOutput, error)
}

var (
	_ func(*cloudwatch2.CloudWatch, string) metrics.Counter            = (*cloudwatch2.CloudWatch).NewCounter
	_ func(*cloudwatch2.CloudWatch, string) metrics.Gauge              = (*cloudwatch2.CloudWatch).NewGauge
	_ func(*cloudwatch2.CloudWatch, string) metrics.Histogram          = (*cloudwatch2.CloudWatch).NewHistogram
	_ func(*cloudwatch2.CloudWatch) error                              = (*cloudwatch2.CloudWatch).Send
	_ func(*cloudwatch2.CloudWatch, context.Context, <-chan time.Time) = (*cloudwatch2.CloudWatch).WriteLoop

	_ cloudwatch2.CloudWatchAPI = cloudWatch2API(nil)
	_ cloudWatch2API            = cloudwatch2.CloudWatchAPI(nil)
	_ cloudwatch2.CloudWatchAPI = (*awscw2.Client)(nil)

	_ func(*cloudwatch2.Counter, float64)                   = (*cloudwatch2.Counter).Add
	_ func(*cloudwatch2.Counter, ...string) metrics.Counter = (*cloudwatch2.Counter).With
	_ metrics.Counter                                       = (*cloudwatch2.Counter)(nil)

	// type Option func(*CloudWatch)
	_ = cloudwatch2.Option(func(*cloudwatch2.CloudWatch) {})
	_ = (func(*cloudwatch2.CloudWatch))(cloudwatch2.Option(nil))

	_ func(string, cloudwatch2.CloudWatchAPI, ...cloudwatch2.Option) *cloudwatch2.CloudWatch = cloudwatch2.New
	_ func(int) cloudwatch2.Option                                                           = cloudwatch2.WithConcurrentRequests
	_ func(log.Logger) cloudwatch2.Option                                                    = cloudwatch2.WithLogger
)

func _(v any) {
	switch v.(type) {
	case cloudwatch2.Option:
	case func(*cloudwatch2.CloudWatch):
	}
}
