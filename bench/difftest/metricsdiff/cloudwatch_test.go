package metricsdiff_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	//lint:ignore SA1019 Go kit's cloudwatch API names aws-sdk-go v1 types.
	"github.com/aws/aws-sdk-go/aws"
	//lint:ignore SA1019 Go kit's cloudwatch API names aws-sdk-go v1 types.
	cwv1 "github.com/aws/aws-sdk-go/service/cloudwatch"
	"github.com/aws/aws-sdk-go/service/cloudwatch/cloudwatchiface"
	gokitcw "github.com/go-kit/kit/metrics/cloudwatch"
	gokitcw2 "github.com/go-kit/kit/metrics/cloudwatch2"
	gokitlog "github.com/go-kit/log"
	kitcw "github.com/seedkit/kit/metrics/cloudwatch"
	kitcw2 "github.com/seedkit/kit/metrics/cloudwatch2"
)

// cwV1 is a fake aws-sdk-go v1 client: PutMetricData records its input;
// every other method of the interface is nil and never called.
type cwV1 struct {
	cloudwatchiface.CloudWatchAPI
	mu     sync.Mutex
	inputs []*cwv1.PutMetricDataInput
}

func (c *cwV1) PutMetricData(in *cwv1.PutMetricDataInput) (*cwv1.PutMetricDataOutput, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.inputs = append(c.inputs, in)
	return &cwv1.PutMetricDataOutput{}, nil
}

// cwV2 is a fake aws-sdk-go-v2 client for cloudwatch2.
type cwV2 struct {
	mu     sync.Mutex
	inputs []*cloudwatch.PutMetricDataInput
}

func (c *cwV2) PutMetricData(_ context.Context, in *cloudwatch.PutMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.PutMetricDataOutput, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.inputs = append(c.inputs, in)
	return &cloudwatch.PutMetricDataOutput{}, nil
}

// cwDatum is a datum without its timestamp, as comparable text, and its
// value apart for the percentile datums of histograms.
type cwDatum struct {
	key   string
	value float64
}

func v1Datums(t *testing.T, c *cwV1, namespace string, from, to time.Time) (ds []cwDatum, sizes []int) {
	t.Helper()
	for _, in := range c.inputs {
		if aws.StringValue(in.Namespace) != namespace {
			t.Errorf("namespace %q", aws.StringValue(in.Namespace))
		}
		sizes = append(sizes, len(in.MetricData))
		for _, d := range in.MetricData {
			if ts := aws.TimeValue(d.Timestamp); ts.Before(from) || ts.After(to) {
				t.Errorf("datum %s at %v outside [%v, %v]", aws.StringValue(d.MetricName), ts, from, to)
			}
			var dims []string
			for _, dim := range d.Dimensions {
				dims = append(dims, aws.StringValue(dim.Name)+"="+aws.StringValue(dim.Value))
			}
			key := aws.StringValue(d.MetricName) + " " + strings.Join(dims, ",")
			var vs []string
			for i, v := range d.Values {
				vs = append(vs, fmt.Sprintf("%v×%v", aws.Float64Value(v), aws.Float64Value(d.Counts[i])))
			}
			sort.Strings(vs)
			if len(vs) > 0 {
				key += " values " + strings.Join(vs, " ")
			}
			if d.Value == nil {
				key += " nil"
			}
			if len(d.Values) != len(d.Counts) {
				t.Errorf("%d values, %d counts", len(d.Values), len(d.Counts))
			}
			ds = append(ds, cwDatum{key: key, value: aws.Float64Value(d.Value)})
		}
	}
	slices.SortFunc(ds, func(a, b cwDatum) int { return strings.Compare(a.key, b.key) })
	sort.Ints(sizes)
	return ds, sizes
}

// cwObserve runs the same observations through one library's metrics.
func cwObserve(counter func(string) func(...string) adder, gauge func(string) func(...string) gauger, histogram func(string) func(...string) observer) {
	c := counter("requests")
	c().Add(1)
	c().Add(2)
	for i, l := range labelLists {
		c(l...).Add(float64(i))
	}
	c("method", "GET").Add(0.5)
	g := gauge("temp")
	for _, v := range []float64{3, 3, 4, 3, -1} {
		g().Set(v)
	}
	g().Add(2)
	g("room", "a").Add(1)
	g("room", "a").Add(1)
	g("room", "b").Set(7)
	h := histogram("latency")
	for i := range 1000 {
		h("op", "read").Observe(float64((i*7919)%1000 + 1))
	}
	h().Observe(42)
	// Enough series for more than one batch of 20 datums.
	for i := range 30 {
		c("n", strconv.Itoa(i)).Add(1)
	}
}

