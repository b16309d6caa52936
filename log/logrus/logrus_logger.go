package logrus

import (
	"fmt"

	"github.com/sirupsen/logrus"

	"github.com/seedkit/kit/log"
)

// Logger is a log.Logger that writes through a logrus.FieldLogger. Create
// one with NewLogger; the zero value is not usable.
type Logger struct {
	field logrus.FieldLogger
	level logrus.Level
}

// Option configures a Logger built by NewLogger.
type Option func(*Logger)

// WithLevel sets the logrus level at which every event is logged: one of
// logrus.TraceLevel, DebugLevel, InfoLevel (the default), WarnLevel and
// ErrorLevel. As in Go kit, any other level (logrus.PanicLevel and
// logrus.FatalLevel included) logs at InfoLevel, so the adapter never
// panics and never exits the process. Events below the logrus logger's own
// level are dropped by logrus.
func WithLevel(level logrus.Level) Option {
	return func(l *Logger) { l.level = level }
}

// NewLogger returns a log.Logger that sends each event to logger as one
// entry with an empty message, as Go kit does: every pair, "msg" included,
// is a logrus field (logrus's formatters write a "msg" field as
// "fields.msg"). Keys that are not strings are formatted with fmt.Sprint; a
// key without a value gets log.ErrMissingValue. When a key repeats, the
// last value wins.
//
// When logger is a *logrus.Logger or *logrus.Entry, a level it does not
// enable costs no allocation. The result is safe for concurrent use if
// logger is (logrus loggers are).
// Log always returns nil: logrus reports its own write errors. A nil logger
// yields a logger that discards every event (Go kit's panics).
func NewLogger(logger logrus.FieldLogger, options ...Option) log.Logger {
	if logger == nil {
		return log.NewNopLogger()
	}
	l := Logger{field: logger, level: logrus.InfoLevel}
	for _, o := range options {
		if o != nil {
			o(&l)
		}
	}
	if l.level < logrus.ErrorLevel || l.level > logrus.TraceLevel {
		l.level = logrus.InfoLevel
	}
	return l
}

// Log implements log.Logger; see NewLogger.
func (l Logger) Log(keyvals ...any) error {
	if l.field == nil || !l.enabled() {
		return nil
	}
	fields := make(logrus.Fields, (len(keyvals)+1)/2)
	for i := 0; i < len(keyvals); i += 2 {
		var v any = log.ErrMissingValue
		if i+1 < len(keyvals) {
			v = keyvals[i+1]
		}
		fields[keyString(keyvals[i])] = v
	}
	l.field.WithFields(fields).Log(l.level)
	return nil
}

// levelEnabler is implemented by *logrus.Logger.
type levelEnabler interface {
	IsLevelEnabled(logrus.Level) bool
}

// enabled reports whether the event would be logged, so that a disabled
// level costs no fields; FieldLoggers that cannot tell are asked to log.
func (l Logger) enabled() bool {
	switch f := l.field.(type) {
	case levelEnabler:
		return f.IsLevelEnabled(l.level)
	case *logrus.Entry:
		return f.Logger == nil || f.Logger.IsLevelEnabled(l.level)
	}
	return true
}

// keyString formats a key as a logrus field name; fmt.Sprint recovers from
// panicking String methods, so no key makes Log panic.
func keyString(k any) string {
	if s, ok := k.(string); ok {
		return s
	}
	return fmt.Sprint(k)
}
