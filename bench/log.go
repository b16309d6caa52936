package bench

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	gokitlog "github.com/go-kit/log"
	gokitlevel "github.com/go-kit/log/level"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
)

// Every logging case writes one event with a timestamp, a level, a message
// and nine more key/value pairs of common types (ten user key/values), to
// io.Discard.

var errExample = errors.New("connection refused")

func kvPairs() []any {
	return []any{
		"msg", "request served",
		"method", "Sum",
		"path", "/sum",
		"a", 2,
		"b", int64(3),
		"ratio", 0.625,
		"ok", true,
		"took", 1500 * time.Microsecond,
		"user", "alice smith",
		"err", errExample,
	}
}

func slogAttrs() []slog.Attr {
	return []slog.Attr{
		slog.String("method", "Sum"),
		slog.String("path", "/sum"),
		slog.Int("a", 2),
		slog.Int64("b", 3),
		slog.Float64("ratio", 0.625),
		slog.Bool("ok", true),
		slog.Duration("took", 1500*time.Microsecond),
		slog.String("user", "alice smith"),
		slog.Any("err", errExample),
	}
}

func runSlog(b *testing.B, h slog.Handler) {
	logger := slog.New(h)
	attrs := slogAttrs()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		logger.LogAttrs(ctx, slog.LevelInfo, "request served", attrs...)
	}
}

func runKit(b *testing.B, base log.Logger) {
	logger := level.Info(log.With(base, "ts", log.DefaultTimestampUTC))
	kvs := kvPairs()
	b.ReportAllocs()
	for b.Loop() {
		if err := logger.Log(kvs...); err != nil {
			b.Fatal(err)
		}
	}
}

func runGokit(b *testing.B, base gokitlog.Logger) {
	logger := gokitlevel.Info(gokitlog.With(base, "ts", gokitlog.DefaultTimestampUTC))
	kvs := kvPairs()
	b.ReportAllocs()
	for b.Loop() {
		if err := logger.Log(kvs...); err != nil {
			b.Fatal(err)
		}
	}
}

func logfmtGroup() Group {
	return Group{
		Name:     "log: logfmt line, ts + level + 10 key/values",
		Baseline: "slog.TextHandler",
		Target:   "kit <= 1.0x slog.TextHandler (Go kit 1.85x)",
		Cases: []Case{
			{"slog.TextHandler", func(b *testing.B) { runSlog(b, slog.NewTextHandler(io.Discard, nil)) }},
			{"kit", func(b *testing.B) { runKit(b, log.NewLogfmtLogger(io.Discard)) }},
			{"go-kit", func(b *testing.B) { runGokit(b, gokitlog.NewLogfmtLogger(io.Discard)) }},
		},
	}
}

func jsonGroup() Group {
	return Group{
		Name:     "log: JSON line, ts + level + 10 key/values",
		Baseline: "slog.JSONHandler",
		Target:   "kit <= 1.2x slog.JSONHandler (Go kit 3.9x)",
		Cases: []Case{
			{"slog.JSONHandler", func(b *testing.B) { runSlog(b, slog.NewJSONHandler(io.Discard, nil)) }},
			{"kit", func(b *testing.B) { runKit(b, log.NewJSONLogger(io.Discard)) }},
			{"go-kit", func(b *testing.B) { runGokit(b, gokitlog.NewJSONLogger(io.Discard)) }},
		},
	}
}

func levelGroup() Group {
	return Group{
		Name:     "log: debug line dropped by level filter under With(ts)",
		Baseline: "slog disabled level",
		Target:   "kit <= 100 ns and <= 1 alloc (Go kit 1.1 us, 12 allocs)",
		Cases: []Case{
			{"slog disabled level", func(b *testing.B) {
				logger := slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
				ctx := context.Background()
				b.ReportAllocs()
				for b.Loop() {
					logger.DebugContext(ctx, "dropped", "k", "v")
				}
			}},
			{"kit", func(b *testing.B) {
				logger := log.With(level.NewFilter(log.NewLogfmtLogger(io.Discard), level.AllowInfo()), "ts", log.DefaultTimestampUTC)
				b.ReportAllocs()
				for b.Loop() {
					_ = level.Debug(logger).Log("msg", "dropped", "k", "v")
				}
			}},
			{"go-kit", func(b *testing.B) {
				logger := gokitlog.With(gokitlevel.NewFilter(gokitlog.NewLogfmtLogger(io.Discard), gokitlevel.AllowInfo()), "ts", gokitlog.DefaultTimestampUTC)
				b.ReportAllocs()
				for b.Loop() {
					_ = gokitlevel.Debug(logger).Log("msg", "dropped", "k", "v")
				}
			}},
		},
	}
}
