package metricsdiff_test

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	gokitdogstatsd "github.com/go-kit/kit/metrics/dogstatsd"
	gokitgraphite "github.com/go-kit/kit/metrics/graphite"
	gokitinfluxstatsd "github.com/go-kit/kit/metrics/influxstatsd"
	gokitstatsd "github.com/go-kit/kit/metrics/statsd"
	gokitlog "github.com/go-kit/log"
	kitlog "github.com/seedkit/kit/log"
	kitdogstatsd "github.com/seedkit/kit/metrics/dogstatsd"
	kitgraphite "github.com/seedkit/kit/metrics/graphite"
	kitinfluxstatsd "github.com/seedkit/kit/metrics/influxstatsd"
	kitstatsd "github.com/seedkit/kit/metrics/statsd"
)

// The push emitters (statsd, dogstatsd, influxstatsd, graphite) are driven
// through one small interface per side, so that one script of observations
// runs through kit and through Go kit.

type adder interface{ Add(float64) }

type gauger interface {
	Set(float64)
	Add(float64)
}

type observer interface{ Observe(float64) }

// pushSide is one library's emitter: constructors returning a With function
// of the metric, and WriteTo into a fresh buffer. A nil constructor marks a
// kind the emitter does not have.
type pushSide struct {
	counter   func(name string, rate float64) func(lvs ...string) adder
	gauge     func(name string) func(lvs ...string) gauger
	timing    func(name string, rate float64) func(lvs ...string) observer
	histogram func(name string, rate float64) func(lvs ...string) observer
	write     func() (string, error)
}

// pushBackend pairs kit's and Go kit's emitters of one protocol.
type pushBackend struct {
	name string
	// labels: With carries label values into the lines.
	labels bool
	// localSampling: a rate below 1 drops observations at random in both
	// libraries, so such rates cannot be compared line for line.
	localSampling bool
	// gaugeRestarts: Go kit restarts a gauge's Add from zero after every
	// write; kit keeps the value (documented in kit's statsd package).
	gaugeRestarts bool
	// timestamped: the lines end in a timestamp (graphite), dropped before
	// comparing.
	timestamped bool
	kit, gokit  func(prefix string, global []string) pushSide
}

func bufWrite(f func(*bytes.Buffer) (int64, error)) func() (string, error) {
	return func() (string, error) {
		var b bytes.Buffer
		n, err := f(&b)
		if err == nil && n != int64(b.Len()) {
			return b.String(), fmt.Errorf("WriteTo returned %d, wrote %d bytes", n, b.Len())
		}
		return b.String(), err
	}
}

