package provider_test

import (
	"bytes"
	"strings"
	"testing"

	influxdb "github.com/influxdata/influxdb1-client/v2"

	"github.com/seedkit/kit/metrics/dogstatsd"
	"github.com/seedkit/kit/metrics/graphite"
	"github.com/seedkit/kit/metrics/influx"
	"github.com/seedkit/kit/metrics/provider"
	"github.com/seedkit/kit/metrics/statsd"
)

func TestProviders(t *testing.T) {
	t.Parallel()
	d := dogstatsd.New("", nil)
	g := graphite.New("", nil)
	s := statsd.New("", nil)
	in := influx.New(nil, influxdb.BatchPointsConfig{}, nil)
	tests := []struct {
		name    string
		make    func(stop func()) provider.Provider
		output  func() string
		wantOut []string
	}{
		{"discard", func(func()) provider.Provider { return provider.NewDiscardProvider() }, nil, nil},
		{"expvar", func(func()) provider.Provider { return provider.NewExpvarProvider() }, nil, nil},
		{"prometheus", func(func()) provider.Provider { return provider.NewPrometheusProvider("kittest", "provider") }, nil, nil},
		{"dogstatsd", func(stop func()) provider.Provider { return provider.NewDogstatsdProvider(d, stop) }, func() string {
			var b bytes.Buffer
			_, _ = d.WriteTo(&b)
			return b.String()
		}, []string{"ptest_c:1.000000|c", "ptest_g:2.000000|g", "ptest_h:3.000000|h"}},
		{"graphite", func(stop func()) provider.Provider { return provider.NewGraphiteProvider(g, stop) }, func() string {
			var b bytes.Buffer
			_, _ = g.WriteTo(&b)
			return b.String()
		}, []string{"ptest_c 1.000000", "ptest_g 2.000000", "ptest_h.p50 3.000000"}},
		{"statsd", func(stop func()) provider.Provider { return provider.NewStatsdProvider(s, stop) }, func() string {
			var b bytes.Buffer
			_, _ = s.WriteTo(&b)
			return b.String()
		}, []string{"ptest_c:1.000000|c", "ptest_g:2.000000|g", "ptest_h:3.000000|ms"}},
		{"influx", func(stop func()) provider.Provider { return provider.NewInfluxProvider(in, stop) }, func() string {
			var w pointsWriter
			_ = in.WriteTo(&w)
			return w.String()
		}, []string{"ptest_c count=1", "ptest_g value=2", "ptest_h p50=3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stopped := 0
			p := tt.make(func() { stopped++ })
			p.NewCounter("ptest_c").Add(1)
			p.NewGauge("ptest_g").Set(2)
			p.NewHistogram("ptest_h", 50).Observe(3)
			p.Stop()
			if tt.output != nil {
				if stopped != 1 {
					t.Errorf("stop called %d times, want 1", stopped)
				}
				out := tt.output()
				for _, w := range tt.wantOut {
					if !strings.Contains(out, w) {
						t.Errorf("output %q lacks %q", out, w)
					}
				}
				tt.make(nil).Stop() // a nil stop is allowed
			}
		})
	}
}

type pointsWriter struct{ bytes.Buffer }

func (w *pointsWriter) Write(bp influxdb.BatchPoints) error {
	for _, p := range bp.Points() {
		w.WriteString(p.String() + "\n")
	}
	return nil
}
