package level

import (
	"errors"
	"strings"
	"sync/atomic"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/internal/prefilter"
)

// ErrInvalidLevelString is returned by Parse when its argument names no
// level.
var ErrInvalidLevelString = errors.New("invalid level string")

// Value is the interface that each of the canonical level values implement.
// It contains unexported methods that prevent types from other packages
// from implementing it and guaranteeing that NewFilter can distinguish the
// levels defined in this package from all other values.
type Value interface {
	String() string
	levelVal()
}

// level is a set of levels, one bit per level.
type level byte

const (
	levelDebug level = 1 << iota
	levelInfo
	levelWarn
	levelError
)

// levelValue is the concrete type of the four level values. They are
// compared by identity.
type levelValue struct {
	name string
	level
}

// String returns the level's name: "debug", "info", "warn" or "error".
func (v *levelValue) String() string { return v.name }
func (v *levelValue) levelVal()      {}

var (
	// key is boxed once, so that Key and the level loggers never allocate.
	key any = "level"

	debugValue = &levelValue{name: "debug", level: levelDebug}
	infoValue  = &levelValue{name: "info", level: levelInfo}
	warnValue  = &levelValue{name: "warn", level: levelWarn}
	errorValue = &levelValue{name: "error", level: levelError}
)

// Key returns the unique key added to log events by the loggers in this
// package: the string "level".
func Key() any { return key }

// DebugValue returns the unique value added to log events by Debug. It logs
// as "debug".
func DebugValue() Value { return debugValue }

// InfoValue returns the unique value added to log events by Info. It logs
// as "info".
func InfoValue() Value { return infoValue }

// WarnValue returns the unique value added to log events by Warn. It logs
// as "warn".
func WarnValue() Value { return warnValue }

// ErrorValue returns the unique value added to log events by Error. It logs
// as "error".
func ErrorValue() Value { return errorValue }

// Debug returns a logger that includes a Key/DebugValue pair, placed before
// any other key/value: it is log.WithPrefix(logger, Key(), DebugValue()).
// When logger was built by log.With, log.WithPrefix, log.WithSuffix or
// NewFilter, the returned logger is built once and then reused, so calling
// Debug on every event does not allocate.
func Debug(logger log.Logger) log.Logger { return withLevel(logger, 0, debugValue) }

// Info returns a logger that includes a Key/InfoValue pair; see Debug.
func Info(logger log.Logger) log.Logger { return withLevel(logger, 1, infoValue) }

// Warn returns a logger that includes a Key/WarnValue pair; see Debug.
func Warn(logger log.Logger) log.Logger { return withLevel(logger, 2, warnValue) }

// Error returns a logger that includes a Key/ErrorValue pair; see Debug.
func Error(logger log.Logger) log.Logger { return withLevel(logger, 3, errorValue) }

// withLevel returns log.WithPrefix(logger, key, v), reusing the copy cached
// by logger when it keeps one.
func withLevel(logger log.Logger, slot int, v *levelValue) log.Logger {
	if d, ok := logger.(prefilter.Deriver); ok {
		return d.DerivePrefix(slot, key, v)
	}
	return log.WithPrefix(logger, key, v)
}

// NewFilter wraps next and implements level filtering. See the commentary
// on the Option functions for a detailed description of how to configure
// levels. If no options are provided, all leveled log events created with
// Debug, Info, Warn or Error helper methods are squelched and non-leveled
// log events are passed to next unmodified.
//
// The level of an event is given by the first value (odd index) in its
// keyvals that is one of this package's level Values, whatever its key.
// The returned logger is safe for concurrent use if next is. A squelched
// event is not passed to next; Log returns the error configured with
// ErrNotAllowed or ErrNoLevel (nil by default).
//
// When the returned logger is wrapped by log.With and friends, the
// contextual logger asks the filter whether the event will be dropped
// before it evaluates any Valuer or copies any key/value, so a squelched
// event costs almost nothing. Events whose level could come from a Valuer
// are decided after the Valuers run, as usual.
func NewFilter(next log.Logger, options ...Option) log.Logger {
	l := &logger{next: next}
	for _, option := range options {
		option(l)
	}
	l.nextFilter, _ = next.(prefilter.Filter)
	return l
}

// logger is the Logger returned by NewFilter.
type logger struct {
	next           log.Logger
	nextFilter     prefilter.Filter // next, when it can drop events early
	allowed        level
	squelchNoLevel bool
	errNotAllowed  error
	errNoLevel     error
	derived        [prefilter.Slots]atomic.Pointer[log.Logger]
}

// Log passes keyvals to the next logger unless the filter's options squelch
// the event.
func (l *logger) Log(keyvals ...any) error {
	for i := 1; i < len(keyvals); i += 2 {
		if v, ok := keyvals[i].(*levelValue); ok {
			if l.allowed&v.level == 0 {
				return l.errNotAllowed
			}
			return l.next.Log(keyvals...)
		}
	}
	if l.squelchNoLevel {
		return l.errNoLevel
	}
	return l.next.Log(keyvals...)
}

