package logdiff_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	gokitlog "github.com/go-kit/log"
	gokitlevel "github.com/go-kit/log/level"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
)

// filterOpts describes the options passed to NewFilter, in this order.
type filterOpts struct {
	allow         string // "", "all", "debug", "info", "warn", "error", "none" or "Allow(x)"
	errNotAllowed error
	squelch       int // 0: not set, 1: SquelchNoLevel(false), 2: SquelchNoLevel(true)
	errNoLevel    error
	allowLast     bool // pass the allow option after the others
}

func (o filterOpts) String() string {
	return fmt.Sprintf("allow=%q errNotAllowed=%v squelch=%d errNoLevel=%v last=%v", o.allow, o.errNotAllowed, o.squelch, o.errNoLevel, o.allowLast)
}

// levelImpl gathers one implementation's level package API.
type levelImpl struct {
	name                      string
	log                       logImpl
	debug, info, warn, errorL func(logger) logger
	values                    [4]any // debug, info, warn, error
	key                       any
	newFilter                 func(logger, filterOpts) logger
	newInjector               func(logger, int) logger
	parse                     func(string) (string, error)
	parseDefault              func(string, int) string
	errInvalid                error
}

var kitLevel = levelImpl{
	name: "kit", log: kitImpl,
	debug:  func(l logger) logger { return level.Debug(l) },
	info:   func(l logger) logger { return level.Info(l) },
	warn:   func(l logger) logger { return level.Warn(l) },
	errorL: func(l logger) logger { return level.Error(l) },
	values: [4]any{level.DebugValue(), level.InfoValue(), level.WarnValue(), level.ErrorValue()},
	key:    level.Key(),
	newFilter: func(next logger, o filterOpts) logger {
		var opts []level.Option
		allow := map[string]func() level.Option{
			"all": level.AllowAll, "debug": level.AllowDebug, "info": level.AllowInfo,
			"warn": level.AllowWarn, "error": level.AllowError, "none": level.AllowNone,
			"Allow(debug)": func() level.Option { return level.Allow(level.DebugValue()) },
			"Allow(info)":  func() level.Option { return level.Allow(level.InfoValue()) },
			"Allow(warn)":  func() level.Option { return level.Allow(level.WarnValue()) },
			"Allow(error)": func() level.Option { return level.Allow(level.ErrorValue()) },
			"Allow(nil)":   func() level.Option { return level.Allow(nil) },
		}[o.allow]
		if allow != nil && !o.allowLast {
			opts = append(opts, allow())
		}
		if o.errNotAllowed != nil {
			opts = append(opts, level.ErrNotAllowed(o.errNotAllowed))
		}
		if o.squelch != 0 {
			opts = append(opts, level.SquelchNoLevel(o.squelch == 2))
		}
		if o.errNoLevel != nil {
			opts = append(opts, level.ErrNoLevel(o.errNoLevel))
		}
		if allow != nil && o.allowLast {
			opts = append(opts, allow())
		}
		return level.NewFilter(next, opts...)
	},
	newInjector: func(next logger, i int) logger {
		return level.NewInjector(next, [4]level.Value{level.DebugValue(), level.InfoValue(), level.WarnValue(), level.ErrorValue()}[i])
	},
	parse: func(s string) (string, error) {
		v, err := level.Parse(s)
		if v == nil {
			return "<nil>", err
		}
		return v.String(), err
	},
	parseDefault: func(s string, i int) string {
		return level.ParseDefault(s, [4]level.Value{level.DebugValue(), level.InfoValue(), level.WarnValue(), level.ErrorValue()}[i]).String()
	},
	errInvalid: level.ErrInvalidLevelString,
}

