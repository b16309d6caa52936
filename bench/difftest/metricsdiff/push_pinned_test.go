package metricsdiff_test

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	gokitdogstatsd "github.com/go-kit/kit/metrics/dogstatsd"
	gokitgraphite "github.com/go-kit/kit/metrics/graphite"
	gokitinfluxstatsd "github.com/go-kit/kit/metrics/influxstatsd"
	gokitstatsd "github.com/go-kit/kit/metrics/statsd"
	gokitlog "github.com/go-kit/log"
	kitdogstatsd "github.com/seedkit/kit/metrics/dogstatsd"
	kitgraphite "github.com/seedkit/kit/metrics/graphite"
	kitinfluxstatsd "github.com/seedkit/kit/metrics/influxstatsd"
	kitstatsd "github.com/seedkit/kit/metrics/statsd"
)

// The differences kit documents for its push emitters, pinned: each test
// shows what Go kit does and what kit does instead.

// recWriter records every Write call separately.
type recWriter struct{ writes []string }

func (w *recWriter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

// TestPushMTU: kit batches lines into packets of at most MTU bytes where Go
// kit writes each line (documented); the concatenated bytes are the same,
// and SetMTU(0) restores Go kit's one write per line.
func TestPushMTU(t *testing.T) {
	t.Parallel()
	for _, mtu := range []int{-1 /* default */, 0, 40, 1} {
		t.Run(strconv.Itoa(mtu), func(t *testing.T) {
			t.Parallel()
			k, g := kitdogstatsd.New("m.", nil, "env", "x"), gokitdogstatsd.New("m.", gokitlog.NewNopLogger(), "env", "x")
			if mtu >= 0 {
				k.SetMTU(mtu)
			}
			for i := range 20 {
				name := "t" + strconv.Itoa(i%3)
				k.NewTiming(name, 1).With("i", strconv.Itoa(i)).Observe(float64(i))
				g.NewTiming(name, 1).With("i", strconv.Itoa(i)).Observe(float64(i))
			}
			var kw, gw recWriter
			if _, err := k.WriteTo(&kw); err != nil {
				t.Fatal(err)
			}
			if _, err := g.WriteTo(&gw); err != nil {
				t.Fatal(err)
			}
			same(t, "lines", lines(t, strings.Join(kw.writes, ""), false), lines(t, strings.Join(gw.writes, ""), false))
			if len(gw.writes) != 20 {
				t.Errorf("Go kit wrote %d times, want one write per line", len(gw.writes))
			}
			limit := kitdogstatsd.DefaultMTU
			if mtu >= 0 {
				limit = mtu
			}
			for _, p := range kw.writes {
				if mtu == 0 || mtu == 1 {
					// 0: one write per line; 1: a line longer than the
					// MTU goes alone.
					if strings.Count(p, "\n") != 1 {
						t.Errorf("MTU %d: write %q is not one line", mtu, p)
					}
					continue
				}
				if len(p) > limit {
					t.Errorf("MTU %d: write of %d bytes", limit, len(p))
				}
				if !strings.HasSuffix(p, "\n") {
					t.Errorf("write %q splits a line", p)
				}
			}
			if mtu == 0 {
				ks, gs := slices.Clone(kw.writes), slices.Clone(gw.writes)
				slices.Sort(ks)
				slices.Sort(gs)
				same(t, "SetMTU(0) writes", ks, gs)
			}
		})
	}
}

// TestStatsdGaugeAcrossWrites: Go kit's statsd gauge restarts Add from zero
// after every write; kit's keeps its value (documented in kit's statsd).
// dogstatsd and influxstatsd keep the value in both libraries.
func TestStatsdGaugeAcrossWrites(t *testing.T) {
	t.Parallel()
	k, g := kitstatsd.New("", nil), gokitstatsd.New("", gokitlog.NewNopLogger())
	kg, gg := k.NewGauge("g"), g.NewGauge("g")
	kg.Set(10)
	gg.Set(10)
	var kb, gb bytes.Buffer
	_, _ = k.WriteTo(&kb)
	_, _ = g.WriteTo(&gb)
	same(t, "first write", kb.String(), gb.String())
	kg.Add(1)
	gg.Add(1)
	kb.Reset()
	gb.Reset()
	_, _ = k.WriteTo(&kb)
	_, _ = g.WriteTo(&gb)
	same(t, "kit keeps the value", kb.String(), "g:11.000000|g\n")
	same(t, "Go kit restarts from zero", gb.String(), "g:1.000000|g\n")

	for _, b := range pushBackends[1:3] {
		k, g := b.kit("", nil), b.gokit("", nil)
		kg, gg := k.gauge("g"), g.gauge("g")
		kg().Set(10)
		gg().Set(10)
		_, _ = k.write()
		_, _ = g.write()
		kg().Add(1)
		gg().Add(1)
		ko, _ := k.write()
		gout, _ := g.write()
		same(t, b.name+" after write", ko, gout)
	}
}

// TestPushLabelOrder: kit treats a label list as a set of pairs, so
// With("a","1","b","2") and With("b","2","a","1") are one series; Go kit
// keeps two (documented in kit's dogstatsd and influxstatsd).
func TestPushLabelOrder(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		kit, gokit []string
	}{
		{
			name:  "dogstatsd",
			kit:   []string{"c:2.000000|c|#a:1,b:2"},
			gokit: []string{"c:1.000000|c|#a:1,b:2", "c:1.000000|c|#b:2,a:1"},
		},
		{
			name:  "influxstatsd",
			kit:   []string{"c,a=1,b=2:2.000000|c"},
			gokit: []string{"c,a=1,b=2:1.000000|c", "c,b=2,a=1:1.000000|c"},
		},
	}
	for i, tc := range cases {
		b := pushBackends[1+i]
		if b.name != tc.name {
			t.Fatalf("backend %s, want %s", b.name, tc.name)
		}
		k, g := b.kit("", nil), b.gokit("", nil)
		kc, gc := k.counter("c", 1), g.counter("c", 1)
		for _, l := range [][]string{{"a", "1", "b", "2"}, {"b", "2", "a", "1"}} {
			kc(l...).Add(1)
			gc(l...).Add(1)
		}
		ko, _ := k.write()
		gout, _ := g.write()
		same(t, tc.name+" kit", lines(t, ko, false), tc.kit)
		same(t, tc.name+" gokit", lines(t, gout, false), tc.gokit)
	}
}

