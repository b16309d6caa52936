// Package level implements leveled logging on top of package log,
// API-compatible with github.com/go-kit/log/level v0.2.1 and
// github.com/go-kit/kit/log/level.
//
// To use the level package, create a logger as per normal in your func
// main, and wrap it with level.NewFilter. Then log with the helpers Debug,
// Info, Warn and Error, which add a "level" key to the event:
//
//	package main
//
//	import (
//		"errors"
//		"os"
//
//		"github.com/seedkit/kit/log"
//		"github.com/seedkit/kit/log/level"
//	)
//
//	func main() {
//		logger := log.NewLogfmtLogger(os.Stdout)
//		logger = level.NewFilter(logger, level.AllowInfo()) // <--
//		logger = log.With(logger, "ts", log.DefaultTimestampUTC)
//
//		level.Debug(logger).Log("msg", "not written")
//		level.Info(logger).Log("msg", "serving", "port", 8080)
//		level.Error(logger).Log("err", errors.New("bad request"))
//		// level=info ts=2024-05-06T07:08:09.123456789Z msg=serving port=8080
//		// level=error ts=2024-05-06T07:08:09.123460001Z err="bad request"
//	}
//
// NewFilter squelches the events whose level its options (AllowInfo, Allow,
// AllowNone...) do not allow and, optionally, the events without a level
// (SquelchNoLevel). Log returns nil for a squelched event unless an error is
// configured with ErrNotAllowed or ErrNoLevel. NewInjector gives a default
// level to events that have none. Parse and ParseDefault turn a
// configuration string such as "warn" into a Value.
//
// Filtering is cheap: when a filter is wrapped by log.With and friends, a
// squelched event is recognized before any Valuer (such as a timestamp) is
// evaluated and before any key/value is copied, and Debug, Info, Warn and
// Error reuse the contextual logger they derive from such a logger instead
// of building a new one on every call. Leave debug logging in hot code.
package level
