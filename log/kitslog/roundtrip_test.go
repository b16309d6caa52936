package kitslog_test

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/kitslog"
	"github.com/seedkit/kit/log/level"
)

// TestRoundTripKit sends kit events through slog and back into a kit logger.
func TestRoundTripKit(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		log  func(log.Logger) error
		want []any
	}{
		{"levels and values", func(l log.Logger) error {
			return level.Warn(l).Log("msg", "hi", "n", 3, "err", errBoom, "t", when, "d", time.Minute)
		}, []any{"level", level.WarnValue(), "msg", "hi", "n", int64(3), "err", errBoom, "t", when, "d", time.Minute}},
		{"each level", func(l log.Logger) error {
			for _, f := range []func(log.Logger) log.Logger{level.Debug, level.Info, level.Error} {
				if err := f(l).Log("msg", "x"); err != nil {
					return err
				}
			}
			return nil
		}, []any{"level", level.ErrorValue(), "msg", "x"}},
		{"context", func(l log.Logger) error {
			return level.Info(log.With(l, "svc", "billing")).Log("msg", "up", "bool", true)
		}, []any{"level", level.InfoValue(), "msg", "up", "svc", "billing", "bool", true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var c capture
			through := kitslog.NewLogger(kitslog.NewHandler(&c, &kitslog.HandlerOptions{Level: slog.LevelDebug}))
			if err := tt.log(through); err != nil {
				t.Fatal(err)
			}
			events := c.all()
			if got := withoutTime(events[len(events)-1]); !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestRoundTripSlog sends slog records through a kit logger and back into a
// slog handler.
func TestRoundTripSlog(t *testing.T) {
	t.Parallel()
	h := &recordHandler{min: slog.LevelDebug}
	l := slog.New(kitslog.NewHandler(kitslog.NewLogger(h), &kitslog.HandlerOptions{
		Level: slog.LevelDebug,
		// Drop the time the kit side adds; the record has its own.
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if groups == nil && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	errBoom := errors.New("boom")
	levels := []slog.Level{slog.LevelDebug, slog.LevelInfo, slog.LevelWarn, slog.LevelError}
	for _, lvl := range levels {
		l.With("a", 1).Log(context.Background(), lvl, "msg", "err", errBoom, slog.Group("g", "b", "x"))
	}
	rs := h.all()
	if len(rs) != len(levels) {
		t.Fatalf("got %d records", len(rs))
	}
	for i, r := range rs {
		if r.Level != levels[i] || r.Message != "msg" {
			t.Errorf("record %d: level %v msg %q", i, r.Level, r.Message)
		}
		if got, want := attrs(r), []any{"a", int64(1), "err", errBoom, "g.b", "x"}; !slices.Equal(got, want) {
			t.Errorf("record %d: attrs %v, want %v", i, got, want)
		}
	}
}
