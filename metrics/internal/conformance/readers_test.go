package conformance_test

import (
	"context"
	"math"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	awsv2cw "github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	//lint:ignore SA1019 Go kit's API names aws-sdk-go v1 types; kept for compatibility (see doc.go).
	awscw "github.com/aws/aws-sdk-go/service/cloudwatch"
	"github.com/aws/aws-sdk-go/service/cloudwatch/cloudwatchiface"
	influxdb "github.com/influxdata/influxdb1-client/v2"
	stdprometheus "github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/seedkit/kit/metrics/cloudwatch"
	"github.com/seedkit/kit/metrics/cloudwatch2"
	"github.com/seedkit/kit/metrics/influx"
	"github.com/seedkit/kit/metrics/pcp"
)

// newInflux returns an Influx and a function that writes it once and
// returns its points' fields keyed by "name,tag=value,..." (tags sorted).
func newInflux() (*influx.Influx, func() map[string]map[string]float64) {
	in := influx.New(nil, influxdb.BatchPointsConfig{}, nil)
	var once sync.Once
	points := map[string]map[string]float64{}
	return in, func() map[string]map[string]float64 {
		once.Do(func() { _ = in.WriteTo(pointsWriter(points)) })
		return points
	}
}

type pointsWriter map[string]map[string]float64

func (w pointsWriter) Write(bp influxdb.BatchPoints) error {
	for _, p := range bp.Points() {
		key := p.Name()
		var tags []string
		for k, v := range p.Tags() {
			tags = append(tags, k+"="+v)
		}
		sort.Strings(tags)
		if len(tags) > 0 {
			key += "," + strings.Join(tags, ",")
		}
		fields, _ := p.Fields()
		w[key] = map[string]float64{}
		for k, v := range fields {
			if f, ok := v.(float64); ok {
				w[key][k] = f
			}
		}
	}
	return nil
}

// promMetric finds the series of family name with exactly the labels lvs.
func promMetric(t *testing.T, g stdprometheus.Gatherer, name string, lvs ...string) *dto.Metric {
	t.Helper()
	families, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i := 0; i+1 < len(lvs); i += 2 {
		want[lvs[i]] = lvs[i+1]
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	metrics:
		for _, m := range f.GetMetric() {
			if len(m.GetLabel()) != len(want) {
				continue
			}
			for _, l := range m.GetLabel() {
				if v, ok := want[l.GetName()]; !ok || v != l.GetValue() {
					continue metrics
				}
			}
			return m
		}
	}
	return nil
}

func promValue(t *testing.T, g stdprometheus.Gatherer, name string, lvs ...string) float64 {
	m := promMetric(t, g, name, lvs...)
	switch {
	case m == nil:
		return math.NaN()
	case m.Counter != nil:
		return m.GetCounter().GetValue()
	case m.Gauge != nil:
		return m.GetGauge().GetValue()
	}
	return math.NaN()
}

func promQuantiles(t *testing.T, g stdprometheus.Gatherer, name string) (float64, float64, float64, float64) {
	nan := math.NaN()
	m := promMetric(t, g, name, "k", "v")
	if m == nil || m.Summary == nil {
		return nan, nan, nan, nan
	}
	q := map[float64]float64{}
	for _, x := range m.GetSummary().GetQuantile() {
		q[x.GetQuantile()] = x.GetValue()
	}
	return q[0.5], q[0.9], q[0.95], q[0.99]
}

func promBucketQuantiles(t *testing.T, g stdprometheus.Gatherer, name string) (float64, float64, float64, float64) {
	nan := math.NaN()
	m := promMetric(t, g, name)
	if m == nil || m.Histogram == nil {
		return nan, nan, nan, nan
	}
	var bounds []float64
	var counts []uint64
	var prev uint64
	for _, b := range m.GetHistogram().GetBucket() {
		bounds = append(bounds, b.GetUpperBound())
		counts = append(counts, b.GetCumulativeCount()-prev)
		prev = b.GetCumulativeCount()
	}
	counts = append(counts, m.GetHistogram().GetSampleCount()-prev)
	q := func(x float64) float64 { return bucketQuantile(x, bounds, counts) }
	return q(0.5), q(0.9), q(0.95), q(0.99)
}

// bucketQuantile estimates quantile q from explicit bucket bounds (upper
// bounds; the first bucket starts at 0) and per-bucket counts (one more
// than bounds, the last unbounded), interpolating linearly in a bucket.
func bucketQuantile(q float64, bounds []float64, counts []uint64) float64 {
	var total uint64
	for _, c := range counts {
		total += c
	}
	if total == 0 {
		return math.NaN()
	}
	rank := q * float64(total)
	var seen float64
	for i, c := range counts {
		if seen+float64(c) >= rank && c > 0 {
			if i >= len(bounds) {
				return bounds[len(bounds)-1]
			}
			lo := 0.0
			if i > 0 {
				lo = bounds[i-1]
			}
			return lo + (bounds[i]-lo)*(rank-seen)/float64(c)
		}
		seen += float64(c)
	}
	return bounds[len(bounds)-1]
}