var gokitLevel = levelImpl{
	name: "gokit", log: gokitImpl,
	debug:  func(l logger) logger { return gokitlevel.Debug(l) },
	info:   func(l logger) logger { return gokitlevel.Info(l) },
	warn:   func(l logger) logger { return gokitlevel.Warn(l) },
	errorL: func(l logger) logger { return gokitlevel.Error(l) },
	values: [4]any{gokitlevel.DebugValue(), gokitlevel.InfoValue(), gokitlevel.WarnValue(), gokitlevel.ErrorValue()},
	key:    gokitlevel.Key(),
	newFilter: func(next logger, o filterOpts) logger {
		var opts []gokitlevel.Option
		allow := map[string]func() gokitlevel.Option{
			"all": gokitlevel.AllowAll, "debug": gokitlevel.AllowDebug, "info": gokitlevel.AllowInfo,
			"warn": gokitlevel.AllowWarn, "error": gokitlevel.AllowError, "none": gokitlevel.AllowNone,
			"Allow(debug)": func() gokitlevel.Option { return gokitlevel.Allow(gokitlevel.DebugValue()) },
			"Allow(info)":  func() gokitlevel.Option { return gokitlevel.Allow(gokitlevel.InfoValue()) },
			"Allow(warn)":  func() gokitlevel.Option { return gokitlevel.Allow(gokitlevel.WarnValue()) },
			"Allow(error)": func() gokitlevel.Option { return gokitlevel.Allow(gokitlevel.ErrorValue()) },
			"Allow(nil)":   func() gokitlevel.Option { return gokitlevel.Allow(nil) },
		}[o.allow]
		if allow != nil && !o.allowLast {
			opts = append(opts, allow())
		}
		if o.errNotAllowed != nil {
			opts = append(opts, gokitlevel.ErrNotAllowed(o.errNotAllowed))
		}
		if o.squelch != 0 {
			opts = append(opts, gokitlevel.SquelchNoLevel(o.squelch == 2))
		}
		if o.errNoLevel != nil {
			opts = append(opts, gokitlevel.ErrNoLevel(o.errNoLevel))
		}
		if allow != nil && o.allowLast {
			opts = append(opts, allow())
		}
		return gokitlevel.NewFilter(next, opts...)
	},
	newInjector: func(next logger, i int) logger {
		return gokitlevel.NewInjector(next, [4]gokitlevel.Value{gokitlevel.DebugValue(), gokitlevel.InfoValue(), gokitlevel.WarnValue(), gokitlevel.ErrorValue()}[i])
	},
	parse: func(s string) (string, error) {
		v, err := gokitlevel.Parse(s)
		if v == nil {
			return "<nil>", err
		}
		return v.String(), err
	},
	parseDefault: func(s string, i int) string {
		return gokitlevel.ParseDefault(s, [4]gokitlevel.Value{gokitlevel.DebugValue(), gokitlevel.InfoValue(), gokitlevel.WarnValue(), gokitlevel.ErrorValue()}[i]).String()
	},
	errInvalid: gokitlevel.ErrInvalidLevelString,
}

// levelEvents logs a series of events through l, built over filtered (a
// filter or any logger), and describes what each returned. Every event goes
// to rec or is squelched.
func levelEvents(impl levelImpl, filtered logger) []string {
	var res []string
	note := func(name string, err error) { res = append(res, fmt.Sprintf("%s:%v", name, err)) }
	note("debug", impl.debug(filtered).Log("msg", "d"))
	note("info", impl.info(filtered).Log("msg", "i"))
	note("warn", impl.warn(filtered).Log("msg", "w"))
	note("error", impl.errorL(filtered).Log("msg", "e"))
	note("none", filtered.Log("msg", "n"))
	note("empty", filtered.Log())
	note("other key", filtered.Log("lvl", impl.values[3], "msg", "o"))
	note("in key position", filtered.Log(impl.values[3], "msg"))
	note("two levels", impl.debug(impl.errorL(filtered)).Log("msg", "t"))
	note("level in Log", filtered.Log("level", impl.values[0], "msg", "l"))
	note("level string", filtered.Log("level", "error", "msg", "s"))
	note("with context", impl.info(impl.log.with(filtered, "a", 1)).Log("msg", "c"))
	note("suffix level", impl.log.withSuffix(filtered, "level", impl.values[2]).Log("msg", "s"))
	note("valuer level", impl.log.with(filtered, "level", impl.log.valuer(func() any { return impl.values[0] })).Log("msg", "v"))
	note("valuer other", impl.log.with(filtered, "x", impl.log.valuer(func() any { return 1 })).Log("msg", "v"))
	note("valuer key", impl.log.with(filtered, impl.log.valuer(func() any { return impl.key }), impl.values[1]).Log("msg", "k"))
	note("odd", impl.warn(filtered).Log("msg"))
	return res
}

