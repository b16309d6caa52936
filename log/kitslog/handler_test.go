package kitslog_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/kitslog"
	"github.com/seedkit/kit/log/level"
)

// capture is a kit logger that keeps a copy of every event's keyvals.
type capture struct {
	mu     sync.Mutex
	events [][]any
}

func (c *capture) Log(keyvals ...any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events = append(c.events, slices.Clone(keyvals))
	return nil
}

func (c *capture) all() [][]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.events)
}

// nested turns flat dotted keys into nested maps, the shape slogtest wants.
func nested(keyvals []any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(keyvals); i += 2 {
		path := strings.Split(fmt.Sprint(keyvals[i]), ".")
		cur := m
		for _, g := range path[:len(path)-1] {
			sub, ok := cur[g].(map[string]any)
			if !ok {
				sub = map[string]any{}
				cur[g] = sub
			}
			cur = sub
		}
		cur[path[len(path)-1]] = keyvals[i+1]
	}
	return m
}

func TestHandlerSlogtest(t *testing.T) {
	t.Parallel()
	var c *capture
	slogtest.Run(t,
		func(*testing.T) slog.Handler {
			c = &capture{}
			return kitslog.NewHandler(c, nil)
		},
		func(t *testing.T) map[string]any {
			events := c.all()
			if len(events) != 1 {
				t.Fatalf("got %d events, want 1", len(events))
			}
			return nested(events[0])
		})
}

// withoutTime drops the "time" pair, which differs at every run.
func withoutTime(keyvals []any) []any {
	if len(keyvals) >= 2 && keyvals[0] == "time" {
		if _, ok := keyvals[1].(time.Time); ok {
			return keyvals[2:]
		}
	}
	return keyvals
}

func TestHandlerKeyvals(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	when := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	tests := []struct {
		name string
		log  func(*slog.Logger)
		want []any
	}{
		{"kinds", func(l *slog.Logger) {
			l.Info("m", "s", "x", "i", 1, "u", uint64(2), "f", 1.5, "b", true,
				"d", time.Second, "t", when, "err", errBoom)
		}, []any{"level", level.InfoValue(), "msg", "m", "s", "x", "i", int64(1), "u", uint64(2),
			"f", 1.5, "b", true, "d", time.Second, "t", when, "err", errBoom}},
		{"groups", func(l *slog.Logger) {
			l.With("a", 1).WithGroup("g").With("b", 2).WithGroup("h").Warn("m", "c", 3,
				slog.Group("", "inline", 4), slog.Group("empty"), slog.Group("sub", "d", 5))
		}, []any{"level", level.WarnValue(), "msg", "m", "a", int64(1), "g.b", int64(2),
			"g.h.c", int64(3), "g.h.inline", int64(4), "g.h.sub.d", int64(5)}},
		{"empty group name", func(l *slog.Logger) {
			l.WithGroup("").Error("m", "a", 1)
		}, []any{"level", level.ErrorValue(), "msg", "m", "a", int64(1)}},
		{"LogValuer", func(l *slog.Logger) {
			l.With("v", lazy("with")).Info("m", "w", lazy("record"))
		}, []any{"level", level.InfoValue(), "msg", "m", "v", "with", "w", "record"}},
		{"no attrs", func(l *slog.Logger) { l.Info("") },
			[]any{"level", level.InfoValue(), "msg", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var c capture
			tt.log(slog.New(kitslog.NewHandler(&c, nil)))
			events := c.all()
			if len(events) != 1 {
				t.Fatalf("got %d events", len(events))
			}
			if got := withoutTime(events[0]); !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

type lazy string

func (l lazy) LogValue() slog.Value { return slog.StringValue(string(l)) }

func TestHandlerLevels(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   slog.Level
		want level.Value
	}{
		{slog.LevelDebug - 4, level.DebugValue()},
		{slog.LevelDebug, level.DebugValue()},
		{slog.LevelInfo - 1, level.DebugValue()},
		{slog.LevelInfo, level.InfoValue()},
		{slog.LevelInfo + 2, level.InfoValue()},
		{slog.LevelWarn, level.WarnValue()},
		{slog.LevelError - 1, level.WarnValue()},
		{slog.LevelError, level.ErrorValue()},
		{slog.LevelError + 8, level.ErrorValue()},
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			t.Parallel()
			var c capture
			h := kitslog.NewHandler(&c, &kitslog.HandlerOptions{Level: slog.Level(-100)})
			slog.New(h).Log(context.Background(), tt.in, "m")
			if got := withoutTime(c.all()[0])[1]; got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHandlerEnabled(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if h := kitslog.NewHandler(nil, nil); h.Enabled(ctx, slog.LevelDebug) || !h.Enabled(ctx, slog.LevelInfo) {
		t.Error("the default minimum level is not Info")
	}
	var lv slog.LevelVar
	lv.Set(slog.LevelError)
	h := kitslog.NewHandler(log.NewNopLogger(), &kitslog.HandlerOptions{Level: &lv})
	if h.Enabled(ctx, slog.LevelWarn) {
		t.Error("Warn enabled at Error")
	}
	lv.Set(slog.LevelWarn)
	if !h.Enabled(ctx, slog.LevelWarn) {
		t.Error("LevelVar change not seen")
	}
	// A nil logger discards.
	if err := kitslog.NewHandler(nil, nil).Handle(ctx, slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0)); err != nil {
		t.Error(err)
	}
}

func TestHandlerReplaceAttr(t *testing.T) {
	t.Parallel()
	var c capture
	var seen [][]string
	h := kitslog.NewHandler(&c, &kitslog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			seen = append(seen, slices.Clone(groups))
			switch {
			case groups == nil && a.Key == slog.TimeKey:
				return slog.Attr{}
			case groups == nil && a.Key == slog.MessageKey:
				a.Key = "message"
			case a.Key == "secret":
				a.Value = slog.StringValue("***")
			case a.Key == "drop":
				return slog.Attr{}
			}
			return a
		},
	})
	slog.New(h).WithGroup("g").With("secret", "pw").Info("hi", "drop", 1, "keep", 2)
	want := []any{"level", level.InfoValue(), "message", "hi", "g.secret", "***", "g.keep", int64(2)}
	if got := c.all()[0]; !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	wantSeen := [][]string{{"g"}, nil, nil, nil, {"g"}, {"g"}}
	if !slices.EqualFunc(seen, wantSeen, slices.Equal) {
		t.Errorf("groups seen %q, want %q", seen, wantSeen)
	}

	// A level replaced by another slog.Level is still converted.
	c = capture{}
	h = kitslog.NewHandler(&c, &kitslog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.LevelKey {
				return slog.Any("severity", slog.LevelError)
			}
			return a
		},
	})
	slog.New(h).Info("m")
	if got := withoutTime(c.all()[0]); got[0] != "severity" || got[1] != level.ErrorValue() {
		t.Errorf("got %v", got)
	}
}

