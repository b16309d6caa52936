package zap_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/seedkit/kit/log"
	kitzap "github.com/seedkit/kit/log/zap"
)

type panicker struct{}

func (*panicker) String() string { panic("boom") }

func TestFields(t *testing.T) {
	t.Parallel()
	errBad := errors.New("bad")
	tests := []struct {
		name    string
		keyvals []any
		want    map[string]any
	}{
		{"pairs", []any{"msg", "hello", "n", 1}, map[string]any{"msg": "hello", "n": int64(1)}},
		{"odd", []any{"a", "x", "dangling"}, map[string]any{"a": "x", "dangling": "(MISSING)"}},
		{"non-string keys", []any{1, "one", nil, "n"}, map[string]any{"1": "one", "<nil>": "n"}},
		{"panicking key", []any{(*panicker)(nil), "v"}, map[string]any{"<nil>": "v"}},
		{"error", []any{"err", errBad}, map[string]any{"err": "bad"}},
		{"empty", nil, map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			core, logs := observer.New(zapcore.DebugLevel)
			// Development mode: the sugared logger would panic on these events.
			l := kitzap.NewZapSugarLogger(zap.New(core, zap.Development()), zapcore.InfoLevel)
			if err := l.Log(tt.keyvals...); err != nil {
				t.Fatal(err)
			}
			entries := logs.AllUntimed()
			if len(entries) != 1 {
				t.Fatalf("got %d entries", len(entries))
			}
			e := entries[0]
			if e.Message != "" || e.Level != zapcore.InfoLevel {
				t.Errorf("got message %q level %v", e.Message, e.Level)
			}
			got := e.ContextMap()
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLevels(t *testing.T) {
	t.Parallel()
	for _, lvl := range []zapcore.Level{zapcore.DebugLevel, zapcore.InfoLevel, zapcore.WarnLevel, zapcore.ErrorLevel, zapcore.DPanicLevel} {
		t.Run(lvl.String(), func(t *testing.T) {
			t.Parallel()
			core, logs := observer.New(zapcore.InfoLevel)
			if err := kitzap.NewZapSugarLogger(zap.New(core), lvl).Log("k", "v"); err != nil {
				t.Fatal(err)
			}
			want := 1
			if lvl < zapcore.InfoLevel {
				want = 0
			}
			if got := logs.Len(); got != want {
				t.Fatalf("got %d entries, want %d", got, want)
			}
			if want == 1 && logs.All()[0].Level != lvl {
				t.Errorf("got level %v, want %v", logs.All()[0].Level, lvl)
			}
		})
	}
}

func TestPanicLevel(t *testing.T) {
	t.Parallel()
	core, logs := observer.New(zapcore.InfoLevel)
	l := kitzap.NewZapSugarLogger(zap.New(core), zapcore.PanicLevel)
	defer func() {
		if recover() == nil {
			t.Error("PanicLevel did not panic")
		}
		if logs.Len() != 1 {
			t.Errorf("got %d entries, want 1 before the panic", logs.Len())
		}
	}()
	_ = l.Log("k", "v")
}

//go:noinline
func via(l log.Logger, keyvals ...any) { _ = l.Log(keyvals...) }

func TestCaller(t *testing.T) {
	t.Parallel()
	core, logs := observer.New(zapcore.InfoLevel)
	l := kitzap.NewZapSugarLogger(zap.New(core, zap.AddCaller()), zapcore.InfoLevel)
	_, _, line, _ := runtime.Caller(0)
	via(l, "k", "v") // the reported caller: one wrapper is skipped
	e := logs.All()[0]
	if !e.Caller.Defined || filepath.Base(e.Caller.File) != "zap_sugar_logger_test.go" || e.Caller.Line != line+1 {
		t.Errorf("caller %v, want zap_sugar_logger_test.go:%d", e.Caller, line+1)
	}
}

func TestNilLogger(t *testing.T) {
	t.Parallel()
	if err := kitzap.NewZapSugarLogger(nil, zapcore.InfoLevel).Log("k", "v"); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrent(t *testing.T) {
	t.Parallel()
	core, logs := observer.New(zapcore.InfoLevel)
	l := kitzap.NewZapSugarLogger(zap.New(core), zapcore.InfoLevel)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				_ = l.Log("g", g, "i", i)
			}
		})
	}
	wg.Wait()
	if logs.Len() != 800 {
		t.Errorf("got %d entries, want 800", logs.Len())
	}
}

func BenchmarkLog(b *testing.B) {
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	zl := zap.New(zapcore.NewCore(enc, zapcore.AddSync(discard{}), zapcore.InfoLevel))
	for _, bc := range []struct {
		name  string
		level zapcore.Level
	}{{"enabled", zapcore.InfoLevel}, {"disabled", zapcore.DebugLevel}} {
		b.Run(bc.name, func(b *testing.B) {
			l := kitzap.NewZapSugarLogger(zl, bc.level)
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					_ = l.Log("msg", "hello", "n", 42, "ok", true)
				}
			})
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
