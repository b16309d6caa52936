package level_test

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
)

func logAll(l log.Logger) {
	_ = level.Debug(l).Log("m", "d")
	_ = level.Info(l).Log("m", "i")
	_ = level.Warn(l).Log("m", "w")
	_ = level.Error(l).Log("m", "e")
	_ = l.Log("m", "none")
}

func TestFilter(t *testing.T) {
	t.Parallel()
	all := "level=debug m=d\nlevel=info m=i\nlevel=warn m=w\nlevel=error m=e\nm=none\n"
	tests := []struct {
		name string
		opts []level.Option
		want string
	}{
		{"no option", nil, "m=none\n"},
		{"all", []level.Option{level.AllowAll()}, all},
		{"debug", []level.Option{level.AllowDebug()}, all},
		{"info", []level.Option{level.AllowInfo()}, "level=info m=i\nlevel=warn m=w\nlevel=error m=e\nm=none\n"},
		{"warn", []level.Option{level.AllowWarn()}, "level=warn m=w\nlevel=error m=e\nm=none\n"},
		{"error", []level.Option{level.AllowError()}, "level=error m=e\nm=none\n"},
		{"none", []level.Option{level.AllowNone()}, "m=none\n"},
		{"allow warn", []level.Option{level.Allow(level.WarnValue())}, "level=warn m=w\nlevel=error m=e\nm=none\n"},
		{"allow nil", []level.Option{level.Allow(nil)}, "m=none\n"},
		{"squelch no level", []level.Option{level.AllowError(), level.SquelchNoLevel(true)}, "level=error m=e\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// Every filter is tried bare and behind a context, which takes
			// the early-decision path.
			for _, wrap := range []func(log.Logger) log.Logger{
				func(l log.Logger) log.Logger { return l },
				func(l log.Logger) log.Logger { return log.WithSuffix(log.With(l, "c", 1), "s", 2) },
			} {
				var buf bytes.Buffer
				logAll(wrap(level.NewFilter(log.NewLogfmtLogger(&buf), tt.opts...)))
				got := strings.NewReplacer(" c=1", "", "c=1 ", "", " s=2", "").Replace(buf.String())
				if got != tt.want {
					t.Errorf("got\n%swant\n%s", got, tt.want)
				}
			}
		})
	}
}

func TestFilterErrors(t *testing.T) {
	t.Parallel()
	errNotAllowed, errNoLevel := errors.New("not allowed"), errors.New("no level")
	var buf bytes.Buffer
	f := level.NewFilter(log.NewLogfmtLogger(&buf), level.AllowWarn(),
		level.ErrNotAllowed(errNotAllowed), level.SquelchNoLevel(true), level.ErrNoLevel(errNoLevel))
	for _, l := range []log.Logger{f, log.With(f, "ts", log.DefaultTimestampUTC)} {
		if err := level.Info(l).Log("m", 1); !errors.Is(err, errNotAllowed) {
			t.Errorf("info: %v", err)
		}
		if err := l.Log("m", 1); !errors.Is(err, errNoLevel) {
			t.Errorf("no level: %v", err)
		}
		if err := level.Error(l).Log("m", 1); err != nil {
			t.Errorf("error: %v", err)
		}
	}
	if n := strings.Count(buf.String(), "\n"); n != 2 {
		t.Errorf("%d lines:\n%s", n, buf.String())
	}
}

func TestFirstLevelWins(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	f := level.NewFilter(log.NewLogfmtLogger(&buf), level.AllowInfo())
	_ = log.WithPrefix(level.Debug(log.With(f, "a", 1)), "lvl", level.InfoValue()).Log()
	_ = level.Debug(log.With(f, "lvl", level.InfoValue())).Log()
	_ = log.With(f, "x", 1).Log("lvl", level.ErrorValue(), "level", level.DebugValue())
	_ = log.With(f, "x", 1).Log("lvl", level.DebugValue(), "level", level.ErrorValue())
	want := "lvl=info level=debug a=1\nx=1 lvl=error level=debug\n"
	if buf.String() != want {
		t.Errorf("got\n%swant\n%s", buf.String(), want)
	}
}

