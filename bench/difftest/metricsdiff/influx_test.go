package metricsdiff_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	gokitinflux "github.com/go-kit/kit/metrics/influx"
	gokitlog "github.com/go-kit/log"
	influxdb "github.com/influxdata/influxdb1-client/v2"
	kitinflux "github.com/seedkit/kit/metrics/influx"
)

// bpRecorder is a BatchPointsWriter for both libraries: it keeps what it
// is given.
type bpRecorder struct{ batches []influxdb.BatchPoints }

func (r *bpRecorder) Write(bp influxdb.BatchPoints) error {
	r.batches = append(r.batches, bp)
	return nil
}

// influxPoint is a point without its timestamp; histogram quantiles are
// kept apart, as the two libraries estimate them differently.
type influxPoint struct {
	name      string
	tags      string
	fields    string
	quantiles map[string]float64
}

func influxPoints(t *testing.T, bp influxdb.BatchPoints, from, to time.Time) []influxPoint {
	t.Helper()
	var ps []influxPoint
	for _, p := range bp.Points() {
		if p.Time().Before(from) || p.Time().After(to) {
			t.Errorf("point %s at %v, outside [%v, %v]", p.Name(), p.Time(), from, to)
		}
		fields, err := p.Fields()
		if err != nil {
			t.Fatal(err)
		}
		ip := influxPoint{name: p.Name(), tags: fmt.Sprint(p.Tags())}
		var fs []string
		for k, v := range fields {
			if strings.HasPrefix(k, "p") && len(k) == 3 {
				if ip.quantiles == nil {
					ip.quantiles = map[string]float64{}
				}
				ip.quantiles[k] = v.(float64)
				continue
			}
			fs = append(fs, fmt.Sprintf("%s=%v", k, v))
		}
		sort.Strings(fs)
		ip.fields = strings.Join(fs, ",")
		ps = append(ps, ip)
	}
	slices.SortFunc(ps, func(a, b influxPoint) int {
		return strings.Compare(a.name+" "+a.tags+" "+a.fields, b.name+" "+b.tags+" "+b.fields)
	})
	return ps
}

func TestInflux(t *testing.T) {
	t.Parallel()
	conf := influxdb.BatchPointsConfig{Database: "db", Precision: "s", RetentionPolicy: "rp"}
	tags := map[string]string{"service": "api", "a": "global"}
	clock := time.Unix(1700000000, 0)
	k := kitinflux.New(tags, conf, nil)
	k.SetClock(func() time.Time { return clock })
	g := gokitinflux.New(tags, conf, gokitlog.NewNopLogger())

	type step func(k *kitinflux.Influx, g *gokitinflux.Influx)
	both := []step{
		func(k *kitinflux.Influx, g *gokitinflux.Influx) {
			kc, gc := k.NewCounter("requests"), g.NewCounter("requests")
			kc.Add(1)
			gc.Add(1)
			for _, l := range labelLists {
				kc.With(l...).Add(2)
				gc.With(l...).Add(2)
			}
			kc.With("code", "200").With("method", "GET").Add(0.5)
			gc.With("code", "200").With("method", "GET").Add(0.5)
		},
		func(k *kitinflux.Influx, g *gokitinflux.Influx) {
			kg, gg := k.NewGauge("temp"), g.NewGauge("temp")
			kg.Set(3)
			gg.Set(3)
			kg.Add(2)
			gg.Add(2)
			kg.With("room", "a").Add(1) // a new series: from 0 in both
			gg.With("room", "a").Add(1)
			kg.With("room", "b").Set(-1)
			gg.With("room", "b").Set(-1)
			kg.With("room", "b").Set(7)
			gg.With("room", "b").Set(7)
			kg.With("a", "label").Set(1) // overrides the global tag a in both
			gg.With("a", "label").Set(1)
		},
		func(k *kitinflux.Influx, g *gokitinflux.Influx) {
			kh, gh := k.NewHistogram("latency"), g.NewHistogram("latency")
			for i := range 1000 {
				v := float64((i*7919)%1000 + 1)
				kh.With("op", "read").Observe(v)
				gh.With("op", "read").Observe(v)
			}
			kh.Observe(42)
			gh.Observe(42)
		},
	}
	for _, s := range both {
		s(k, g)
	}
	var kr, gr bpRecorder
	from := time.Now()
	if err := k.WriteTo(&kr); err != nil {
		t.Fatal(err)
	}
	if err := g.WriteTo(&gr); err != nil {
		t.Fatal(err)
	}
	to := time.Now()
	if len(kr.batches) != 1 || len(gr.batches) != 1 {
		t.Fatalf("batches: kit %d, gokit %d", len(kr.batches), len(gr.batches))
	}
	kb, gb := kr.batches[0], gr.batches[0]
	same(t, "config", []string{kb.Database(), kb.Precision(), kb.RetentionPolicy(), kb.WriteConsistency()},
		[]string{gb.Database(), gb.Precision(), gb.RetentionPolicy(), gb.WriteConsistency()})
	kp := influxPoints(t, kb, clock, clock)
	gp := influxPoints(t, gb, from, to)
	if len(kp) != len(gp) {
		t.Fatalf("points: kit %d, gokit %d\n  kit:   %+v\n  gokit: %+v", len(kp), len(gp), kp, gp)
	}
	for i := range kp {
		same(t, "point", []string{kp[i].name, kp[i].tags, kp[i].fields}, []string{gp[i].name, gp[i].tags, gp[i].fields})
		same(t, "quantile fields", len(kp[i].quantiles), len(gp[i].quantiles))
		for q, gv := range gp[i].quantiles {
			kv := kp[i].quantiles[q]
			if gv == 42 {
				same(t, kp[i].tags+" "+q, kv, gv)
				continue
			}
			within(t, kp[i].name+" "+kp[i].tags+" "+q, kv, gv, 30)
		}
	}

	// A second write: nothing was observed, so both write an empty batch.
	kr, gr = bpRecorder{}, bpRecorder{}
	_ = k.WriteTo(&kr)
	_ = g.WriteTo(&gr)
	same(t, "empty batch", len(kr.batches[0].Points()), len(gr.batches[0].Points()))

	// Gauges across writes: Go kit restarts Add from zero, kit keeps the
	// value (documented in kit's influx package).
	kg, gg := k.NewGauge("temp"), g.NewGauge("temp")
	kg.Add(1)
	gg.Add(1)
	kr, gr = bpRecorder{}, bpRecorder{}
	_ = k.WriteTo(&kr)
	_ = g.WriteTo(&gr)
	kf, _ := kr.batches[0].Points()[0].Fields()
	gf, _ := gr.batches[0].Points()[0].Fields()
	same(t, "kit gauge after write", kf["value"], 6.0)
	same(t, "Go kit gauge after write", gf["value"], 1.0)

	// Label permutations: one series in kit, two in Go kit (documented).
	kc, gc := k.NewCounter("perm"), g.NewCounter("perm")
	for _, l := range [][]string{{"x", "1", "y", "2"}, {"y", "2", "x", "1"}} {
		kc.With(l...).Add(1)
		gc.With(l...).Add(1)
	}
	kr, gr = bpRecorder{}, bpRecorder{}
	_ = k.WriteTo(&kr)
	_ = g.WriteTo(&gr)
	same(t, "kit permutation points", len(kr.batches[0].Points()), 1)
	same(t, "Go kit permutation points", len(gr.batches[0].Points()), 2)
}
