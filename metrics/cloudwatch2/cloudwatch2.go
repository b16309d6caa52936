package cloudwatch2

import (
	"context"
	"errors"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/internal/convert"
	"github.com/seedkit/kit/metrics/internal/lv"
)

// maxConcurrentRequests caps WithConcurrentRequests and is also the number
// of datums per PutMetricData request, as in Go kit.
const maxConcurrentRequests = 20

// ErrNilClient is returned by Send when the CloudWatch was created with a nil
// client.
var ErrNilClient = errors.New("cloudwatch2: nil CloudWatchAPI client")

// CloudWatchAPI is the part of *cloudwatch.Client (aws-sdk-go-v2) that
// CloudWatch uses.
type CloudWatchAPI interface {
	PutMetricData(ctx context.Context, params *cloudwatch.PutMetricDataInput, optFns ...func(*cloudwatch.Options)) (*cloudwatch.PutMetricDataOutput, error)
}

// CloudWatch holds the metrics it created and sends them to Amazon
// CloudWatch as statistic sets. Create it with New. It is safe for
// concurrent use.
type CloudWatch struct {
	namespace   string
	svc         CloudWatchAPI
	logger      log.Logger
	concurrency int
	now         func() time.Time

	counters *lv.Space
	sendMu   sync.Mutex
}

// Option configures a CloudWatch in New.
type Option func(*CloudWatch)

// WithLogger sets the logger WriteLoop reports failed sends to. The default
// discards; nil keeps the default.
func WithLogger(logger log.Logger) Option {
	return func(cw *CloudWatch) {
		if logger != nil {
			cw.logger = logger
		}
	}
}

// WithConcurrentRequests sets how many PutMetricData requests Send runs at
// once: at most 20, at least 1 (Go kit hangs on 0). The default is 10.
func WithConcurrentRequests(n int) Option {
	return func(cw *CloudWatch) {
		cw.concurrency = min(max(n, 1), maxConcurrentRequests)
	}
}

// New returns a CloudWatch sending to namespace through svc, usually a
// *cloudwatch.Client.
func New(namespace string, svc CloudWatchAPI, options ...Option) *CloudWatch {
	cw := &CloudWatch{
		namespace:   namespace,
		svc:         svc,
		logger:      log.NewNopLogger(),
		concurrency: 10,
		now:         time.Now,
		counters:    lv.NewSpace(),
	}
	for _, o := range options {
		if o != nil {
			o(cw)
		}
	}
	return cw
}

// NewCounter returns a metric sent, per label set, as a statistic set
// (sample count, sum, minimum, maximum) of the values added since the
// previous Send.
func (cw *CloudWatch) NewCounter(name string) metrics.Counter {
	return &Counter{name: name, space: cw.counters}
}

// NewGauge returns a gauge whose Set and Add both record a value, sent as
// NewCounter's statistic sets.
func (cw *CloudWatch) NewGauge(name string) metrics.Gauge {
	return convert.NewCounterAsGauge(cw.NewCounter(name))
}

// NewHistogram returns a histogram whose observations are sent as
// NewCounter's statistic sets.
func (cw *CloudWatch) NewHistogram(name string) metrics.Histogram {
	return convert.NewCounterAsHistogram(cw.NewCounter(name))
}

// WriteLoop calls Send on every tick of c until ctx is done, logging errors.
// It blocks: run it in its own goroutine.
func (cw *CloudWatch) WriteLoop(ctx context.Context, c <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-c:
			if err := cw.SendContext(ctx); err != nil {
				_ = cw.logger.Log("during", "Send", "err", err)
			}
		}
	}
}

// Send is SendContext with context.Background.
func (cw *CloudWatch) Send() error { return cw.SendContext(context.Background()) }

// SendContext sends everything recorded since the previous call, in requests
// of 20 datums, running up to the configured number of requests at once, and
// returns the first error. ctx is passed to every request. Recorded values
// are taken out first, so what fails to be sent is dropped rather than
// piling up. It returns after every request has finished. Calls are
// serialised.
func (cw *CloudWatch) SendContext(ctx context.Context) error {
	cw.sendMu.Lock()
	defer cw.sendMu.Unlock()
	counters := cw.counters.Reset()
	if cw.svc == nil {
		return ErrNilClient
	}
	now := aws.Time(cw.now())
	var datums []types.MetricDatum
	counters.Walk(func(name string, lvs lv.LabelValues, values []float64) bool {
		set := stats(values)
		if *set.SampleCount == 0 {
			return true // nothing but NaN and ±Inf
		}
		datums = append(datums, types.MetricDatum{
			MetricName:      aws.String(name),
			Dimensions:      dimensions(lvs),
			StatisticValues: set,
			Timestamp:       now,
		})
		return true
	})

	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		sem   = make(chan struct{}, cw.concurrency)
	)
	for batch := range slices.Chunk(datums, maxConcurrentRequests) {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			_, err := cw.svc.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{
				Namespace:  aws.String(cw.namespace),
				MetricData: batch,
			})
			if err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return first
}

// stats summarises values as a statistic set. CloudWatch rejects NaN and
// ±Inf (the whole request carrying one fails), so they are left out.
func stats(values []float64) *types.StatisticSet {
	var sum, lo, hi float64
	n := 0
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if n == 0 || v < lo {
			lo = v
		}
		if n == 0 || v > hi {
			hi = v
		}
		sum += v
		n++
	}
	return &types.StatisticSet{
		SampleCount: aws.Float64(float64(n)),
		Sum:         aws.Float64(sum),
		Minimum:     aws.Float64(lo),
		Maximum:     aws.Float64(hi),
	}
}

func dimensions(lvs lv.LabelValues) []types.Dimension {
	out := make([]types.Dimension, 0, len(lvs)/2)
	for i := 0; i+1 < len(lvs); i += 2 {
		out = append(out, types.Dimension{Name: aws.String(lvs[i]), Value: aws.String(lvs[i+1])})
	}
	return out
}

// Counter is a CloudWatch metric sent as statistic sets. It is safe for
// concurrent use.
type Counter struct {
	name  string
	lvs   lv.LabelValues
	space *lv.Space
}

// With returns a counter of the same name with labelValues (alternating
// dimension names and values; an odd trailing name gets "unknown") added to
// c's.
func (c *Counter) With(labelValues ...string) metrics.Counter {
	return &Counter{name: c.name, lvs: c.lvs.With(labelValues...), space: c.space}
}

// Add records delta as one value of the next statistic set.
func (c *Counter) Add(delta float64) { c.space.Observe(c.name, c.lvs, delta) }