func TestCloudWatch(t *testing.T) {
	t.Parallel()
	for _, pcts := range [][]float64{nil, {0.5, 0.99}, {-0.1, 0, 1, 1.5, 0.333}} {
		t.Run(fmt.Sprint(pcts), func(t *testing.T) {
			t.Parallel()
			var kc, gc cwV1
			kopts, gopts := []kitcw.Option{kitcw.WithConcurrentRequests(3)}, []gokitcw.Option{gokitcw.WithConcurrentRequests(3), gokitcw.WithLogger(gokitlog.NewNopLogger())}
			if pcts != nil {
				kopts = append(kopts, kitcw.WithPercentiles(pcts...))
				gopts = append(gopts, gokitcw.WithPercentiles(pcts...))
			}
			k, g := kitcw.New("ns", &kc, kopts...), gokitcw.New("ns", &gc, gopts...)
			cwObserve(
				func(n string) func(...string) adder {
					c := k.NewCounter(n)
					return func(l ...string) adder { return c.With(l...) }
				},
				func(n string) func(...string) gauger {
					c := k.NewGauge(n)
					return func(l ...string) gauger { return c.With(l...) }
				},
				func(n string) func(...string) observer {
					c := k.NewHistogram(n)
					return func(l ...string) observer { return c.With(l...) }
				})
			cwObserve(
				func(n string) func(...string) adder {
					c := g.NewCounter(n)
					return func(l ...string) adder { return c.With(l...) }
				},
				func(n string) func(...string) gauger {
					c := g.NewGauge(n)
					return func(l ...string) gauger { return c.With(l...) }
				},
				func(n string) func(...string) observer {
					c := g.NewHistogram(n)
					return func(l ...string) observer { return c.With(l...) }
				})
			from := time.Now()
			if err := k.Send(); err != nil {
				t.Fatal(err)
			}
			if err := g.Send(); err != nil {
				t.Fatal(err)
			}
			to := time.Now()
			kd, ks := v1Datums(t, &kc, "ns", from, to)
			gd, gs := v1Datums(t, &gc, "ns", from, to)
			same(t, "batch sizes", ks, gs)
			if len(kd) != len(gd) {
				t.Fatalf("datums: kit %d, gokit %d\n  kit:   %v\n  gokit: %v", len(kd), len(gd), kd, gd)
			}
			for i := range kd {
				same(t, "datum", kd[i].key, gd[i].key)
				if strings.HasPrefix(kd[i].key, "latency_") && strings.Contains(kd[i].key, "op=read") {
					within(t, kd[i].key, kd[i].value, gd[i].value, 30)
					continue
				}
				same(t, kd[i].key+" value", kd[i].value, gd[i].value)
			}
			// Nothing observed since: no request in either.
			kc.inputs, gc.inputs = nil, nil
			_ = k.Send()
			_ = g.Send()
			same(t, "requests after an empty Send", len(kc.inputs), len(gc.inputs))
		})
	}
}

func v2Datums(t *testing.T, c *cwV2, from, to time.Time) (ds []string, sizes []int) {
	t.Helper()
	f := func(p *float64) string {
		if p == nil {
			return "nil"
		}
		return strconv.FormatFloat(*p, 'g', -1, 64)
	}
	for _, in := range c.inputs {
		sizes = append(sizes, len(in.MetricData))
		for _, d := range in.MetricData {
			if ts := *d.Timestamp; ts.Before(from) || ts.After(to) {
				t.Errorf("datum %s at %v outside [%v, %v]", *d.MetricName, ts, from, to)
			}
			var dims []string
			for _, dim := range d.Dimensions {
				dims = append(dims, *dim.Name+"="+*dim.Value)
			}
			s := d.StatisticValues
			key := fmt.Sprintf("%s %s value=%s values=%d", *d.MetricName, strings.Join(dims, ","), f(d.Value), len(d.Values))
			if s != nil {
				key += fmt.Sprintf(" n=%s sum=%s min=%s max=%s", f(s.SampleCount), f(s.Sum), f(s.Minimum), f(s.Maximum))
			}
			ds = append(ds, key)
		}
	}
	sort.Strings(ds)
	sort.Ints(sizes)
	return ds, sizes
}

func cw2Sides() (k *kitcw2.CloudWatch, kc *cwV2, g *gokitcw2.CloudWatch, gc *cwV2) {
	kc, gc = &cwV2{}, &cwV2{}
	return kitcw2.New("ns", kc), kc, gokitcw2.New("ns", gc), gc
}

