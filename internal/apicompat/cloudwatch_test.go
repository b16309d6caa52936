package apicompat_test

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go/service/cloudwatch/cloudwatchiface"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/cloudwatch"
)

var (
	_ func(*cloudwatch.CloudWatch, string) metrics.Counter            = (*cloudwatch.CloudWatch).NewCounter
	_ func(*cloudwatch.CloudWatch, string) metrics.Gauge              = (*cloudwatch.CloudWatch).NewGauge
	_ func(*cloudwatch.CloudWatch, string) metrics.Histogram          = (*cloudwatch.CloudWatch).NewHistogram
	_ func(*cloudwatch.CloudWatch) error                              = (*cloudwatch.CloudWatch).Send
	_ func(*cloudwatch.CloudWatch, context.Context, <-chan time.Time) = (*cloudwatch.CloudWatch).WriteLoop

	_ func(*cloudwatch.Counter, float64)                   = (*cloudwatch.Counter).Add
	_ func(*cloudwatch.Counter, ...string) metrics.Counter = (*cloudwatch.Counter).With
	_ metrics.Counter                                      = (*cloudwatch.Counter)(nil)

	_ func(*cloudwatch.Gauge, float64)                 = (*cloudwatch.Gauge).Add
	_ func(*cloudwatch.Gauge, float64)                 = (*cloudwatch.Gauge).Set
	_ func(*cloudwatch.Gauge, ...string) metrics.Gauge = (*cloudwatch.Gauge).With
	_ metrics.Gauge                                    = (*cloudwatch.Gauge)(nil)

	_ func(*cloudwatch.Histogram, float64)                     = (*cloudwatch.Histogram).Observe
	_ func(*cloudwatch.Histogram, ...string) metrics.Histogram = (*cloudwatch.Histogram).With
	_ metrics.Histogram                                        = (*cloudwatch.Histogram)(nil)

	// type Option func(*CloudWatch)
	_ = cloudwatch.Option(func(*cloudwatch.CloudWatch) {})
	_ = (func(*cloudwatch.CloudWatch))(cloudwatch.Option(nil))

	_ func(string, cloudwatchiface.CloudWatchAPI, ...cloudwatch.Option) *cloudwatch.CloudWatch = cloudwatch.New
	_ func(int) cloudwatch.Option                                                              = cloudwatch.WithConcurrentRequests
	_ func(log.Logger) cloudwatch.Option                                                       = cloudwatch.WithLogger
	_ func(...float64) cloudwatch.Option                                                       = cloudwatch.WithPercentiles
)

func _(v any) {
	switch v.(type) {
	case cloudwatch.Option:
	case func(*cloudwatch.CloudWatch):
	}
}