func TestHandlerAddSource(t *testing.T) {
	t.Parallel()
	var c capture
	l := slog.New(kitslog.NewHandler(&c, &kitslog.HandlerOptions{AddSource: true}))
	_, _, line, _ := runtime.Caller(0)
	l.Info("m")
	got := withoutTime(c.all()[0])
	if got[4] != slog.SourceKey {
		t.Fatalf("no source: %v", got)
	}
	if want := fmt.Sprintf("handler_test.go:%d", line+1); filepath.Base(got[5].(string)) != want {
		t.Errorf("source %v, want …/%s", got[5], want)
	}
	// No PC, no source.
	c = capture{}
	_ = l.Handler().Handle(context.Background(), slog.NewRecord(time.Time{}, slog.LevelInfo, "m", 0))
	if got := c.all()[0]; len(got) != 4 {
		t.Errorf("got %v", got)
	}
}

func TestHandlerError(t *testing.T) {
	t.Parallel()
	errLog := errors.New("log failed")
	h := kitslog.NewHandler(log.LoggerFunc(func(...any) error { return errLog }), nil)
	if err := h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0)); !errors.Is(err, errLog) {
		t.Errorf("got %v, want %v", err, errLog)
	}
}

func TestHandlerFilter(t *testing.T) {
	t.Parallel()
	var c capture
	kit := level.NewFilter(&c, level.AllowWarn())
	l := slog.New(kitslog.NewHandler(kit, &kitslog.HandlerOptions{Level: slog.LevelDebug}))
	l.Debug("d")
	l.Info("i")
	l.Warn("w")
	l.Error("e")
	var msgs []any
	for _, e := range c.all() {
		msgs = append(msgs, withoutTime(e)[3])
	}
	if want := []any{"w", "e"}; !slices.Equal(msgs, want) {
		t.Errorf("got %v, want %v", msgs, want)
	}
}

func TestHandlerConcurrent(t *testing.T) {
	t.Parallel()
	var c capture
	base := slog.New(kitslog.NewHandler(&c, nil)).With("shared", 1)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			l := base.WithGroup(fmt.Sprint("g", g)).With("id", g)
			for i := range 100 {
				l.Info("m", "i", i)
			}
		})
	}
	wg.Wait()
	events := c.all()
	if len(events) != 800 {
		t.Fatalf("got %d events", len(events))
	}
	for _, e := range events {
		e = withoutTime(e)
		g := e[7].(int64)
		if e[4] != "shared" || e[6] != fmt.Sprintf("g%d.id", g) || e[8] != fmt.Sprintf("g%d.i", g) {
			t.Fatalf("corrupt event %v", e)
		}
	}
}

func TestHandlerSlogtestJSON(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	slogtest.Run(t,
		func(*testing.T) slog.Handler {
			buf.Reset()
			return kitslog.NewHandler(log.NewJSONLogger(&buf), nil)
		},
		func(t *testing.T) map[string]any {
			var flat map[string]any
			if err := json.Unmarshal(buf.Bytes(), &flat); err != nil {
				t.Fatalf("%q: %v", buf.String(), err)
			}
			kv := make([]any, 0, 2*len(flat))
			for k, v := range flat {
				kv = append(kv, k, v)
			}
			return nested(kv)
		})
}