func TestValuerLevelDecidesLate(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	f := level.NewFilter(log.NewLogfmtLogger(&buf), level.AllowInfo())
	dynamic := log.Valuer(func() any { return level.DebugValue() })
	calls := 0
	counting := log.Valuer(func() any { calls++; return calls })
	// The level comes from a Valuer: the event is built, then dropped.
	_ = log.With(f, "level", dynamic).Log("m", 1)
	// A Valuer after the level does not matter: decided early, not called.
	_ = level.Debug(log.With(f, "n", counting)).Log("m", 2)
	_ = level.Info(log.With(f, "n", counting)).Log("m", 3)
	if buf.String() != "level=info n=1 m=3\n" || calls != 1 {
		t.Errorf("calls=%d, got\n%s", calls, buf.String())
	}
}

func TestNestedFilters(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	inner := level.NewFilter(log.NewLogfmtLogger(&buf), level.AllowWarn())
	outer := log.With(level.NewFilter(inner, level.AllowInfo()), "c", 1)
	logAll(outer)
	if want := "level=warn c=1 m=w\nlevel=error c=1 m=e\nc=1 m=none\n"; buf.String() != want {
		t.Errorf("got\n%swant\n%s", buf.String(), want)
	}
}

func TestCallerThroughLevels(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := log.With(level.NewFilter(log.NewLogfmtLogger(&buf), level.AllowAll()), "caller", log.DefaultCaller)
	_, _, line, _ := runtime.Caller(0)
	_ = level.Info(l).Log("m", 1)
	want := fmt.Sprintf("level=info caller=level_test.go:%d m=1\n", line+1)
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestLevelsReuseDerivedLoggers(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := log.With(level.NewFilter(log.NewLogfmtLogger(log.NewSyncWriter(&buf)), level.AllowAll()), "a", 1)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				_ = level.Warn(l).Log("m", 1)
				_ = level.Debug(level.NewFilter(l, level.AllowAll())).Log()
			}
		})
	}
	wg.Wait()
	if n := strings.Count(buf.String(), "level=warn a=1 m=1\n"); n != 400 {
		t.Errorf("%d warn lines", n)
	}
}

// TestLevelLoggersDoNotAllocate uses AllocsPerRun, so it is not parallel.
func TestLevelLoggersDoNotAllocate(t *testing.T) {
	f := level.NewFilter(log.NewNopLogger(), level.AllowInfo())
	for _, l := range []log.Logger{f, log.With(f, "a", 1)} {
		if allocs := testing.AllocsPerRun(100, func() { _ = level.Info(l) }); allocs != 0 {
			t.Errorf("level.Info allocates %v times", allocs)
		}
	}
}

func TestInjector(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := level.NewInjector(log.NewLogfmtLogger(&buf), level.InfoValue())
	_ = l.Log("m", 1)
	_ = level.Error(l).Log("m", 2)
	_ = l.Log("lvl", level.WarnValue())
	if want := "level=info m=1\nlevel=error m=2\nlvl=warn\n"; buf.String() != want {
		t.Errorf("got\n%swant\n%s", buf.String(), want)
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want level.Value
		err  error
	}{
		{"debug", level.DebugValue(), nil},
		{" INFO\n", level.InfoValue(), nil},
		{"Warn", level.WarnValue(), nil},
		{"error", level.ErrorValue(), nil},
		{"warning", nil, level.ErrInvalidLevelString},
		{"", nil, level.ErrInvalidLevelString},
	}
	for _, tt := range tests {
		got, err := level.Parse(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("Parse(%q) = %v, %v", tt.in, got, err)
		}
		def := level.ParseDefault(tt.in, level.ErrorValue())
		if tt.err != nil && def != level.ErrorValue() || tt.err == nil && def != tt.want {
			t.Errorf("ParseDefault(%q) = %v", tt.in, def)
		}
	}
	if level.ErrInvalidLevelString.Error() != "invalid level string" {
		t.Error(level.ErrInvalidLevelString)
	}
}

func TestValuesAndKey(t *testing.T) {
	t.Parallel()
	if level.Key() != "level" {
		t.Errorf("Key() = %v", level.Key())
	}
	for v, want := range map[level.Value]string{
		level.DebugValue(): "debug", level.InfoValue(): "info", level.WarnValue(): "warn", level.ErrorValue(): "error",
	} {
		var buf bytes.Buffer
		_ = log.NewJSONLogger(&buf).Log("l", v)
		if v.String() != want || buf.String() != `{"l":"`+want+`"}`+"\n" {
			t.Errorf("%v: %q", v, buf.String())
		}
	}
}
