package kitslog_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/kitslog"
	"github.com/seedkit/kit/log/level"
)

// recordHandler keeps the records it handles; its level is configurable.
type recordHandler struct {
	mu      sync.Mutex
	min     slog.Level
	enabled int
	records []slog.Record
}

func (h *recordHandler) Enabled(_ context.Context, l slog.Level) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.enabled++
	return l >= h.min
}

func (h *recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, r.Clone())
	return nil
}

func (h *recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordHandler) WithGroup(string) slog.Handler      { return h }

func (h *recordHandler) all() []slog.Record {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.records)
}

// attrs lists a record's attributes as keyvals.
func attrs(r slog.Record) []any {
	var kv []any
	r.Attrs(func(a slog.Attr) bool {
		kv = append(kv, a.Key, a.Value.Any())
		return true
	})
	return kv
}

type panicker struct{}

func (*panicker) String() string { panic("boom") }

func TestLogger(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	tests := []struct {
		name    string
		opts    []kitslog.Option
		keyvals []any
		level   slog.Level
		msg     string
		attrs   []any
	}{
		{"message and attrs", nil, []any{"msg", "hi", "a", 1, "err", errBoom},
			slog.LevelInfo, "hi", []any{"a", int64(1), "err", errBoom}},
		{"kit level value", nil, []any{"level", level.ErrorValue(), "msg", "x"},
			slog.LevelError, "x", nil},
		{"level after other pairs", nil, []any{"a", 1, "level", level.DebugValue()},
			slog.LevelDebug, "", []any{"a", int64(1)}},
		{"slog level", nil, []any{"level", slog.LevelWarn + 1}, slog.LevelWarn + 1, "", nil},
		{"string level", nil, []any{"level", " WARN "}, slog.LevelWarn, "", nil},
		{"unknown level stays", nil, []any{"level", "trace"}, slog.LevelInfo, "", []any{"level", "trace"}},
		{"first level wins", nil, []any{"level", "error", "level", "debug"},
			slog.LevelError, "", []any{"level", "debug"}},
		{"first msg wins", nil, []any{"msg", "a", "msg", "b"}, slog.LevelInfo, "a", []any{"msg", "b"}},
		{"non-string msg", nil, []any{"msg", 42}, slog.LevelInfo, "42", nil},
		{"missing msg value", nil, []any{"msg"}, slog.LevelInfo, "(MISSING)", nil},
		{"odd keyvals", nil, []any{"a", 1, "dangling"},
			slog.LevelInfo, "", []any{"a", int64(1), "dangling", log.ErrMissingValue}},
		{"non-string keys", nil, []any{1, "one", nil, "n", (*panicker)(nil), "p"},
			slog.LevelInfo, "", []any{"1", "one", "<nil>", "n", "<nil>", "p"}},
		{"level key without value", nil, []any{"level"},
			slog.LevelInfo, "", []any{"level", log.ErrMissingValue}},
		{"custom keys", []kitslog.Option{kitslog.MessageKey("message"), kitslog.LevelKey("severity")},
			[]any{"msg", "m", "message", "hi", "severity", "warn", "level", "error"},
			slog.LevelWarn, "hi", []any{"msg", "m", "level", "error"}},
		{"default level", []kitslog.Option{kitslog.DefaultLevel(slog.LevelWarn), nil},
			[]any{"a", 1}, slog.LevelWarn, "", []any{"a", int64(1)}},
		{"nil default level", []kitslog.Option{kitslog.DefaultLevel(nil)},
			nil, slog.LevelInfo, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &recordHandler{min: slog.LevelDebug}
			before := time.Now()
			if err := kitslog.NewLogger(h, tt.opts...).Log(tt.keyvals...); err != nil {
				t.Fatal(err)
			}
			rs := h.all()
			if len(rs) != 1 {
				t.Fatalf("got %d records", len(rs))
			}
			r := rs[0]
			if r.Level != tt.level || r.Message != tt.msg {
				t.Errorf("got level %v msg %q, want %v %q", r.Level, r.Message, tt.level, tt.msg)
			}
			if got := attrs(r); !slices.Equal(got, tt.attrs) {
				t.Errorf("got attrs %v, want %v", got, tt.attrs)
			}
			if r.Time.Before(before) || r.PC == 0 {
				t.Errorf("time %v (before %v), pc %#x", r.Time, before, r.PC)
			}
		})
	}
}