// TestPushOddGlobalLabels: New with an odd label list panics in Go kit and
// is padded with "unknown" in kit (documented in dogstatsd, influxstatsd).
func TestPushOddGlobalLabels(t *testing.T) {
	t.Parallel()
	odd := []string{"env"}
	if !panics(func() { gokitdogstatsd.New("", gokitlog.NewNopLogger(), odd...) }) {
		t.Error("Go kit dogstatsd.New did not panic on an odd list")
	}
	if !panics(func() { gokitinfluxstatsd.New("", gokitlog.NewNopLogger(), odd...) }) {
		t.Error("Go kit influxstatsd.New did not panic on an odd list")
	}
	d := kitdogstatsd.New("", nil, odd...)
	d.NewCounter("c", 1).Add(1)
	var b bytes.Buffer
	_, _ = d.WriteTo(&b)
	same(t, "kit dogstatsd", b.String(), "c:1.000000|c|#env:unknown\n")
	in := kitinfluxstatsd.New("", nil, odd...)
	in.NewCounter("c", 1).Add(1)
	b.Reset()
	_, _ = in.WriteTo(&b)
	same(t, "kit influxstatsd", b.String(), "c,env=unknown:1.000000|c\n")
}

// TestPushSampledFormat: with a rate below 1, dogstatsd and influxstatsd
// drop observations at random in both libraries, so only the shape of the
// lines is compared: every value replaced, the set of distinct lines must
// be the same.
func TestPushSampledFormat(t *testing.T) {
	t.Parallel()
	for _, b := range pushBackends[1:3] {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			shape := func(mk func(string, []string) pushSide) []string {
				side := mk("p.", []string{"g", "1"})
				c, tm, h := side.counter("c", 0.5), side.timing("t", 0.25), side.histogram("h", 0.999)
				for range 2000 {
					c("a", "1").Add(1)
					tm().Observe(1)
					h("b", "2").Observe(1)
				}
				out, _ := side.write()
				var shapes []string
				for _, l := range lines(t, out, false) {
					name, rest, _ := strings.Cut(l, ":")
					if b.name == "influxstatsd" {
						// name,tags:value|type|@rate
						i := strings.LastIndex(l, ":")
						name, rest = l[:i], l[i+1:]
					}
					_, rest, _ = strings.Cut(rest, "|")
					shapes = append(shapes, name+":V|"+rest)
				}
				return slices.Compact(shapes)
			}
			same(t, "line shapes", shape(b.kit), shape(b.gokit))
		})
	}
}

