package logdiff_test

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	gokitzap "github.com/go-kit/kit/log/zap"
	gokitlog "github.com/go-kit/log"
	"github.com/seedkit/kit/log"
	kitzap "github.com/seedkit/kit/log/zap"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// noExit is a fatal hook that only records that zap wanted to exit.
type noExit struct{ exits *int }

func (h noExit) OnWrite(*zapcore.CheckedEntry, []zapcore.Field) { *h.exits++ }

// renderEntries describes observed zap entries: level, message, caller
// (base name), and the fields sorted by key.
func renderEntries(entries []observer.LoggedEntry) string {
	var lines []string
	for _, e := range entries {
		m := e.ContextMap()
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var fields []string
		for _, k := range keys {
			fields = append(fields, fmt.Sprintf("%s=%v(%T)", k, m[k], m[k]))
		}
		caller := ""
		if e.Caller.Defined {
			caller = fmt.Sprintf("%s:%d", filepath.Base(e.Caller.File), e.Caller.Line)
		}
		lines = append(lines, fmt.Sprintf("%s %q %s {%s}", e.Level, e.Message, caller, strings.Join(fields, " ")))
	}
	return strings.Join(lines, "\n")
}

// zapEvents are events with string keys and an even number of elements,
// which both adapters must log the same way.
var zapEvents = [][]any{
	{"msg", "hello", "a", 1},
	{"a", 1, "b", "two", "c", 1.5, "d", true, "e", nil},
	{"err", errors.New("boom"), "d", time.Second, "s", str("x"), "t", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
	{"a", 1, "a", 2},
	{"bytes", []byte("b"), "ints", []int{1, 2}, "map", map[string]int{"k": 1}},
	{},
}

func TestZap(t *testing.T) {
	t.Parallel()
	levels := []zapcore.Level{zapcore.DebugLevel, zapcore.InfoLevel, zapcore.WarnLevel, zapcore.ErrorLevel,
		zapcore.DPanicLevel, zapcore.PanicLevel, zapcore.FatalLevel, zapcore.Level(42), zapcore.Level(-5)}
	for _, lvl := range levels {
		for _, minLevel := range []zapcore.Level{zapcore.DebugLevel, zapcore.WarnLevel} {
			t.Run(fmt.Sprint(lvl, "/", minLevel), func(t *testing.T) {
				t.Parallel()
				var out [2]string
				var exits [2]int
				for i := range 2 {
					core, logs := observer.New(minLevel)
					zl := zap.New(core, zap.AddCaller(), zap.WithFatalHook(noExit{&exits[i]}))
					var l logger
					if i == 0 {
						l = kitzap.NewZapSugarLogger(zl, lvl)
					} else {
						l = gokitzap.NewZapSugarLogger(zl, lvl)
					}
					var res []string
					for _, kv := range zapEvents {
						o := logOnce(func(io.Writer) logger { return l }, kv)
						res = append(res, fmt.Sprintf("%v/%v", o.err, o.panicked))
					}
					out[i] = strings.Join(res, " ") + "\n" + renderEntries(logs.All())
				}
				if out[0] != out[1] || exits[0] != exits[1] {
					t.Errorf("kit (%d exits):\n%s\nGo kit (%d exits):\n%s", exits[0], out[0], exits[1], out[1])
				}
			})
		}
	}
}

// zapLogVia logs from one line for both adapters, directly and through a
// contextual logger, so that the reported callers can be compared.
func zapLogVia(l logger) error { return l.Log("a", 1) }

func TestZapCaller(t *testing.T) {
	t.Parallel()
	var out [2]string
	for i := range 2 {
		core, logs := observer.New(zapcore.DebugLevel)
		zl := zap.New(core, zap.AddCaller())
		var l, wl logger
		if i == 0 {
			l = kitzap.NewZapSugarLogger(zl, zapcore.InfoLevel)
			wl = log.With(l, "w", 1)
		} else {
			l = gokitzap.NewZapSugarLogger(zl, zapcore.InfoLevel)
			wl = gokitlog.With(l, "w", 1)
		}
		for _, l := range []logger{l, wl} {
			_ = zapLogVia(l)
		}
		out[i] = renderEntries(logs.All())
	}
	if out[0] != out[1] {
		t.Errorf("kit:\n%s\nGo kit:\n%s", out[0], out[1])
	}
}

// TestZapMalformed: for events with non-string keys or an odd number of
// elements, Go kit hands the pairs to zap's SugaredLogger, which drops them
// and logs a separate error entry about them; kit logs every pair, the key
// formatted with fmt.Sprint and a missing value as log.ErrMissingValue, as
// its NewZapSugarLogger documents.
func TestZapMalformed(t *testing.T) {
	t.Parallel()
	core, logs := observer.New(zapcore.DebugLevel)
	l := kitzap.NewZapSugarLogger(zap.New(core), zapcore.InfoLevel)
	if err := l.Log(1, "one", "odd"); err != nil {
		t.Fatal(err)
	}
	want := `info ""  {1=one(string) odd=(MISSING)(string)}`
	if got := renderEntries(logs.All()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