func TestLoggerEnabledFirst(t *testing.T) {
	t.Parallel()
	h := &recordHandler{min: slog.LevelWarn}
	l := kitslog.NewLogger(h)
	_ = level.Info(l).Log("msg", "dropped")
	_ = level.Error(l).Log("msg", "kept")
	rs := h.all()
	if len(rs) != 1 || rs[0].Message != "kept" || h.enabled != 2 {
		t.Errorf("got %d records (%v), %d Enabled calls", len(rs), rs, h.enabled)
	}
}

func TestLoggerDefaultLevelVar(t *testing.T) {
	t.Parallel()
	var lv slog.LevelVar
	h := &recordHandler{min: slog.LevelDebug}
	l := kitslog.NewLogger(h, kitslog.DefaultLevel(&lv))
	lv.Set(slog.LevelDebug)
	_ = l.Log("a", 1)
	lv.Set(slog.LevelError)
	_ = l.Log("a", 2)
	rs := h.all()
	if rs[0].Level != slog.LevelDebug || rs[1].Level != slog.LevelError {
		t.Errorf("levels %v %v", rs[0].Level, rs[1].Level)
	}
}

type errHandler struct{ slog.Handler }

var errHandle = errors.New("handle failed")

func (errHandler) Handle(context.Context, slog.Record) error { return errHandle }

func TestLoggerError(t *testing.T) {
	t.Parallel()
	l := kitslog.NewLogger(errHandler{&recordHandler{}})
	if err := l.Log("msg", "x"); !errors.Is(err, errHandle) {
		t.Errorf("got %v, want %v", err, errHandle)
	}
	if err := kitslog.NewLogger(nil).Log("msg", "x"); err != nil {
		t.Errorf("nil handler: %v", err)
	}
}

func TestLoggerSource(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	h := slog.NewTextHandler(&buf, &slog.HandlerOptions{AddSource: true})
	l := log.With(kitslog.NewLogger(h), "svc", "x")
	_, file, line, _ := runtime.Caller(0)
	_ = level.Info(l).Log("msg", "wrapped")
	_ = l.Log("msg", "direct")
	out := buf.String()
	for i, want := range []string{fmt.Sprintf("%s:%d", file, line+1), fmt.Sprintf("%s:%d", file, line+2)} {
		if !strings.Contains(out, "source="+want) {
			t.Errorf("event %d: output %q lacks source %s", i, out, want)
		}
	}

	// slog -> kit -> slog: the PC of the slog call site survives.
	buf.Reset()
	sl := slog.New(kitslog.NewHandler(kitslog.NewLogger(h), nil))
	_, _, line, _ = runtime.Caller(0)
	sl.Info("through")
	if want := fmt.Sprintf("source=%s:%d", file, line+1); !strings.Contains(buf.String(), want) {
		t.Errorf("output %q lacks %s", buf.String(), want)
	}
}

func TestLoggerConcurrent(t *testing.T) {
	t.Parallel()
	h := &recordHandler{min: slog.LevelDebug}
	l := log.With(kitslog.NewLogger(h), "shared", 1)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				_ = level.Warn(l).Log("g", g, "i", i)
			}
		})
	}
	wg.Wait()
	rs := h.all()
	if len(rs) != 800 {
		t.Fatalf("got %d records", len(rs))
	}
	for _, r := range rs {
		if r.Level != slog.LevelWarn || r.NumAttrs() != 3 {
			t.Fatalf("corrupt record %v", r)
		}
	}
}