func TestLevelFilter(t *testing.T) {
	t.Parallel()
	errNA, errNL := errors.New("not allowed"), errors.New("no level")
	var optSets []filterOpts
	for _, allow := range []string{"", "all", "debug", "info", "warn", "error", "none",
		"Allow(debug)", "Allow(info)", "Allow(warn)", "Allow(error)", "Allow(nil)"} {
		for _, ena := range []error{nil, errNA} {
			for squelch := range 3 {
				for _, enl := range []error{nil, errNL} {
					for _, last := range []bool{false, true} {
						optSets = append(optSets, filterOpts{allow, ena, squelch, enl, last})
					}
				}
			}
		}
	}
	for _, o := range optSets {
		t.Run(o.String(), func(t *testing.T) {
			t.Parallel()
			var out [2]string
			for i, impl := range []levelImpl{kitLevel, gokitLevel} {
				rec := &recorder{}
				res := levelEvents(impl, impl.newFilter(rec, o))
				// A filter wrapping a filter, and wrapped in a context.
				res = append(res, levelEvents(impl, impl.log.with(impl.newFilter(impl.newFilter(rec, o), filterOpts{allow: "all"}), "c", 1))...)
				out[i] = strings.Join(res, " ") + "\n" + strings.Join(rec.events, "\n")
			}
			if out[0] != out[1] {
				t.Errorf("kit:\n%s\nGo kit:\n%s", out[0], out[1])
			}
		})
	}
}

func TestLevelInjector(t *testing.T) {
	t.Parallel()
	for lvl := range 4 {
		var out [2]string
		for i, impl := range []levelImpl{kitLevel, gokitLevel} {
			rec := &recorder{}
			inj := impl.newInjector(rec, lvl)
			res := levelEvents(impl, inj)
			// An injector in front of a filter: the injected level is filtered.
			res = append(res, levelEvents(impl, impl.newInjector(impl.newFilter(rec, filterOpts{allow: "warn"}), lvl))...)
			out[i] = strings.Join(res, " ") + "\n" + strings.Join(rec.events, "\n")
		}
		if out[0] != out[1] {
			t.Errorf("level %d\nkit:\n%s\nGo kit:\n%s", lvl, out[0], out[1])
		}
	}
}

func TestLevelParse(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"debug", "info", "warn", "error", "DEBUG", "Info", "WaRn", "ERROR", " info ", "\tdebug\n",
		"warning", "err", "", " ", "inf", "info2", "crit", "debug info", "\u0130nfo", "ınfo", "\u212aey",
	} {
		var out [2]string
		for i, impl := range []levelImpl{kitLevel, gokitLevel} {
			v, err := impl.parse(s)
			out[i] = fmt.Sprintf("%s %v %v |", v, err, errors.Is(err, impl.errInvalid))
			for d := range 4 {
				out[i] += " " + impl.parseDefault(s, d)
			}
		}
		if out[0] != out[1] {
			t.Errorf("Parse(%q): kit %s, Go kit %s", s, out[0], out[1])
		}
	}
	if level.ErrInvalidLevelString.Error() != gokitlevel.ErrInvalidLevelString.Error() {
		t.Errorf("ErrInvalidLevelString: kit %q, Go kit %q", level.ErrInvalidLevelString, gokitlevel.ErrInvalidLevelString)
	}
}

func TestLevelValues(t *testing.T) {
	t.Parallel()
	for i := range 4 {
		k, g := kitLevel.values[i].(fmt.Stringer), gokitLevel.values[i].(fmt.Stringer)
		if k.String() != g.String() {
			t.Errorf("value %d: kit %q, Go kit %q", i, k, g)
		}
		if fmt.Sprint(k) != fmt.Sprint(g) || fmt.Sprintf("%#v", k.String()) != fmt.Sprintf("%#v", g.String()) {
			t.Errorf("value %d formats differently", i)
		}
	}
	if kitLevel.key != gokitLevel.key {
		t.Errorf("Key: kit %v, Go kit %v", kitLevel.key, gokitLevel.key)
	}
	// Encoded by both formats, through each level logger.
	for _, enc := range []string{"logfmt", "json"} {
		var out [2]string
		for i, impl := range []levelImpl{kitLevel, gokitLevel} {
			var buf bytes.Buffer
			l := impl.log.logfmt(&buf)
			if enc == "json" {
				l = impl.log.json(&buf)
			}
			for _, f := range []func(logger) logger{impl.debug, impl.info, impl.warn, impl.errorL} {
				if err := f(l).Log("msg", "m", "v", impl.values[0]); err != nil {
					t.Fatal(err)
				}
			}
			out[i] = buf.String()
		}
		if out[0] != out[1] {
			t.Errorf("%s\nkit:\n%s\nGo kit:\n%s", enc, out[0], out[1])
		}
	}
	// Each package's values are its own: a filter ignores the other's.
	rec := &recorder{}
	if err := level.NewFilter(rec, level.AllowNone()).Log("level", gokitlevel.DebugValue()); err != nil || len(rec.events) != 1 {
		t.Errorf("kit filter handled a Go kit level: %v, %v", err, rec.events)
	}
	_ = gokitlog.NewNopLogger
	_ = log.NewNopLogger
}
