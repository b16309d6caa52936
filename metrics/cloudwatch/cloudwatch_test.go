package cloudwatch_test

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	//lint:ignore SA1019 Go kit's API names aws-sdk-go v1 types; kept for compatibility (see doc.go).
	awscw "github.com/aws/aws-sdk-go/service/cloudwatch"
	"github.com/aws/aws-sdk-go/service/cloudwatch/cloudwatchiface"

	"github.com/seedkit/kit/metrics/cloudwatch"
)

// fakeCW records PutMetricData calls; every other method of the interface
// panics through the nil embedded interface, and is never called.
type fakeCW struct {
	cloudwatchiface.CloudWatchAPI

	mu       sync.Mutex
	requests []*awscw.PutMetricDataInput
	err      error
	inflight atomic.Int32
	peak     atomic.Int32
	gate     chan struct{} // if set, each call waits for a token
}

func (f *fakeCW) PutMetricData(in *awscw.PutMetricDataInput) (*awscw.PutMetricDataOutput, error) {
	n := f.inflight.Add(1)
	defer f.inflight.Add(-1)
	for {
		p := f.peak.Load()
		if n <= p || f.peak.CompareAndSwap(p, n) {
			break
		}
	}
	if f.gate != nil {
		<-f.gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, in)
	return &awscw.PutMetricDataOutput{}, f.err
}

// datums returns every datum sent, as "name{dims}=value" strings, sorted.
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
			if d.Value != nil {
				s += fmt.Sprintf(" %g", *d.Value)
			}
			for i := range d.Values {
				s += fmt.Sprintf(" %gx%g", *d.Values[i], *d.Counts[i])
			}
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
		opts []cloudwatch.Option
		do   func(cw *cloudwatch.CloudWatch)
		want []string
	}{
		{"counter sums", nil, func(cw *cloudwatch.CloudWatch) {
			c := cw.NewCounter("c").With("k", "v")
			c.Add(1)
			c.Add(2)
		}, []string{"c,k=v 3"}},
		{"gauge values and counts", nil, func(cw *cloudwatch.CloudWatch) {
			g := cw.NewGauge("g")
			g.Set(1)
			g.Set(2)
			g.Set(1)
			g.Add(2)
		}, []string{"g 2x1 1x2 3x1"}},
		{"histogram percentiles", []cloudwatch.Option{cloudwatch.WithPercentiles(0.5, 0.999, 2, -1)}, func(cw *cloudwatch.CloudWatch) {
			h := cw.NewHistogram("h")
			for range 10 {
				h.Observe(4)
			}
		}, []string{"h_50 4", "h_99.9 4"}},
		{"default percentiles", nil, func(cw *cloudwatch.CloudWatch) {
			cw.NewHistogram("h").Observe(4)
		}, []string{"h_50 4", "h_90 4", "h_95 4", "h_99 4"}},
		{"odd labels padded", nil, func(cw *cloudwatch.CloudWatch) {
			cw.NewCounter("c").With("k").Add(1)
		}, []string{"c,k=unknown 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeCW{}
			cw := cloudwatch.New("ns", f, tt.opts...)
			tt.do(cw)
			if err := cw.Send(); err != nil {
				t.Fatal(err)
			}
			if got := f.datums(); !slices.Equal(got, tt.want) {
				t.Fatalf("sent %q, want %q", got, tt.want)
			}
			for _, r := range f.requests {
				if *r.Namespace != "ns" {
					t.Fatalf("namespace %q", *r.Namespace)
				}
			}
		})
	}
}

func TestSendBatchesAndConcurrency(t *testing.T) {
	t.Parallel()
	f := &fakeCW{gate: make(chan struct{})}
	cw := cloudwatch.New("ns", f, cloudwatch.WithConcurrentRequests(2))
	for i := range 100 {
		cw.NewCounter(fmt.Sprintf("c%03d", i)).Add(1)
	}
	done := make(chan error, 1)
	go func() { done <- cw.Send() }()
	for range 5 { // 100 datums in requests of 20
		f.gate <- struct{}{}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(f.requests) != 5 {
		t.Fatalf("%d requests, want 5", len(f.requests))
	}
	if p := f.peak.Load(); p > 2 {
		t.Fatalf("%d requests at once, want at most 2", p)
	}
	if got := len(f.datums()); got != 100 {
		t.Fatalf("%d datums, want 100", got)
	}
}

func TestSendErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	f := &fakeCW{err: boom}
	cw := cloudwatch.New("ns", f, cloudwatch.WithConcurrentRequests(0), nil)
	cw.NewCounter("c").Add(1)
	if err := cw.Send(); !errors.Is(err, boom) {
		t.Fatalf("Send = %v, want boom", err)
	}
	f.err = nil
	f.requests = nil
	if err := cw.Send(); err != nil || len(f.requests) != 0 {
		t.Fatalf("data kept after a failed send: %v %v", err, f.requests)
	}
	nilClient := cloudwatch.New("ns", nil)
	nilClient.NewCounter("c").Add(1)
	if err := nilClient.Send(); !errors.Is(err, cloudwatch.ErrNilClient) {
		t.Fatalf("nil client: %v", err)
	}
}
