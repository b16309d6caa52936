// Package kitslog bridges kit's log.Logger and the standard library's
// log/slog, in both directions:
//
//   - NewLogger returns a log.Logger backed by any slog.Handler, so that
//     code written against kit (or Go kit) logs through a program's slog
//     setup: the "msg" pair becomes the record's message, the "level" pair
//     (level.Info and friends) its level, and the other pairs attributes.
//   - NewHandler returns a slog.Handler backed by any log.Logger, so that
//     slog.Logger calls, and libraries that take a *slog.Logger, write
//     through kit loggers, filters and formats; slog levels become kit
//     level values.
//
// Both are safe for concurrent use. A round trip (kit -> slog -> kit or
// slog -> kit -> slog) keeps keys, values and levels; the kit side adds the
// record's time under "time".
//
// A small complete program:
//
//	package main
//
//	import (
//		"log/slog"
//		"os"
//
//		"github.com/seedkit/kit/log"
//		"github.com/seedkit/kit/log/kitslog"
//		"github.com/seedkit/kit/log/level"
//	)
//
//	func main() {
//		// kit -> slog: kit-style calls, slog's JSON output.
//		logger := kitslog.NewLogger(slog.NewJSONHandler(os.Stdout, nil))
//		level.Warn(logger).Log("msg", "cache cold", "entries", 0)
//
//		// slog -> kit: slog-style calls, kit's logfmt output and filter.
//		kit := level.NewFilter(log.NewLogfmtLogger(os.Stdout), level.AllowInfo())
//		slogger := slog.New(kitslog.NewHandler(kit, nil))
//		slogger.Info("listening", "addr", ":8080")
//	}
package kitslog
