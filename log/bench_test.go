package log_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
)

var errBench = errors.New("connection reset")

// The event logged by every benchmark below: a message and five attributes
// of the common types (string, int, float, bool, error, time.Duration).
func logEvent(l log.Logger) {
	l.Log("msg", "request served", "method", "GET", "status", 200,
		"ratio", 0.75, "cached", true, "err", errBench, "took", 1500*time.Microsecond)
}

func BenchmarkLogfmt(b *testing.B) {
	l := log.NewLogfmtLogger(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		logEvent(l)
	}
}

func BenchmarkJSON(b *testing.B) {
	l := log.NewJSONLogger(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		logEvent(l)
	}
}

// noTime drops slog's time attribute, so that slog does no more work than
// the kit loggers; the level attribute stays (it is cheap).
func noTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func slogEvent(l *slog.Logger) {
	l.LogAttrs(context.Background(), slog.LevelInfo, "request served",
		slog.String("method", "GET"), slog.Int("status", 200), slog.Float64("ratio", 0.75),
		slog.Bool("cached", true), slog.Any("err", errBench), slog.Duration("took", 1500*time.Microsecond))
}

func BenchmarkSlogText(b *testing.B) {
	l := slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{ReplaceAttr: noTime}))
	b.ReportAllocs()
	for b.Loop() {
		slogEvent(l)
	}
}

func BenchmarkSlogJSON(b *testing.B) {
	l := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{ReplaceAttr: noTime}))
	b.ReportAllocs()
	for b.Loop() {
		slogEvent(l)
	}
}

func BenchmarkSlogTextDefault(b *testing.B) {
	l := slog.New(slog.NewTextHandler(io.Discard, nil))
	b.ReportAllocs()
	for b.Loop() {
		slogEvent(l)
	}
}

func BenchmarkSlogJSONDefault(b *testing.B) {
	l := slog.New(slog.NewJSONHandler(io.Discard, nil))
	b.ReportAllocs()
	for b.Loop() {
		slogEvent(l)
	}
}

func BenchmarkLogfmtParallel(b *testing.B) {
	l := log.NewLogfmtLogger(io.Discard)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			logEvent(l)
		}
	})
}

func BenchmarkWithTimestamp(b *testing.B) {
	l := log.With(log.NewLogfmtLogger(io.Discard), "ts", log.DefaultTimestampUTC)
	b.ReportAllocs()
	for b.Loop() {
		logEvent(l)
	}
}

func BenchmarkSlogTextWithTime(b *testing.B) {
	l := slog.New(slog.NewTextHandler(io.Discard, nil))
	b.ReportAllocs()
	for b.Loop() {
		slogEvent(l)
	}
}

// BenchmarkLogfmtDevirtualized calls Log where the compiler can see the
// concrete logger, so the keyvals slice stays on the stack: it shows that
// the encoder itself allocates nothing.
func BenchmarkLogfmtDevirtualized(b *testing.B) {
	l := log.NewLogfmtLogger(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		l.Log("msg", "request served", "method", "GET", "status", 200,
			"ratio", 0.75, "cached", true, "err", errBench, "took", 1500*time.Microsecond)
	}
}

func BenchmarkJSONDevirtualized(b *testing.B) {
	l := log.NewJSONLogger(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		l.Log("msg", "request served", "method", "GET", "status", 200,
			"ratio", 0.75, "cached", true, "err", errBench, "took", 1500*time.Microsecond)
	}
}
