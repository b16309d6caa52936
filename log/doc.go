// Package log provides a structured logger, API-compatible with
// github.com/go-kit/log v0.2.1 and github.com/go-kit/kit/log.
//
// Structured logging produces logs easily consumed later by humans or
// machines. Humans might be interested in debugging errors, or tracing
// specific requests. Machines might be interested in counting interesting
// events, or aggregating information for off-line processing. In both
// cases, it is important that the log messages are structured and
// actionable. Package log is designed to encourage both of these best
// practices.
//
// # Basic Usage
//
// The fundamental interface is Logger. Loggers create log events from
// key/value data, passed to Log as alternating keys and values:
//
//	package main
//
//	import (
//		"os"
//
//		"github.com/seedkit/kit/log"
//	)
//
//	func main() {
//		logger := log.NewLogfmtLogger(log.NewSyncWriter(os.Stderr))
//		logger = log.With(logger, "ts", log.DefaultTimestampUTC, "caller", log.DefaultCaller)
//
//		logger.Log("msg", "starting", "port", 8080)
//		// ts=2024-05-06T07:08:09.123456789Z caller=main.go:14 msg=starting port=8080
//	}
//
// It may be surprising that Log returns an error: a logger writes to an
// io.Writer, which can fail. Most callers ignore it; wrap the logger (see
// the level package's ErrNotAllowed, or a LoggerFunc) when an error must be
// handled. An odd number of keyvals passed to With, WithPrefix or
// WithSuffix, or to the JSON logger, logs the missing value as
// ErrMissingValue, "(MISSING)"; the logfmt logger, given an odd number of
// keyvals directly, logs it as null, as Go kit does.
//
// # Contextual Loggers
//
// A contextual logger stores keyvals that it includes in all log events.
// Building appropriate contextual loggers reduces repetition and aids
// consistency in the resulting log output. With, WithPrefix, and WithSuffix
// add context to a logger. Context is flattened, so a logger built by many
// nested calls costs no more per event than one built by a single call.
//
// # Dynamic Contextual Values
//
// A Valuer function stored in a contextual logger generates a new value
// each time an event is logged. The Valuers provided by this package
// generate timestamps (Timestamp, TimestampFormat, DefaultTimestamp,
// DefaultTimestampUTC) and the caller's file and line (Caller,
// DefaultCaller). The timestamps are formatted lazily: only when a logger
// writes them.
//
// # Encoders
//
// NewLogfmtLogger writes events as logfmt lines, NewJSONLogger as JSON
// objects, one per line. Both encode each event into a pooled buffer, do
// not allocate for strings, numbers, booleans, errors, time.Duration and
// timestamps, and write each event with exactly one call to Write. How each
// type of key and value is written, and what happens when a String, Error
// or Marshal method panics (the event is still logged), is documented on
// the two constructors.
//
// # Concurrent Safety
//
// Applications with multiple goroutines want each log event written to the
// same logger to remain separate from other log events. Package log
// provides two simple solutions for concurrent safe logging.
//
// NewSyncWriter wraps an io.Writer and serializes each call to its Write
// method. Using a SyncWriter has the benefit that the smallest practical
// portion of the logging logic is performed within a mutex, but it
// requires the formatting Logger to make only one call to Write per log
// event, which the loggers of this package do.
//
// NewSyncLogger wraps a Logger and serializes each call to its Log method.
// Using a SyncLogger has the benefit that it guarantees each log event is
// handled atomically within the wrapped logger, but it typically
// serializes both the formatting and output logic.
//
// All loggers of this package are safe for concurrent use when the writer
// they write to is.
//
// # Standard Library Interoperability
//
// NewStdlibAdapter turns a Logger into an io.Writer that the standard
// library's log package can write to: it parses the date, time, file and
// message of each line into keys. StdlibWriter goes the other way.
//
// # Levels
//
// The level subpackage adds leveled logging (Debug, Info, Warn, Error) and
// filtering by level.
package log
