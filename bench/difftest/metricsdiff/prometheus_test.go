package metricsdiff_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	gokitprometheus "github.com/go-kit/kit/metrics/prometheus"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
	kitprometheus "github.com/seedkit/kit/metrics/prometheus"
)

// promMetrics is one library's four metric kinds, as With functions.
type promMetrics struct {
	counter   func(...string) adder
	gauge     func(...string) gauger
	histogram func(...string) observer
	summary   func(...string) observer
}

var (
	promLabels  = []string{"code", "method"}
	promCounter = prometheus.CounterOpts{Namespace: "ns", Subsystem: "sub", Name: "requests_total", Help: "Requests.", ConstLabels: prometheus.Labels{"svc": "x"}}
	promGauge   = prometheus.GaugeOpts{Name: "inflight", Help: "In flight."}
	promHist    = prometheus.HistogramOpts{Name: "latency_seconds", Help: "Latency.", Buckets: []float64{0.1, 1, 10}}
	promSummary = prometheus.SummaryOpts{Name: "size_bytes", Help: "Sizes.", Objectives: map[float64]float64{0.5: 0.05, 0.99: 0.001}}
)

// promLabelCalls are the With chains run on every metric: each fits the
// vector's label names (the values are by name, in any order).
var promLabelCalls = [][][]string{
	{{"code", "200", "method", "GET"}},
	{{"method", "GET", "code", "200"}},
	{{"code", "500"}, {"method", "POST"}},
	{{"method", "PUT"}, {"code", ""}},
	{{"code", "1", "code", "2", "method", "x"}}, // a repeated name: the last value wins in both
	{{"code", "é\"\\\n", "method", "{}"}},
}

// promObserve runs the same observations through m.
func promObserve(m promMetrics) {
	for i, calls := range promLabelCalls {
		v := float64(i + 1)
		var all []string
		for _, l := range calls {
			all = append(all, l...)
		}
		m.counter(all...).Add(v)
		m.counter(all...).Add(0.5)
		g := m.gauge(all...)
		g.Set(v)
		g.Add(-0.25)
		for j := range 20 {
			m.histogram(all...).Observe(v * float64(j) / 10)
			m.summary(all...).Observe(v * float64(j))
		}
	}
}

func gatherText(t *testing.T, g prometheus.Gatherer, prefix string) string {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, mf := range mfs {
		if prefix != "" {
			if !strings.HasPrefix(mf.GetName(), prefix) {
				continue
			}
			mf.Name = new(strings.TrimPrefix(mf.GetName(), prefix))
		}
		if _, err := expfmt.MetricFamilyToText(&b, mf); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func kitProm(reg prometheus.Registerer) promMetrics {
	cv := prometheus.NewCounterVec(promCounter, promLabels)
	gv := prometheus.NewGaugeVec(promGauge, promLabels)
	hv := prometheus.NewHistogramVec(promHist, promLabels)
	sv := prometheus.NewSummaryVec(promSummary, promLabels)
	reg.MustRegister(cv, gv, hv, sv)
	c, g, h, s := kitprometheus.NewCounter(cv), kitprometheus.NewGauge(gv), kitprometheus.NewHistogram(hv), kitprometheus.NewSummary(sv)
	return promMetrics{
		counter:   func(l ...string) adder { return c.With(l...) },
		gauge:     func(l ...string) gauger { return g.With(l...) },
		histogram: func(l ...string) observer { return h.With(l...) },
		summary:   func(l ...string) observer { return s.With(l...) },
	}
}

func gokitProm(reg prometheus.Registerer) promMetrics {
	cv := prometheus.NewCounterVec(promCounter, promLabels)
	gv := prometheus.NewGaugeVec(promGauge, promLabels)
	hv := prometheus.NewHistogramVec(promHist, promLabels)
	sv := prometheus.NewSummaryVec(promSummary, promLabels)
	reg.MustRegister(cv, gv, hv, sv)
	c, g, h, s := gokitprometheus.NewCounter(cv), gokitprometheus.NewGauge(gv), gokitprometheus.NewHistogram(hv), gokitprometheus.NewSummary(sv)
	return promMetrics{
		counter:   func(l ...string) adder { return c.With(l...) },
		gauge:     func(l ...string) gauger { return g.With(l...) },
		histogram: func(l ...string) observer { return h.With(l...) },
		summary:   func(l ...string) observer { return s.With(l...) },
	}
}

func kitPromIn(t *testing.T, reg prometheus.Registerer) promMetrics {
	c, err1 := kitprometheus.NewCounterIn(reg, promCounter, promLabels)
	g, err2 := kitprometheus.NewGaugeIn(reg, promGauge, promLabels)
	h, err3 := kitprometheus.NewHistogramIn(reg, promHist, promLabels)
	s, err4 := kitprometheus.NewSummaryIn(reg, promSummary, promLabels)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	return promMetrics{
		counter:   func(l ...string) adder { return c.With(l...) },
		gauge:     func(l ...string) gauger { return g.With(l...) },
		histogram: func(l ...string) observer { return h.With(l...) },
		summary:   func(l ...string) observer { return s.With(l...) },
	}
}

func TestPrometheus(t *testing.T) {
	t.Parallel()
	gr := prometheus.NewRegistry()
	promObserve(gokitProm(gr))
	want := gatherText(t, gr, "")
	if !strings.Contains(want, `ns_sub_requests_total{code="200",method="GET",svc="x"} 4`) {
		t.Fatalf("unexpected Go kit exposition:\n%s", want)
	}
	for _, tc := range []struct {
		name string
		mk   func(t *testing.T, reg prometheus.Registerer) promMetrics
	}{
		{"New", func(_ *testing.T, reg prometheus.Registerer) promMetrics { return kitProm(reg) }},
		{"NewIn", kitPromIn},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kr := prometheus.NewRegistry()
			promObserve(tc.mk(t, kr))
			same(t, "exposition", gatherText(t, kr, ""), want)
		})
	}
}