// TestGraphite: graphite's lines carry a timestamp (kit's clock is
// injectable, Go kit's is time.Now), are sorted by name in kit (Go kit's
// order is random: documented) and histograms are written as quantile
// estimates of each library's own algorithm.
func TestGraphite(t *testing.T) {
	t.Parallel()
	start := time.Now().Unix()
	k, g := kitgraphite.New("svc.", nil), gokitgraphite.New("svc.", gokitlog.NewNopLogger())
	k.SetClock(func() time.Time { return time.Unix(1700000000, 0) })
	kh, gh := k.NewHistogram("lat", 50), g.NewHistogram("lat", 50)
	for i := range 1000 {
		v := float64((i*7919)%1000 + 1)
		kh.Observe(v)
		gh.Observe(v)
	}
	for _, n := range []string{"z", "b", "m"} {
		k.NewCounter(n).Add(1)
		g.NewCounter(n).Add(1)
		k.NewGauge("g" + n).Set(2)
		g.NewGauge("g" + n).Set(2)
	}
	var kb, gb bytes.Buffer
	_, _ = k.WriteTo(&kb)
	_, _ = g.WriteTo(&gb)
	end := time.Now().Unix()
	kl := strings.Split(strings.TrimSuffix(kb.String(), "\n"), "\n")
	gl := strings.Split(strings.TrimSuffix(gb.String(), "\n"), "\n")
	if len(kl) != len(gl) {
		t.Fatalf("line counts: kit %d, gokit %d\nkit:\n%s\ngokit:\n%s", len(kl), len(gl), kb.String(), gb.String())
	}
	// kit: counters, gauges, histograms, each sorted by name.
	wantNames := []string{"svc.b", "svc.m", "svc.z", "svc.gb", "svc.gm", "svc.gz", "svc.lat.p50", "svc.lat.p90", "svc.lat.p95", "svc.lat.p99"}
	var kitNames []string
	kv, gv := map[string]float64{}, map[string]float64{}
	for i := range kl {
		kf, gf := strings.Fields(kl[i]), strings.Fields(gl[i])
		if len(kf) != 3 || len(gf) != 3 {
			t.Fatalf("malformed: kit %q gokit %q", kl[i], gl[i])
		}
		kitNames = append(kitNames, kf[0])
		if kf[2] != "1700000000" {
			t.Errorf("kit timestamp %s, want the injected clock's", kf[2])
		}
		if ts, _ := strconv.ParseInt(gf[2], 10, 64); ts < start || ts > end {
			t.Errorf("Go kit timestamp %s outside [%d, %d]", gf[2], start, end)
		}
		kv[kf[0]], _ = strconv.ParseFloat(kf[1], 64)
		gv[gf[0]], _ = strconv.ParseFloat(gf[1], 64)
	}
	same(t, "kit order", kitNames, wantNames)
	for _, n := range wantNames {
		if strings.HasPrefix(n, "svc.lat.") {
			q, _ := strconv.ParseFloat(strings.TrimPrefix(n, "svc.lat.p"), 64)
			within(t, n+" kit vs truth", kv[n], 10*q, 30)
			within(t, n+" kit vs gokit", kv[n], gv[n], 30)
			continue
		}
		same(t, n, kv[n], gv[n])
	}

	// A second write: counters are reset, gauges and histograms kept, in both.
	kb.Reset()
	gb.Reset()
	_, _ = k.WriteTo(&kb)
	_, _ = g.WriteTo(&gb)
	same(t, "second write counters and gauges", graphiteValues(t, kb.String(), "svc.lat"), graphiteValues(t, gb.String(), "svc.lat"))

	// Creating a metric twice: Go kit replaces the first (what it counted is
	// never written); kit returns the first (documented).
	k2, g2 := kitgraphite.New("", nil), gokitgraphite.New("", gokitlog.NewNopLogger())
	k2.NewCounter("dup").Add(5)
	g2.NewCounter("dup").Add(5)
	k2.NewCounter("dup").Add(1)
	g2.NewCounter("dup").Add(1)
	same(t, "kit duplicate", graphiteValues(t, writeGraphite(k2), ""), []string{"dup 6.000000"})
	same(t, "Go kit duplicate", graphiteValues(t, writeGraphite(g2), ""), []string{"dup 1.000000"})
}

func writeGraphite(w io.WriterTo) string {
	var b bytes.Buffer
	_, _ = w.WriteTo(&b)
	return b.String()
}

// graphiteValues returns the sorted "name value" of out, leaving out names
// with the prefix skip (when not empty).
func graphiteValues(t *testing.T, out, skip string) []string {
	t.Helper()
	var vs []string
	for _, l := range lines(t, out, true) {
		if skip != "" && strings.HasPrefix(l, skip) {
			continue
		}
		vs = append(vs, l)
	}
	return vs
}

// TestGaugeWithStartsFrom: DogStatsD and InfluxStatsD gauges copy the
// parent's current value into a label set's gauge the first time With makes
// it, so Add on a new labelled gauge moves from the parent's value.
func TestGaugeWithStartsFrom(t *testing.T) {
	t.Parallel()
	// A labelled gauge made for the first time starts from its parent's
	// value, in kit as in Go kit.
	for _, b := range pushBackends[1:3] {
		k, g := b.kit("", nil), b.gokit("", nil)
		kg, gg := k.gauge("g"), g.gauge("g")
		kg().Set(5)
		gg().Set(5)
		kg("a", "1").Add(1)
		gg("a", "1").Add(1)
		ko, _ := k.write()
		gout, _ := g.write()
		same(t, b.name, lines(t, ko, false), lines(t, gout, false))
	}
}