var pushBackends = []pushBackend{
	{
		name:          "statsd",
		gaugeRestarts: true,
		kit: func(prefix string, _ []string) pushSide {
			s := kitstatsd.New(prefix, kitlog.NewNopLogger())
			return pushSide{
				counter: func(n string, r float64) func(...string) adder {
					c := s.NewCounter(n, r)
					return func(l ...string) adder { return c.With(l...) }
				},
				gauge: func(n string) func(...string) gauger {
					g := s.NewGauge(n)
					return func(l ...string) gauger { return g.With(l...) }
				},
				timing: func(n string, r float64) func(...string) observer {
					h := s.NewTiming(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				write: bufWrite(func(b *bytes.Buffer) (int64, error) { return s.WriteTo(b) }),
			}
		},
		gokit: func(prefix string, _ []string) pushSide {
			s := gokitstatsd.New(prefix, gokitlog.NewNopLogger())
			return pushSide{
				counter: func(n string, r float64) func(...string) adder {
					c := s.NewCounter(n, r)
					return func(l ...string) adder { return c.With(l...) }
				},
				gauge: func(n string) func(...string) gauger {
					g := s.NewGauge(n)
					return func(l ...string) gauger { return g.With(l...) }
				},
				timing: func(n string, r float64) func(...string) observer {
					h := s.NewTiming(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				write: bufWrite(func(b *bytes.Buffer) (int64, error) { return s.WriteTo(b) }),
			}
		},
	},
	{
		name:          "dogstatsd",
		labels:        true,
		localSampling: true,
		kit: func(prefix string, global []string) pushSide {
			d := kitdogstatsd.New(prefix, kitlog.NewNopLogger(), global...)
			return pushSide{
				counter: func(n string, r float64) func(...string) adder {
					c := d.NewCounter(n, r)
					return func(l ...string) adder { return c.With(l...) }
				},
				gauge: func(n string) func(...string) gauger {
					g := d.NewGauge(n)
					return func(l ...string) gauger { return g.With(l...) }
				},
				timing: func(n string, r float64) func(...string) observer {
					h := d.NewTiming(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				histogram: func(n string, r float64) func(...string) observer {
					h := d.NewHistogram(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				write: bufWrite(func(b *bytes.Buffer) (int64, error) { return d.WriteTo(b) }),
			}
		},
		gokit: func(prefix string, global []string) pushSide {
			d := gokitdogstatsd.New(prefix, gokitlog.NewNopLogger(), global...)
			return pushSide{
				counter: func(n string, r float64) func(...string) adder {
					c := d.NewCounter(n, r)
					return func(l ...string) adder { return c.With(l...) }
				},
				gauge: func(n string) func(...string) gauger {
					g := d.NewGauge(n)
					return func(l ...string) gauger { return g.With(l...) }
				},
				timing: func(n string, r float64) func(...string) observer {
					h := d.NewTiming(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				histogram: func(n string, r float64) func(...string) observer {
					h := d.NewHistogram(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				write: bufWrite(func(b *bytes.Buffer) (int64, error) { return d.WriteTo(b) }),
			}
		},
	},
	{
		name:          "influxstatsd",
		labels:        true,
		localSampling: true,
		kit: func(prefix string, global []string) pushSide {
			d := kitinfluxstatsd.New(prefix, kitlog.NewNopLogger(), global...)
			return pushSide{
				counter: func(n string, r float64) func(...string) adder {
					c := d.NewCounter(n, r)
					return func(l ...string) adder { return c.With(l...) }
				},
				gauge: func(n string) func(...string) gauger {
					g := d.NewGauge(n)
					return func(l ...string) gauger { return g.With(l...) }
				},
				timing: func(n string, r float64) func(...string) observer {
					h := d.NewTiming(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				histogram: func(n string, r float64) func(...string) observer {
					h := d.NewHistogram(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				write: bufWrite(func(b *bytes.Buffer) (int64, error) { return d.WriteTo(b) }),
			}
		},
		gokit: func(prefix string, global []string) pushSide {
			d := gokitinfluxstatsd.New(prefix, gokitlog.NewNopLogger(), global...)
			return pushSide{
				counter: func(n string, r float64) func(...string) adder {
					c := d.NewCounter(n, r)
					return func(l ...string) adder { return c.With(l...) }
				},
				gauge: func(n string) func(...string) gauger {
					g := d.NewGauge(n)
					return func(l ...string) gauger { return g.With(l...) }
				},
				timing: func(n string, r float64) func(...string) observer {
					h := d.NewTiming(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				histogram: func(n string, r float64) func(...string) observer {
					h := d.NewHistogram(n, r)
					return func(l ...string) observer { return h.With(l...) }
				},
				write: bufWrite(func(b *bytes.Buffer) (int64, error) { return d.WriteTo(b) }),
			}
		},
	},
	{
		// Histograms are left out: graphite writes quantile estimates, and
		// kit's histogram algorithm is its own (compared within a tolerance
		// in TestGraphiteHistogram).
		name:        "graphite",
		timestamped: true,
		kit: func(prefix string, _ []string) pushSide {
			g := kitgraphite.New(prefix, kitlog.NewNopLogger())
			return pushSide{
				counter: func(n string, _ float64) func(...string) adder {
					c := g.NewCounter(n)
					return func(l ...string) adder { return c.With(l...) }
				},
				gauge: func(n string) func(...string) gauger {
					ga := g.NewGauge(n)
					return func(l ...string) gauger { return ga.With(l...) }
				},
				write: bufWrite(func(b *bytes.Buffer) (int64, error) { return g.WriteTo(b) }),
			}
		},
		gokit: func(prefix string, _ []string) pushSide {
			g := gokitgraphite.New(prefix, gokitlog.NewNopLogger())
			return pushSide{
				counter: func(n string, _ float64) func(...string) adder {
					c := g.NewCounter(n)
					return func(l ...string) adder { return c.With(l...) }
				},
				gauge: func(n string) func(...string) gauger {
					ga := g.NewGauge(n)
					return func(l ...string) gauger { return ga.With(l...) }
				},
				write: bufWrite(func(b *bytes.Buffer) (int64, error) { return g.WriteTo(b) }),
			}
		},
	},
}

// pushLabels are the label lists the scripts give to With. None is a
// permutation of another's pairs: kit treats a label list as a set of pairs
// and Go kit as a sequence (documented; pinned in TestPushLabelOrder).
// Odd lists are padded with "unknown" by both.
var pushLabels = [][]string{
	nil,
	{"a", "1"},
	{"a", "2"},
	{"a"},
	{"a", "1", "b"},
	{"a", "1", "b", "2"},
	{"", ""},
	{"a", "1", "a", "2"},
	{"k", "v w", "x", "=:|#,"},
}

type opKind uint8

const (
	opCounter opKind = iota
	opGaugeSet
	opGaugeAdd
	opTiming
	opHistogram
	opWrite
	opKinds
)

// pushOp is one step of a script: an observation on metric number metric of
// its kind, with With(pushLabels[labels]...) when labels >= 0, or a write.
type pushOp struct {
	kind   opKind
	metric int
	labels int
	v      float64
}

// pushScript is a sequence of observations and the rates of the sampled
// metrics (counter i, timing i and histogram i have rates[i]).
type pushScript struct {
	prefix string
	global []string
	rates  [2]float64
	ops    []pushOp
}

// instance is one side's metrics of a script.
type instance struct {
	side       pushSide
	counters   []func(...string) adder
	gauges     []func(...string) gauger
	timings    []func(...string) observer
	histograms []func(...string) observer
}

func newInstance(b pushBackend, mk func(string, []string) pushSide, s pushScript) *instance {
	side := mk(s.prefix, s.global)
	in := &instance{side: side}
	for i := range 2 {
		in.counters = append(in.counters, side.counter(fmt.Sprintf("c%d", i), s.rates[i]))
		in.gauges = append(in.gauges, side.gauge(fmt.Sprintf("g%d", i)))
		if side.timing != nil {
			in.timings = append(in.timings, side.timing(fmt.Sprintf("t%d", i), s.rates[i]))
		}
		if side.histogram != nil {
			in.histograms = append(in.histograms, side.histogram(fmt.Sprintf("h%d", i), s.rates[i]))
		}
	}
	return in
}

func (in *instance) labels(op pushOp) []string {
	if op.labels < 0 {
		return nil
	}
	return pushLabels[op.labels]
}

// apply runs op; it reports false for a kind the side does not have.
func (in *instance) apply(op pushOp) bool {
	l := in.labels(op)
	with := op.labels >= 0
	switch op.kind {
	case opCounter:
		c := in.counters[op.metric]
		if with {
			c(l...).Add(op.v)
		} else {
			c().Add(op.v)
		}
	case opGaugeSet, opGaugeAdd:
		g := in.gauges[op.metric]()
		if with {
			g = in.gauges[op.metric](l...)
		}
		if op.kind == opGaugeSet {
			g.Set(op.v)
		} else {
			g.Add(op.v)
		}
	case opTiming, opHistogram:
		hs := in.timings
		if op.kind == opHistogram {
			hs = in.histograms
		}
		if hs == nil {
			return false
		}
		hs[op.metric](l...).Observe(op.v)
	}
	return true
}

// lines splits a write into its lines, sorted, with graphite's timestamp
// dropped when stamp is set.
func lines(t testing.TB, out string, stamp bool) []string {
	t.Helper()
	if out == "" {
		return nil
	}
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("output does not end in a newline: %q", out)
	}
	ls := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if stamp {
		for i, l := range ls {
			if j := strings.LastIndexByte(l, ' '); j >= 0 {
				ls[i] = l[:j]
			}
		}
	}
	slices.Sort(ls)
	return ls
}

// runPush runs s through both sides of b and compares every write.
func runPush(t testing.TB, b pushBackend, s pushScript) {
	t.Helper()
	k, g := newInstance(b, b.kit, s), newInstance(b, b.gokit, s)
	compare := func(step int) {
		t.Helper()
		ko, kerr := k.side.write()
		gout, gerr := g.side.write()
		if kerr != nil || gerr != nil {
			t.Fatalf("%s step %d: WriteTo errors: kit %v, gokit %v", b.name, step, kerr, gerr)
		}
		kl, gl := lines(t, ko, b.timestamped), lines(t, gout, b.timestamped)
		if !slices.Equal(kl, gl) {
			t.Fatalf("%s step %d (script %+v): lines differ\n  kit:   %q\n  gokit: %q", b.name, step, s, kl, gl)
		}
	}
	for i, op := range s.ops {
		if op.kind == opWrite {
			compare(i)
			continue
		}
		k.apply(op)
		g.apply(op)
	}
	compare(len(s.ops))
}

func TestPushScripts(t *testing.T) {
	t.Parallel()
	obs := func(kind opKind, metric, labels int, v float64) pushOp {
		return pushOp{kind: kind, metric: metric, labels: labels, v: v}
	}
	w := pushOp{kind: opWrite}
	scripts := []struct {
		name string
		s    pushScript
		// sampledOK: the script may run on an emitter that samples
		// locally (its sampled metrics have rates >= 1, NaN or <= 0).
		sampledOK bool
	}{
		{name: "empty", s: pushScript{rates: [2]float64{1, 1}}, sampledOK: true},
		{
			name: "counters", sampledOK: true,
			s: pushScript{prefix: "svc.", rates: [2]float64{1, 2}, ops: []pushOp{
				obs(opCounter, 0, -1, 1), obs(opCounter, 0, -1, 2.5), obs(opCounter, 1, -1, 0),
				obs(opCounter, 0, 1, 3), obs(opCounter, 0, 1, 4), obs(opCounter, 0, 2, 1),
				obs(opCounter, 1, 3, -2), obs(opCounter, 1, 4, 1e10), obs(opCounter, 1, 5, 1e-7),
				w, obs(opCounter, 0, -1, 7), w, w,
			}},
		},
		{
			name: "labels", sampledOK: true,
			s: pushScript{global: []string{"env", "prod"}, rates: [2]float64{1, 1}, ops: []pushOp{
				obs(opCounter, 0, 0, 1), obs(opCounter, 0, 6, 1), obs(opCounter, 0, 7, 1), obs(opCounter, 0, 8, 1),
				obs(opTiming, 0, 8, 1.25), obs(opHistogram, 1, 7, 3), obs(opHistogram, 1, 7, 3),
				obs(opGaugeSet, 1, 8, 4), obs(opGaugeSet, 1, 3, 5), obs(opGaugeAdd, 1, 3, 1),
			}},
		},
		{
			name: "gauges", sampledOK: true,
			s: pushScript{rates: [2]float64{1, 1}, ops: []pushOp{
				obs(opGaugeSet, 0, -1, 3), obs(opGaugeAdd, 0, -1, 2), obs(opGaugeAdd, 0, -1, -10),
				obs(opGaugeSet, 1, 1, 0.5), obs(opGaugeSet, 1, 2, -1), obs(opGaugeSet, 1, 1, 0.25),
				w, obs(opGaugeSet, 0, -1, 1), obs(opGaugeAdd, 0, -1, 1), obs(opGaugeAdd, 1, 1, 7), w,
				w, // untouched gauges: kit and Go kit (dogstatsd, influxstatsd, statsd) write nothing; graphite repeats
			}},
		},
		{
			name: "timings and histograms", sampledOK: true,
			s: pushScript{prefix: "p_", rates: [2]float64{1, math.NaN()}, ops: []pushOp{
				obs(opTiming, 0, -1, 12), obs(opTiming, 0, -1, 12), obs(opTiming, 0, -1, 0.001),
				obs(opTiming, 1, 1, 3), obs(opHistogram, 0, 2, 5), obs(opHistogram, 1, -1, -4),
				w, obs(opTiming, 0, -1, 1), w,
			}},
		},
		{
			name: "rate suffixes", // statsd and graphite do not sample locally
			s: pushScript{rates: [2]float64{0.5, 0.1}, ops: []pushOp{
				obs(opCounter, 0, -1, 1), obs(opCounter, 1, -1, 1), obs(opTiming, 0, -1, 2), obs(opTiming, 1, -1, 3),
			}},
		},
		{
			name: "rate zero and below drop everything", sampledOK: true,
			s: pushScript{rates: [2]float64{0, -1}, ops: []pushOp{
				obs(opCounter, 0, -1, 1), obs(opCounter, 1, 1, 1), obs(opTiming, 0, -1, 2), obs(opHistogram, 1, 1, 3),
			}},
		},
		{
			name: "special values", sampledOK: true,
			s: pushScript{rates: [2]float64{1, 1}, ops: []pushOp{
				obs(opCounter, 0, -1, math.Inf(1)), obs(opCounter, 1, -1, math.Copysign(0, -1)),
				obs(opGaugeSet, 0, -1, math.NaN()), obs(opGaugeSet, 1, 1, math.Inf(-1)),
				obs(opTiming, 0, -1, 1e300), obs(opTiming, 1, -1, 5e-324), obs(opHistogram, 0, -1, -0.0000005),
			}},
		},
	}
	for _, b := range pushBackends {
		for _, sc := range scripts {
			if b.localSampling && !sc.sampledOK {
				continue
			}
			t.Run(b.name+"/"+sc.name, func(t *testing.T) {
				t.Parallel()
				s := sc.s
				if !b.labels && s.global != nil {
					s.global = nil
				}
				if b.gaugeRestarts {
					s.ops = setBeforeAdd(s.ops)
				}
				runPush(t, b, s)
			})
		}
	}
}

// setBeforeAdd makes a script's gauge Adds comparable on statsd, whose Go
// kit gauge restarts Add from zero after every write while kit's keeps its
// value (documented in kit's statsd package; pinned in
// TestStatsdGaugeAcrossWrites): an Add on a gauge not Set since the last
// write is preceded by Set(0) on both sides.
func setBeforeAdd(ops []pushOp) []pushOp {
	var out []pushOp
	set := map[int]bool{}
	for _, op := range ops {
		switch op.kind {
		case opWrite:
			clear(set)
		case opGaugeSet:
			set[op.metric] = true
		case opGaugeAdd:
			if !set[op.metric] {
				out = append(out, pushOp{kind: opGaugeSet, metric: op.metric, labels: op.labels})
				set[op.metric] = true
			}
		}
		out = append(out, op)
	}
	return out
}