// Prefilter implements prefilter.Filter with the same rules as Log.
func (l *logger) Prefilter(prefix, keyvals, suffix []any) (bool, error) {
	for seg, kvs := range [...][]any{prefix, keyvals, suffix} {
		for i := 1; i < len(kvs); i += 2 {
			switch v := kvs[i].(type) {
			case *levelValue:
				if l.allowed&v.level == 0 {
					return true, l.errNotAllowed
				}
				return l.passOn(prefix, keyvals, suffix)
			case log.Valuer:
				if seg != 1 {
					// Bound before the event reaches us: its value might
					// be a level. Let the event be built and decide then.
					return false, nil
				}
			}
		}
	}
	if l.squelchNoLevel {
		return true, l.errNoLevel
	}
	return l.passOn(prefix, keyvals, suffix)
}

// passOn asks the next logger, if it is a filter too, about an event this
// one lets through.
func (l *logger) passOn(prefix, keyvals, suffix []any) (bool, error) {
	if l.nextFilter != nil {
		return l.nextFilter.Prefilter(prefix, keyvals, suffix)
	}
	return false, nil
}

// DerivePrefix implements prefilter.Deriver: it returns
// log.WithPrefix(l, k, v), built once per slot.
func (l *logger) DerivePrefix(slot int, k, v any) prefilter.Logger {
	if slot < 0 || slot >= len(l.derived) {
		return log.WithPrefix(l, k, v)
	}
	if p := l.derived[slot].Load(); p != nil {
		return *p
	}
	d := log.WithPrefix(l, k, v)
	l.derived[slot].CompareAndSwap(nil, &d)
	return *l.derived[slot].Load()
}

// Option sets a parameter for the leveled logger.
type Option func(*logger)

// Allow the provided log level to pass: Allow(InfoValue()) is AllowInfo().
// A Value not returned by this package allows nothing.
func Allow(v Value) Option {
	switch v {
	case debugValue:
		return AllowDebug()
	case infoValue:
		return AllowInfo()
	case warnValue:
		return AllowWarn()
	case errorValue:
		return AllowError()
	default:
		return AllowNone()
	}
}

// AllowAll is an alias for AllowDebug.
func AllowAll() Option {
	return AllowDebug()
}

// AllowDebug allows error, warn, info and debug level log events to pass.
func AllowDebug() Option {
	return allowed(levelError | levelWarn | levelInfo | levelDebug)
}

// AllowInfo allows error, warn and info level log events to pass.
func AllowInfo() Option {
	return allowed(levelError | levelWarn | levelInfo)
}

// AllowWarn allows error and warn level log events to pass.
func AllowWarn() Option {
	return allowed(levelError | levelWarn)
}

// AllowError allows only error level log events to pass.
func AllowError() Option {
	return allowed(levelError)
}

// AllowNone allows no leveled log events to pass.
func AllowNone() Option {
	return allowed(0)
}

func allowed(allowed level) Option {
	return func(l *logger) { l.allowed = allowed }
}

// ErrNotAllowed sets the error to return from Log when it squelches a log
// event disallowed by the configured Allow[Level] option. By default,
// ErrNotAllowed is nil; in this case the log event is squelched with no
// error.
func ErrNotAllowed(err error) Option {
	return func(l *logger) { l.errNotAllowed = err }
}

// SquelchNoLevel instructs Log to squelch log events with no level, so that
// they don't proceed through to the wrapped logger. If SquelchNoLevel is set
// to true and a log event is squelched in this way, the error value
// configured with ErrNoLevel is returned to the caller.
func SquelchNoLevel(squelch bool) Option {
	return func(l *logger) { l.squelchNoLevel = squelch }
}

// ErrNoLevel sets the error to return from Log when it squelches a log event
// with no level. By default, ErrNoLevel is nil; in this case the log event
// is squelched with no error.
func ErrNoLevel(err error) Option {
	return func(l *logger) { l.errNoLevel = err }
}

// NewInjector wraps next and returns a logger that adds a Key/level pair to
// the beginning of log events that don't already contain a level. In
// effect, this gives a default level to logs without a level. keyvals
// passed to Log are not modified.
func NewInjector(next log.Logger, level Value) log.Logger {
	return &injector{next: next, level: level}
}

// injector is the Logger returned by NewInjector.
type injector struct {
	next  log.Logger
	level any
}

// Log passes keyvals to the next logger, prefixed by the default level if
// they hold no level.
func (l *injector) Log(keyvals ...any) error {
	for i := 1; i < len(keyvals); i += 2 {
		if _, ok := keyvals[i].(*levelValue); ok {
			return l.next.Log(keyvals...)
		}
	}
	kvs := make([]any, len(keyvals)+2)
	kvs[0], kvs[1] = key, l.level
	copy(kvs[2:], keyvals)
	return l.next.Log(kvs...)
}

// Parse returns the Value named by level: "debug", "info", "warn" or
// "error", with surrounding white space ignored and in any case that
// strings.ToLower maps to these names. Any other string yields
// ErrInvalidLevelString.
func Parse(level string) (Value, error) {
	switch strings.ToLower(strings.TrimSpace(level)) {
	case "debug":
		return debugValue, nil
	case "info":
		return infoValue, nil
	case "warn":
		return warnValue, nil
	case "error":
		return errorValue, nil
	}
	return nil, ErrInvalidLevelString
}

// ParseDefault returns the Value named by level, as Parse does, or def if
// level names no level.
func ParseDefault(level string, def Value) Value {
	v, err := Parse(level)
	if err != nil {
		return def
	}
	return v
}
