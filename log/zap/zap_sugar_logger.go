package zap

import (
	"fmt"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/seedkit/kit/log"
)

// callerSkip makes zap report the caller of a kit logger rather than this
// adapter: it skips the adapter's Log method and the one kit wrapper (as
// built by log.With or level.Info) that usually sits in front of it.
const callerSkip = 2

type zapLogger struct {
	logger *zap.Logger
	level  zapcore.Level
}

// NewZapSugarLogger returns a log.Logger that writes every event to logger
// at the given level, as an entry with an empty message whose fields are the
// event's key/value pairs, like zap's SugaredLogger.Infow("", keyvals...).
// Unlike the sugared logger it never reports (or, in development mode,
// panics on) malformed pairs: keys that are not strings are formatted with
// fmt.Sprint and a key without a value gets log.ErrMissingValue. (Go kit
// hands such pairs to the sugared logger, which drops them and logs an
// error entry about them instead.) A level outside zapcore.DebugLevel to
// zapcore.FatalLevel logs at InfoLevel, as in Go kit.
//
// The level check happens first, so events below the logger's level cost
// one call and no allocation. zap's own level semantics apply: at
// zapcore.DPanicLevel zap panics in development mode, at PanicLevel it
// panics and at FatalLevel it exits after writing the entry.
//
// Reported callers (zap.AddCaller) skip this adapter and one kit wrapper in
// front of it (log.With, level.Info, ...). The result is safe for concurrent
// use; Log always returns nil, as zap reports write errors to its
// ErrorOutput. A nil logger yields a logger that discards every event (Go
// kit panics).
func NewZapSugarLogger(logger *zap.Logger, level zapcore.Level) log.Logger {
	if logger == nil {
		return log.NewNopLogger()
	}
	if level < zapcore.DebugLevel || level > zapcore.FatalLevel {
		level = zapcore.InfoLevel
	}
	return &zapLogger{logger: logger.WithOptions(zap.AddCallerSkip(callerSkip)), level: level}
}

func (l *zapLogger) Log(keyvals ...any) error {
	ce := l.logger.Check(l.level, "")
	if ce == nil {
		return nil
	}
	fields := make([]zap.Field, 0, (len(keyvals)+1)/2)
	for i := 0; i < len(keyvals); i += 2 {
		var v any = log.ErrMissingValue
		if i+1 < len(keyvals) {
			v = keyvals[i+1]
		}
		fields = append(fields, zap.Any(keyString(keyvals[i]), v))
	}
	ce.Write(fields...)
	return nil
}

// keyString formats a key as a zap field name; fmt.Sprint recovers from
// panicking String methods, so no key makes Log panic.
func keyString(k any) string {
	if s, ok := k.(string); ok {
		return s
	}
	return fmt.Sprint(k)
}
