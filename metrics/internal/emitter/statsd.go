package emitter

import (
	"io"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/seedkit/kit/metrics/internal/lv"
	"github.com/seedkit/kit/metrics/internal/ratemap"
)

// Dialect selects the wire format of a statsd-family backend.
type Dialect uint8

const (
	// Plain is Etsy statsd: name:value|type[|@rate], no tags.
	Plain Dialect = iota
	// Dog is DogStatsD: name:value|type[|@rate][|#k:v,...].
	Dog
	// Influx is Telegraf's statsd: name[,k=v...]:value|type[|@rate].
	Influx
)

// Statsd is the store and writer shared by the statsd, dogstatsd and
// influxstatsd packages. It is safe for concurrent use.
type Statsd struct {
	Dialect    Dialect
	Prefix     string
	Global     lv.LabelValues // tags on every line (Dog, Influx)
	Rates      *ratemap.RateMap
	Counters   *Set // Sum, written as |c
	Gauges     *Set // Last, written as |g
	Timings    *Set // Samples, written as |ms
	Histograms *Set // Samples, written as |h

	mtu     atomic.Int64 // stored as mtu+1 so that the zero value means DefaultMTU
	writeMu sync.Mutex
}

// NewStatsd returns a Statsd with every Set created.
func NewStatsd(d Dialect, prefix string, global lv.LabelValues) *Statsd {
	return &Statsd{
		Dialect:    d,
		Prefix:     prefix,
		Global:     lv.LabelValues(nil).With(global...),
		Rates:      ratemap.New(),
		Counters:   NewSet(Sum, false),
		Gauges:     NewSet(Last, true),
		Timings:    NewSet(Samples, false),
		Histograms: NewSet(Samples, false),
	}
}

// SetMTU sets the packet size lines are batched into; n <= 0 writes every
// line on its own.
func (s *Statsd) SetMTU(n int) {
	if n < 0 {
		n = 0
	}
	s.mtu.Store(int64(n) + 1)
}

// MTU returns the packet size set by SetMTU, DefaultMTU if none was.
func (s *Statsd) MTU() int {
	if v := s.mtu.Load(); v > 0 {
		return int(v - 1)
	}
	return DefaultMTU
}

// WriteTo flushes every Set, then writes the lines in the order counters,
// gauges, timings, histograms, each sorted by name and labels. The Sets are
// emptied before anything is written, so data that fails to be written is
// dropped rather than kept.
func (s *Statsd) WriteTo(w io.Writer) (int64, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	counters := s.Counters.Flush()
	gauges := s.Gauges.Flush()
	var timings, histograms []Point
	if s.Timings != nil {
		timings = s.Timings.Flush()
	}
	if s.Histograms != nil {
		histograms = s.Histograms.Flush()
	}

	p := NewPacker(w, s.MTU())
	for _, pt := range counters {
		s.line(p, pt, pt.Value, "c", true)
	}
	for _, pt := range gauges {
		s.line(p, pt, pt.Value, "g", false)
	}
	for _, pt := range timings {
		for _, v := range pt.Obs {
			s.line(p, pt, v, "ms", true)
		}
	}
	for _, pt := range histograms {
		for _, v := range pt.Obs {
			s.line(p, pt, v, "h", true)
		}
	}
	return p.Flush()
}

func (s *Statsd) line(p *Packer, pt Point, v float64, typ string, sampled bool) {
	b := p.Line()
	b = append(b, s.Prefix...)
	b = append(b, pt.Name...)
	if s.Dialect == Influx {
		b = s.appendTags(b, pt.LVs, ',', '=')
	}
	b = append(b, ':')
	b = AppendFloat(b, v)
	b = append(b, '|')
	b = append(b, typ...)
	if sampled {
		if r := s.Rates.Get(pt.Name); r < 1 {
			b = append(b, "|@"...)
			b = AppendFloat(b, r)
		}
	}
	if s.Dialect == Dog {
		if len(s.Global)+len(pt.LVs) > 0 {
			b = append(b, "|#"...)
			b = s.appendTags(b, pt.LVs, 0, ':')
		}
	}
	p.End(b)
}

// appendTags appends the global then the series' pairs, each preceded by
// lead (if not 0) except the first when lead is 0, joined by sep.
func (s *Statsd) appendTags(b []byte, lvs lv.LabelValues, lead, sep byte) []byte {
	first := true
	for _, l := range [2]lv.LabelValues{s.Global, lvs} {
		for i := 0; i+1 < len(l); i += 2 {
			if lead != 0 {
				b = append(b, lead)
			} else if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, l[i]...)
			b = append(b, sep)
			b = append(b, l[i+1]...)
		}
	}
	return b
}

// FormatFloat formats v as Go kit's "%f" verb does.
func FormatFloat(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }
