package cloudwatch2_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"

	"github.com/seedkit/kit/metrics/cloudwatch2"
)

type fakeCW struct {
	mu       sync.Mutex
	requests []*cloudwatch.PutMetricDataInput
	ctxs     []context.Context
	err      error
}

func (f *fakeCW) PutMetricData(ctx context.Context, in *cloudwatch.PutMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.PutMetricDataOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, in)
	f.ctxs = append(f.ctxs, ctx)
	return &cloudwatch.PutMetricDataOutput{}, f.err
}

func (f *fakeCW) datums() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.requests {
		for _, d := range r.MetricData {
			s := *d.MetricName
			for _, dim := range d.Dimensions {
				s += fmt.Sprintf(",%s=%s", *dim.Name, *dim.Value)
			}
			st := d.StatisticValues
			s += fmt.Sprintf(" n=%g sum=%g min=%g max=%g", *st.SampleCount, *st.Sum, *st.Minimum, *st.Maximum)
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func TestSend(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		do   func(cw *cloudwatch2.CloudWatch)
		want []string
	}{
		{"counter", func(cw *cloudwatch2.CloudWatch) {
			c := cw.NewCounter("c").With("k", "v")
			c.Add(1)
			c.Add(3)
		}, []string{"c,k=v n=2 sum=4 min=1 max=3"}},
		{"gauge set and add record values", func(cw *cloudwatch2.CloudWatch) {
			g := cw.NewGauge("g")
			g.Set(5)
			g.Add(-2)
		}, []string{"g n=2 sum=3 min=-2 max=5"}},
		{"histogram", func(cw *cloudwatch2.CloudWatch) {
			h := cw.NewHistogram("h").With("a", "1")
			for _, v := range []float64{2, 8, 5} {
				h.Observe(v)
			}
		}, []string{"h,a=1 n=3 sum=15 min=2 max=8"}},
		{"nothing", func(cw *cloudwatch2.CloudWatch) { cw.NewCounter("c") }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeCW{}
			cw := cloudwatch2.New("ns", f)
			tt.do(cw)
			if err := cw.Send(); err != nil {
				t.Fatal(err)
			}
			if got := f.datums(); !slices.Equal(got, tt.want) {
				t.Fatalf("sent %q, want %q", got, tt.want)
			}
		})
	}
}

type ctxKey struct{}

func TestSendContextAndBatches(t *testing.T) {
	t.Parallel()
	f := &fakeCW{}
	cw := cloudwatch2.New("ns", f, cloudwatch2.WithConcurrentRequests(100), cloudwatch2.WithLogger(nil))
	for i := range 45 {
		cw.NewCounter(fmt.Sprintf("c%02d", i)).Add(1)
	}
	ctx := context.WithValue(context.Background(), ctxKey{}, "v")
	if err := cw.SendContext(ctx); err != nil {
		t.Fatal(err)
	}
	if len(f.requests) != 3 {
		t.Fatalf("%d requests for 45 datums, want 3", len(f.requests))
	}
	for _, c := range f.ctxs {
		if c.Value(ctxKey{}) != "v" {
			t.Fatal("request did not get the SendContext context")
		}
	}
}

func TestSendErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	f := &fakeCW{err: boom}
	cw := cloudwatch2.New("ns", f, cloudwatch2.WithConcurrentRequests(0))
	cw.NewCounter("c").Add(1)
	if err := cw.Send(); !errors.Is(err, boom) {
		t.Fatalf("Send = %v", err)
	}
	f.err, f.requests = nil, nil
	if err := cw.Send(); err != nil || len(f.requests) != 0 {
		t.Fatalf("data kept after a failed send: %v %d", err, len(f.requests))
	}
	if err := cloudwatch2.New("ns", nil).Send(); !errors.Is(err, cloudwatch2.ErrNilClient) {
		t.Fatalf("nil client: %v", err)
	}
}
