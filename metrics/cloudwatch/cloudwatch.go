package cloudwatch

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"time"

	//lint:ignore SA1019 Go kit's API names aws-sdk-go v1 types; kept for compatibility (see doc.go).
	"github.com/aws/aws-sdk-go/aws"
	//lint:ignore SA1019 Go kit's API names aws-sdk-go v1 types; kept for compatibility (see doc.go).
	"github.com/aws/aws-sdk-go/service/cloudwatch"
	"github.com/aws/aws-sdk-go/service/cloudwatch/cloudwatchiface"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/internal/lv"
	"github.com/seedkit/kit/metrics/internal/streamhist"
)

const (
	// maxConcurrentRequests caps WithConcurrentRequests and is also the
	// number of datums per PutMetricData request, as in Go kit.
	maxConcurrentRequests = 20
	// maxValuesInABatch is the most distinct gauge values one datum carries.
	maxValuesInABatch = 150
	// histogramBins is the size of the quantile estimator per series.
	histogramBins = 50
)

// ErrNilClient is returned by Send when the CloudWatch was created with a nil
// client.
var ErrNilClient = errors.New("cloudwatch: nil CloudWatchAPI client")

// CloudWatch holds the metrics it created and sends them to AWS CloudWatch
// with PutMetricData. Create it with New. It is safe for concurrent use.
type CloudWatch struct {
	namespace   string
	svc         cloudwatchiface.CloudWatchAPI
	percentiles []float64
	logger      log.Logger
	concurrency int
	now         func() time.Time

	counters   *lv.Space
	gauges     *lv.Space
	histograms *lv.Space
	sendMu     sync.Mutex
}

// Option configures a CloudWatch in New.
type Option func(*CloudWatch)

// WithLogger sets the logger WriteLoop reports failed sends to. The default
// discards (Go kit logs to stderr); nil keeps the default.
func WithLogger(logger log.Logger) Option {
	return func(cw *CloudWatch) {
		if logger != nil {
			cw.logger = logger
		}
	}
}

