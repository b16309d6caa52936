package kitslog_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/kitslog"
	"github.com/seedkit/kit/log/level"
)

// BenchmarkLogger compares kit calls through NewLogger with the same event
// logged by slog directly, on the same JSON handler.
func BenchmarkLogger(b *testing.B) {
	h := slog.NewJSONHandler(io.Discard, nil)
	kit := kitslog.NewLogger(h)
	info, debug := level.Info(kit), level.Debug(kit)
	sl := slog.New(h)
	b.Run("kit/enabled", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				_ = info.Log("msg", "hello", "n", 42, "ok", true)
			}
		})
	})
	b.Run("slog/enabled", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				sl.Info("hello", "n", 42, "ok", true)
			}
		})
	})
	b.Run("kit/disabled", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				_ = debug.Log("msg", "hello", "n", 42, "ok", true)
			}
		})
	})
	b.Run("slog/disabled", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				sl.Debug("hello", "n", 42, "ok", true)
			}
		})
	})
}

// BenchmarkHandler compares slog calls through NewHandler with the same
// event logged by kit directly, on the same logfmt logger.
func BenchmarkHandler(b *testing.B) {
	kit := log.NewLogfmtLogger(io.Discard)
	info := level.Info(kit)
	sl := slog.New(kitslog.NewHandler(kit, nil))
	grouped := sl.WithGroup("g").With("id", 7)
	b.Run("slog", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				sl.Info("hello", "n", 42, "ok", true)
			}
		})
	})
	b.Run("slog/group", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				grouped.Info("hello", "n", 42, "ok", true)
			}
		})
	})
	b.Run("kit", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				_ = info.Log("msg", "hello", "n", 42, "ok", true)
			}
		})
	})
}
