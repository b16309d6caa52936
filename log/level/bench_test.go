package level_test

import (
	"io"
	"testing"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
)

func BenchmarkSquelchedDebug(b *testing.B) {
	logger := log.With(level.NewFilter(log.NewLogfmtLogger(io.Discard), level.AllowInfo()), "ts", log.DefaultTimestampUTC)
	b.ReportAllocs()
	for b.Loop() {
		level.Debug(logger).Log("msg", "x")
	}
}

func BenchmarkSquelchedDebugParallel(b *testing.B) {
	logger := log.With(level.NewFilter(log.NewLogfmtLogger(io.Discard), level.AllowInfo()), "ts", log.DefaultTimestampUTC)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			level.Debug(logger).Log("msg", "x")
		}
	})
}

func BenchmarkAllowedInfo(b *testing.B) {
	logger := log.With(level.NewFilter(log.NewLogfmtLogger(io.Discard), level.AllowInfo()), "ts", log.DefaultTimestampUTC)
	b.ReportAllocs()
	for b.Loop() {
		level.Info(logger).Log("msg", "x")
	}
}

func BenchmarkFilterDirect(b *testing.B) {
	logger := level.NewFilter(log.NewLogfmtLogger(io.Discard), level.AllowInfo())
	b.ReportAllocs()
	for b.Loop() {
		level.Debug(logger).Log("msg", "x")
	}
}