// fakeCW is an aws-sdk-go v1 CloudWatch client recording PutMetricData.
type fakeCW struct {
	cloudwatchiface.CloudWatchAPI
	mu   sync.Mutex
	sent []*awscw.MetricDatum
}

func (f *fakeCW) PutMetricData(in *awscw.PutMetricDataInput) (*awscw.PutMetricDataOutput, error) {
	f.mu.Lock()
	f.sent = append(f.sent, in.MetricData...)
	f.mu.Unlock()
	return &awscw.PutMetricDataOutput{}, nil
}

// send calls Send and returns the datums' values by "name,dim=value,...".
func (f *fakeCW) send(t *testing.T, cw *cloudwatch.CloudWatch) map[string][]float64 {
	t.Helper()
	if err := cw.Send(); err != nil {
		t.Fatal(err)
	}
	out := map[string][]float64{}
	for _, d := range f.sent {
		key := *d.MetricName
		for _, dim := range d.Dimensions {
			key += "," + *dim.Name + "=" + *dim.Value
		}
		if d.Value != nil {
			out[key] = append(out[key], *d.Value)
		}
		for _, v := range d.Values {
			out[key] = append(out[key], *v)
		}
	}
	return out
}

// fakeCW2 is an aws-sdk-go-v2 CloudWatch client recording PutMetricData.
type fakeCW2 struct {
	mu   sync.Mutex
	sent []*awsv2cw.PutMetricDataInput
}

func (f *fakeCW2) PutMetricData(_ context.Context, in *awsv2cw.PutMetricDataInput, _ ...func(*awsv2cw.Options)) (*awsv2cw.PutMetricDataOutput, error) {
	f.mu.Lock()
	f.sent = append(f.sent, in)
	f.mu.Unlock()
	return &awsv2cw.PutMetricDataOutput{}, nil
}

// send calls Send and returns each datum's sum by "name,dim=value,...".
func (f *fakeCW2) send(t *testing.T, cw *cloudwatch2.CloudWatch) map[string]float64 {
	t.Helper()
	if err := cw.Send(); err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, in := range f.sent {
		for _, d := range in.MetricData {
			key := *d.MetricName
			for _, dim := range d.Dimensions {
				key += "," + *dim.Name + "=" + *dim.Value
			}
			out[key] += *d.StatisticValues.Sum
		}
	}
	return out
}

// pcpHermetic makes speed write its MMV files under a temporary directory,
// or skips when an installed PCP decides where they go.
func pcpHermetic(t *testing.T) {
	t.Helper()
	if _, err := os.Stat("/etc/pcp.conf"); err == nil || os.Getenv("PCP_CONF") != "" || os.Getenv("PCP_DIR") != "" {
		t.Skip("PCP is installed: speed writes MMV files to its PCP_TMP_DIR, so this run cannot be hermetic")
	}
	t.Setenv("TMPDIR", t.TempDir())
}

func newReporter(t *testing.T) *pcp.Reporter {
	t.Helper()
	r, err := pcp.NewReporter("kittest_" + strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type otelPoint struct {
	value  float64
	bounds []float64
	counts []uint64
}

// newMeter returns a Meter and a function collecting every data point, by
// instrument name and then "k=v,..." attributes (sorted by key).
func newMeter(t *testing.T) (metric.Meter, func() map[string]map[string]otelPoint) {
	t.Helper()
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() { _ = mp.Shutdown(context.Background()) })
	return mp.Meter("conformance"), func() map[string]map[string]otelPoint {
		var rm metricdata.ResourceMetrics
		if err := reader.Collect(context.Background(), &rm); err != nil {
			t.Fatal(err)
		}
		out := map[string]map[string]otelPoint{}
		key := func(s attribute.Set) string { return s.Encoded(attribute.DefaultEncoder()) }
		for _, sm := range rm.ScopeMetrics {
			for _, m := range sm.Metrics {
				pts := map[string]otelPoint{}
				switch d := m.Data.(type) {
				case metricdata.Sum[float64]:
					for _, p := range d.DataPoints {
						pts[key(p.Attributes)] = otelPoint{value: p.Value}
					}
				case metricdata.Gauge[float64]:
					for _, p := range d.DataPoints {
						pts[key(p.Attributes)] = otelPoint{value: p.Value}
					}
				case metricdata.Histogram[float64]:
					for _, p := range d.DataPoints {
						pts[key(p.Attributes)] = otelPoint{bounds: p.Bounds, counts: p.BucketCounts}
					}
				}
				out[m.Name] = pts
			}
		}
		return out
	}
}

func otelBuckets(bounds []float64) metric.Float64HistogramOption {
	return metric.WithExplicitBucketBoundaries(bounds...)
}
