package logdiff_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	//lint:ignore SA1019 the deprecated package is what this file compares
	gokitlevels "github.com/go-kit/kit/log/deprecated_levels"
	gokitlog "github.com/go-kit/log"
	"github.com/seedkit/kit/log"
	//lint:ignore SA1019 the deprecated package is what this file compares
	levels "github.com/seedkit/kit/log/deprecated_levels"
)

// levelsOpts describes the options passed to levels.New.
type levelsOpts struct {
	key, debug, info, warn, error, crit string
}

func TestDeprecatedLevels(t *testing.T) {
	t.Parallel()
	optSets := []levelsOpts{
		{},
		{key: "lvl"},
		{key: "severity", debug: "D", info: "I", warn: "W", error: "E", crit: "C"},
		{debug: "trace", crit: "fatal"},
		{key: "a b", info: "with space"},
	}
	for _, o := range optSets {
		for _, format := range []string{"logfmt", "json"} {
			var out [2]string
			for i := range 2 {
				var buf bytes.Buffer
				var res []string
				note := func(err error) { res = append(res, fmt.Sprint(err)) }
				if i == 0 {
					var base log.Logger = log.NewLogfmtLogger(&buf)
					if format == "json" {
						base = log.NewJSONLogger(&buf)
					}
					var opts []levels.Option
					for _, p := range []struct {
						v string
						f func(string) levels.Option
					}{{o.key, levels.Key}, {o.debug, levels.DebugValue}, {o.info, levels.InfoValue}, {o.warn, levels.WarnValue}, {o.error, levels.ErrorValue}, {o.crit, levels.CritValue}} {
						if p.v != "" {
							opts = append(opts, p.f(p.v))
						}
					}
					l := levels.New(base, opts...)
					for _, lv := range []levels.Levels{l, l.With("a", 1), l.With("b").With("c", 2), l.With()} {
						for _, lg := range []log.Logger{lv.Debug(), lv.Info(), lv.Warn(), lv.Error(), lv.Crit()} {
							note(lg.Log("msg", "m"))
							note(lg.Log("odd"))
						}
					}
					note(log.With(l.Info(), "w", 1).Log("x", 2))
				} else {
					var base gokitlog.Logger = gokitlog.NewLogfmtLogger(&buf)
					if format == "json" {
						base = gokitlog.NewJSONLogger(&buf)
					}
					var opts []gokitlevels.Option
					for _, p := range []struct {
						v string
						f func(string) gokitlevels.Option
					}{{o.key, gokitlevels.Key}, {o.debug, gokitlevels.DebugValue}, {o.info, gokitlevels.InfoValue}, {o.warn, gokitlevels.WarnValue}, {o.error, gokitlevels.ErrorValue}, {o.crit, gokitlevels.CritValue}} {
						if p.v != "" {
							opts = append(opts, p.f(p.v))
						}
					}
					l := gokitlevels.New(base, opts...)
					for _, lv := range []gokitlevels.Levels{l, l.With("a", 1), l.With("b").With("c", 2), l.With()} {
						for _, lg := range []gokitlog.Logger{lv.Debug(), lv.Info(), lv.Warn(), lv.Error(), lv.Crit()} {
							note(lg.Log("msg", "m"))
							note(lg.Log("odd"))
						}
					}
					note(gokitlog.With(l.Info(), "w", 1).Log("x", 2))
				}
				out[i] = buf.String() + strings.Join(res, ",")
			}
			if out[0] != out[1] {
				t.Errorf("%+v %s\nkit:\n%s\nGo kit:\n%s", o, format, out[0], out[1])
			}
		}
	}
}
