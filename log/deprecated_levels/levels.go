package levels

import "github.com/seedkit/kit/log"

// Levels holds a logger and the key and values that mark the level of an
// event. Build it with New; the zero value has an empty key and empty level
// values and a nil logger, whose methods return loggers that discard events.
// Levels is a value: copies are independent and safe for concurrent use if
// the wrapped logger is.
type Levels struct {
	logger log.Logger
	key    any

	debug, info, warn, errorValue, crit any
}

// Option configures the Levels returned by New.
type Option func(*Levels)

// New returns Levels logging to logger, with the key "level" and the values
// "debug", "info", "warn", "error" and "crit", each changeable by options.
// A nil logger yields Levels whose loggers discard every event (Go kit's
// panic).
func New(logger log.Logger, options ...Option) Levels {
	l := Levels{
		logger:     logger,
		key:        "level",
		debug:      "debug",
		info:       "info",
		warn:       "warn",
		errorValue: "error",
		crit:       "crit",
	}
	for _, o := range options {
		if o != nil {
			o(&l)
		}
	}
	return l
}

// With returns Levels whose loggers add keyvals to every event, after the
// level pair, as log.With does. The receiver is unchanged.
func (l Levels) With(keyvals ...any) Levels {
	l.logger = log.With(l.base(), keyvals...)
	return l
}

// Debug returns a logger that prefixes each event with the level key and
// the debug value.
func (l Levels) Debug() log.Logger { return l.at(l.debug) }

// Info returns a logger that prefixes each event with the level key and the
// info value.
func (l Levels) Info() log.Logger { return l.at(l.info) }

// Warn returns a logger that prefixes each event with the level key and the
// warn value.
func (l Levels) Warn() log.Logger { return l.at(l.warn) }

// Error returns a logger that prefixes each event with the level key and
// the error value.
func (l Levels) Error() log.Logger { return l.at(l.errorValue) }

// Crit returns a logger that prefixes each event with the level key and the
// crit value.
func (l Levels) Crit() log.Logger { return l.at(l.crit) }

func (l Levels) at(value any) log.Logger {
	return log.WithPrefix(l.base(), l.key, value)
}

// base is the wrapped logger, or a discarding one when there is none.
func (l Levels) base() log.Logger {
	if l.logger == nil {
		return log.NewNopLogger()
	}
	return l.logger
}

// Key sets the key that carries the level; the default is "level".
func Key(key string) Option {
	return func(l *Levels) { l.key = key }
}

// DebugValue sets the value of debug events; the default is "debug".
func DebugValue(value string) Option {
	return func(l *Levels) { l.debug = value }
}

// InfoValue sets the value of info events; the default is "info".
func InfoValue(value string) Option {
	return func(l *Levels) { l.info = value }
}

// WarnValue sets the value of warning events; the default is "warn".
func WarnValue(value string) Option {
	return func(l *Levels) { l.warn = value }
}

// ErrorValue sets the value of error events; the default is "error".
func ErrorValue(value string) Option {
	return func(l *Levels) { l.errorValue = value }
}

// CritValue sets the value of critical events; the default is "crit".
func CritValue(value string) Option {
	return func(l *Levels) { l.crit = value }
}