// TestPrometheusFrom: New*From register with the default registry, which
// both libraries share in this process, so each side uses its own names.
func TestPrometheusFrom(t *testing.T) {
	t.Parallel()
	mk := func(prefix string, from func(c prometheus.CounterOpts, g prometheus.GaugeOpts, h prometheus.HistogramOpts, s prometheus.SummaryOpts) promMetrics) {
		c, g, h, s := promCounter, promGauge, promHist, promSummary
		c.Namespace, c.Subsystem, c.Name = "", "", prefix+"ns_sub_requests_total"
		g.Name, h.Name, s.Name = prefix+g.Name, prefix+h.Name, prefix+s.Name
		promObserve(from(c, g, h, s))
	}
	mk("kitdiff_", func(c prometheus.CounterOpts, g prometheus.GaugeOpts, h prometheus.HistogramOpts, s prometheus.SummaryOpts) promMetrics {
		kc, kg := kitprometheus.NewCounterFrom(c, promLabels), kitprometheus.NewGaugeFrom(g, promLabels)
		kh, ks := kitprometheus.NewHistogramFrom(h, promLabels), kitprometheus.NewSummaryFrom(s, promLabels)
		return promMetrics{
			counter:   func(l ...string) adder { return kc.With(l...) },
			gauge:     func(l ...string) gauger { return kg.With(l...) },
			histogram: func(l ...string) observer { return kh.With(l...) },
			summary:   func(l ...string) observer { return ks.With(l...) },
		}
	})
	mk("gokitdiff_", func(c prometheus.CounterOpts, g prometheus.GaugeOpts, h prometheus.HistogramOpts, s prometheus.SummaryOpts) promMetrics {
		gc, gg := gokitprometheus.NewCounterFrom(c, promLabels), gokitprometheus.NewGaugeFrom(g, promLabels)
		gh, gs := gokitprometheus.NewHistogramFrom(h, promLabels), gokitprometheus.NewSummaryFrom(s, promLabels)
		return promMetrics{
			counter:   func(l ...string) adder { return gc.With(l...) },
			gauge:     func(l ...string) gauger { return gg.With(l...) },
			histogram: func(l ...string) observer { return gh.With(l...) },
			summary:   func(l ...string) observer { return gs.With(l...) },
		}
	})
	k := gatherText(t, prometheus.DefaultGatherer, "kitdiff_")
	g := gatherText(t, prometheus.DefaultGatherer, "gokitdiff_")
	if g == "" {
		t.Fatal("nothing gathered")
	}
	same(t, "default registry exposition", k, g)

	// Creating a metric twice: Go kit panics (duplicate registration), kit
	// reuses the registered vector (documented).
	c := promCounter
	c.Namespace, c.Subsystem, c.Name = "", "", "kitdiff_ns_sub_requests_total"
	kitprometheus.NewCounterFrom(c, promLabels).With("code", "200", "method", "GET").Add(1)
	c.Name = "gokitdiff_ns_sub_requests_total"
	if !panics(func() { gokitprometheus.NewCounterFrom(c, promLabels) }) {
		t.Error("Go kit NewCounterFrom did not panic on a duplicate")
	}
	if k2 := gatherText(t, prometheus.DefaultGatherer, "kitdiff_"); !strings.Contains(k2, `ns_sub_requests_total{code="200",method="GET",svc="x"} 5`) {
		t.Errorf("kit's second NewCounterFrom did not share the first's vector:\n%s", k2)
	}
}

func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

// TestPrometheusLabelMismatch: label values that do not fit the vector's
// names make Go kit panic at the observation; kit drops the observation
// and reports why through Err (documented).
func TestPrometheusLabelMismatch(t *testing.T) {
	t.Parallel()
	for _, lvs := range [][]string{
		{"code", "200"}, // missing name
		{"code", "200", "method", "GET", "extra", "x"}, // extra name
		{"code", "200", "methd", "GET"},                // misspelt
		{"code", "200", "method"},                      // odd: method=unknown fits
		{},
	} {
		kr, gr := prometheus.NewRegistry(), prometheus.NewRegistry()
		km, gm := kitProm(kr), gokitProm(gr)
		gp := panics(func() { gm.counter(lvs...).Add(1) })
		kp := panics(func() { km.counter(lvs...).Add(1) })
		if kp {
			t.Errorf("With(%q): kit panicked", lvs)
		}
		if !gp {
			same(t, "exposition when Go kit accepts", gatherText(t, kr, ""), gatherText(t, gr, ""))
			continue
		}
		kc := km.counter(lvs...).(interface{ Err() error })
		if kc.Err() == nil || !errors.Is(kc.Err(), kitprometheus.ErrLabels) {
			t.Errorf("With(%q): kit Err = %v, want ErrLabels", lvs, kc.Err())
		}
		if out := gatherText(t, kr, ""); strings.Contains(out, "requests_total{") {
			t.Errorf("With(%q): kit recorded a series:\n%s", lvs, out)
		}
	}
}
