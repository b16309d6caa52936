package kitslog_test

import (
	"log/slog"
	"os"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/kitslog"
	"github.com/seedkit/kit/log/level"
)

// dropTime removes the time attribute so that the output is reproducible.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if groups == nil && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func ExampleNewLogger() {
	h := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: dropTime})
	logger := log.With(kitslog.NewLogger(h), "svc", "cache")

	level.Warn(logger).Log("msg", "cache cold", "entries", 0)
	level.Debug(logger).Log("msg", "not shown: the handler's level is Info")
	logger.Log("msg", "no level pair means Info", "dangling")
	// Output:
	// {"level":"WARN","msg":"cache cold","svc":"cache","entries":0}
	// {"level":"INFO","msg":"no level pair means Info","svc":"cache","dangling":"(MISSING)"}
}

func ExampleNewHandler() {
	kit := level.NewFilter(log.NewLogfmtLogger(os.Stdout), level.AllowInfo())
	logger := slog.New(kitslog.NewHandler(kit, &kitslog.HandlerOptions{
		Level:       slog.LevelDebug, // let kit's filter decide
		ReplaceAttr: dropTime,
	}))

	logger.Info("listening", "addr", ":8080")
	logger.Debug("dropped by level.NewFilter")
	logger.WithGroup("req").With("id", 7).Warn("slow", slog.Group("db", "ms", 250))
	// Output:
	// level=info msg=listening addr=:8080
	// level=warn msg=slow req.id=7 req.db.ms=250
}