// WithPercentiles sets the percentiles each histogram is sent as, each in
// [0, 1] (others are ignored); the default is 0.50, 0.90, 0.95 and 0.99.
// Percentile p of histogram "h" is sent as the metric "h_<100p>", for
// example "h_99" or "h_99.9".
func WithPercentiles(percentiles ...float64) Option {
	return func(cw *CloudWatch) {
		cw.percentiles = make([]float64, 0, len(percentiles))
		for _, p := range percentiles {
			if p >= 0 && p <= 1 {
				cw.percentiles = append(cw.percentiles, p)
			}
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
// *cloudwatch.CloudWatch of aws-sdk-go v1.
func New(namespace string, svc cloudwatchiface.CloudWatchAPI, options ...Option) *CloudWatch {
	cw := &CloudWatch{
		namespace:   namespace,
		svc:         svc,
		percentiles: []float64{0.50, 0.90, 0.95, 0.99},
		logger:      log.NewNopLogger(),
		concurrency: 10,
		now:         time.Now,
		counters:    lv.NewSpace(),
		gauges:      lv.NewSpace(),
		histograms:  lv.NewSpace(),
	}
	for _, o := range options {
		if o != nil {
			o(cw)
		}
	}
	return cw
}

// NewCounter returns a counter sent as one datum per label set, with the sum
// of the deltas since the previous Send.
func (cw *CloudWatch) NewCounter(name string) metrics.Counter {
	return &Counter{name: name, space: cw.counters}
}

// NewGauge returns a gauge sent as one datum per label set with the values
// it took since the previous Send and how many times it took each, ordered
// by when the gauge last took them, so the final value comes last; past 150
// distinct values, the latest 150 are sent. Add adds to the gauge's last value of the interval, or
// to zero at the start of an interval, as in Go kit.
func (cw *CloudWatch) NewGauge(name string) metrics.Gauge {
	return &Gauge{name: name, space: cw.gauges}
}

// NewHistogram returns a histogram sent, per label set, as one datum per
// percentile (see WithPercentiles) of the observations since the previous
// Send.
func (cw *CloudWatch) NewHistogram(name string) metrics.Histogram {
	return &Histogram{name: name, space: cw.histograms}
}

// WriteLoop calls Send on every tick of c until ctx is done, logging errors.
// It blocks: run it in its own goroutine.
func (cw *CloudWatch) WriteLoop(ctx context.Context, c <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-c:
			if err := cw.Send(); err != nil {
				_ = cw.logger.Log("during", "Send", "err", err)
			}
		}
	}
}

// Send sends everything recorded since the previous call, in requests of 20
// datums, running up to the configured number of requests at once, and
// returns the first error. Recorded values are taken out first, so what
// fails to be sent is dropped rather than piling up. Send returns after
// every request has finished. Calls are serialised.
func (cw *CloudWatch) Send() error {
	cw.sendMu.Lock()
	defer cw.sendMu.Unlock()
	counters, gauges, histograms := cw.counters.Reset(), cw.gauges.Reset(), cw.histograms.Reset()
	if cw.svc == nil {
		return ErrNilClient
	}
	now := aws.Time(cw.now())
	var datums []*cloudwatch.MetricDatum

	counters.Walk(func(name string, lvs lv.LabelValues, values []float64) bool {
		var sum float64
		for _, v := range values {
			sum += v
		}
		datums = append(datums, &cloudwatch.MetricDatum{
			MetricName: aws.String(name),
			Dimensions: dimensions(lvs),
			Value:      aws.Float64(sum),
			Timestamp:  now,
		})
		return true
	})

	gauges.Walk(func(name string, lvs lv.LabelValues, values []float64) bool {
		// Distinct values with their counts, ordered by when the gauge last
		// took them: the final value comes last.
		counts := map[float64]int{}
		lastAt := map[float64]int{}
		for i, v := range values {
			counts[v]++
			lastAt[v] = i
		}
		distinct := make([]float64, 0, len(counts))
		for v := range counts {
			distinct = append(distinct, v)
		}
		slices.SortFunc(distinct, func(a, b float64) int { return lastAt[a] - lastAt[b] })
		if len(distinct) > maxValuesInABatch {
			distinct = distinct[len(distinct)-maxValuesInABatch:] // keep the latest
		}
		d := &cloudwatch.MetricDatum{
			MetricName: aws.String(name),
			Dimensions: dimensions(lvs),
			Timestamp:  now,
		}
		for _, v := range distinct {
			d.Values = append(d.Values, aws.Float64(v))
			d.Counts = append(d.Counts, aws.Float64(float64(counts[v])))
		}
		datums = append(datums, d)
		return true
	})

	histograms.Walk(func(name string, lvs lv.LabelValues, values []float64) bool {
		h := streamhist.New(histogramBins)
		for _, v := range values {
			h.Add(v)
		}
		for _, p := range cw.percentiles {
			datums = append(datums, &cloudwatch.MetricDatum{
				MetricName: aws.String(name + "_" + strconv.FormatFloat(p*100, 'f', -1, 64)),
				Dimensions: dimensions(lvs),
				Value:      aws.Float64(h.Quantile(p)),
				Timestamp:  now,
			})
		}
		return true
	})

	return cw.put(datums)
}

func (cw *CloudWatch) put(datums []*cloudwatch.MetricDatum) error {
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
			_, err := cw.svc.PutMetricData(&cloudwatch.PutMetricDataInput{
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

func dimensions(lvs lv.LabelValues) []*cloudwatch.Dimension {
	out := make([]*cloudwatch.Dimension, 0, len(lvs)/2)
	for i := 0; i+1 < len(lvs); i += 2 {
		out = append(out, &cloudwatch.Dimension{Name: aws.String(lvs[i]), Value: aws.String(lvs[i+1])})
	}
	return out
}

// Counter is a CloudWatch counter. It is safe for concurrent use.
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

// Add adds delta to the sum sent at the next Send.
func (c *Counter) Add(delta float64) { c.space.Observe(c.name, c.lvs, delta) }

// Gauge is a CloudWatch gauge. It is safe for concurrent use.
type Gauge struct {
	name  string
	lvs   lv.LabelValues
	space *lv.Space
}

// With returns a gauge of the same name with labelValues added to g's.
func (g *Gauge) With(labelValues ...string) metrics.Gauge {
	return &Gauge{name: g.name, lvs: g.lvs.With(labelValues...), space: g.space}
}

// Set records value as a value the gauge took.
func (g *Gauge) Set(value float64) { g.space.Observe(g.name, g.lvs, value) }

// Add records the gauge's last value of the interval plus delta.
func (g *Gauge) Add(delta float64) { g.space.Add(g.name, g.lvs, delta) }

// Histogram is a CloudWatch histogram. It is safe for concurrent use.
type Histogram struct {
	name  string
	lvs   lv.LabelValues
	space *lv.Space
}

// With returns a histogram of the same name with labelValues added to h's.
func (h *Histogram) With(labelValues ...string) metrics.Histogram {
	return &Histogram{name: h.name, lvs: h.lvs.With(labelValues...), space: h.space}
}

// Observe records value.
func (h *Histogram) Observe(value float64) { h.space.Observe(h.name, h.lvs, value) }