func TestCloudWatch2(t *testing.T) {
	t.Parallel()
	k, kc, g, gc := cw2Sides()
	cwObserve(
		func(n string) func(...string) adder {
			c := k.NewCounter(n)
			return func(l ...string) adder { return c.With(l...) }
		},
		func(n string) func(...string) gauger {
			c := k.NewGauge(n)
			return func(l ...string) gauger { return c.With(l...) }
		},
		func(n string) func(...string) observer {
			c := k.NewHistogram(n)
			return func(l ...string) observer { return c.With(l...) }
		})
	cwObserve(
		func(n string) func(...string) adder {
			c := g.NewCounter(n)
			return func(l ...string) adder { return c.With(l...) }
		},
		func(n string) func(...string) gauger {
			c := g.NewGauge(n)
			return func(l ...string) gauger { return c.With(l...) }
		},
		func(n string) func(...string) observer {
			c := g.NewHistogram(n)
			return func(l ...string) observer { return c.With(l...) }
		})
	from := time.Now()
	if err := k.Send(); err != nil {
		t.Fatal(err)
	}
	if err := g.Send(); err != nil {
		t.Fatal(err)
	}
	to := time.Now()
	kd, ks := v2Datums(t, kc, from, to)
	gd, gs := v2Datums(t, gc, from, to)
	same(t, "batch sizes", ks, gs)
	same(t, "datums", kd, gd)
	kc.inputs, gc.inputs = nil, nil
	_ = k.Send()
	_ = g.Send()
	same(t, "requests after an empty Send", len(kc.inputs), len(gc.inputs))
}

// TestCloudWatchSpecialValues: statistic sets of infinite and NaN
// observations. CloudWatch rejects NaN and ±Inf, failing the whole request:
// kit leaves them out of the set (and sends no datum when nothing else was
// recorded), as its package doc says; Go kit sends them, with the minimum
// and maximum starting at ±MaxFloat64.
func TestCloudWatchSpecialValues(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		obs        []float64
		kit, gokit string // "" when equal; kit "-" for no datum
	}{
		{
			name: "inf and finite", obs: []float64{1, math.Inf(1), -2},
			kit:   "n=2 sum=-1 min=-2 max=1",
			gokit: "n=3 sum=+Inf min=-2 max=+Inf",
		},
		{name: "max float", obs: []float64{math.MaxFloat64, -math.MaxFloat64}},
		{name: "signed zeros", obs: []float64{0, math.Copysign(0, -1)}},
		{
			name: "plus inf", obs: []float64{math.Inf(1)},
			kit:   "-",
			gokit: "n=1 sum=+Inf min=1.7976931348623157e+308 max=+Inf",
		},
		{
			name: "minus inf", obs: []float64{math.Inf(-1)},
			kit:   "-",
			gokit: "n=1 sum=-Inf min=-Inf max=-1.7976931348623157e+308",
		},
		{
			name: "nan", obs: []float64{math.NaN()},
			kit:   "-",
			gokit: "n=1 sum=NaN min=1.7976931348623157e+308 max=-1.7976931348623157e+308",
		},
		{
			name: "nan and finite", obs: []float64{1, math.NaN(), 3},
			kit:   "n=2 sum=4 min=1 max=3",
			gokit: "n=3 sum=NaN min=1 max=3",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, kc, g, gc := cw2Sides()
			kh, gh := k.NewHistogram("h"), g.NewHistogram("h")
			for _, v := range tc.obs {
				kh.Observe(v)
				gh.Observe(v)
			}
			from := time.Now()
			_ = k.Send()
			_ = g.Send()
			kd, _ := v2Datums(t, kc, from, time.Now())
			gd, _ := v2Datums(t, gc, from, time.Now())
			if tc.kit == "" {
				same(t, "cloudwatch2 datum", kd, gd)
				return
			}
			prefix := "h  value=nil values=0 "
			if tc.kit == "-" {
				if len(kd) != 0 {
					t.Errorf("kit sent %q, want no datum", kd)
				}
			} else {
				same(t, "kit", kd, []string{prefix + tc.kit})
			}
			same(t, "gokit", gd, []string{prefix + tc.gokit})
		})
	}
}

// TestCloudWatchNaNPercentile: Go kit keeps a NaN percentile (it only
// rejects p < 0 and p > 1) and sends a datum "h_NaN"; kit keeps only
// percentiles in [0, 1], as its WithPercentiles says.
func TestCloudWatchNaNPercentile(t *testing.T) {
	t.Parallel()
	var kc, gc cwV1
	k := kitcw.New("ns", &kc, kitcw.WithPercentiles(math.NaN(), 0.5))
	g := gokitcw.New("ns", &gc, gokitcw.WithPercentiles(math.NaN(), 0.5), gokitcw.WithLogger(gokitlog.NewNopLogger()))
	k.NewHistogram("h").Observe(1)
	g.NewHistogram("h").Observe(1)
	_ = k.Send()
	_ = g.Send()
	names := func(c *cwV1) (ns []string) {
		for _, in := range c.inputs {
			for _, d := range in.MetricData {
				ns = append(ns, aws.StringValue(d.MetricName))
			}
		}
		sort.Strings(ns)
		return ns
	}
	same(t, "kit", names(&kc), []string{"h_50"})
	same(t, "gokit", names(&gc), []string{"h_50", "h_NaN"})
}
