package log

import (
	"errors"
	"sync/atomic"

	"github.com/seedkit/kit/log/internal/prefilter"
)

// Logger is the fundamental interface for all log operations. Log creates a
// log event from keyvals, a variadic sequence of alternating keys and values.
// Implementations must be safe for concurrent use by multiple goroutines. In
// particular, any implementation of Logger that appends to keyvals or
// modifies or retains any of its elements must make a copy first.
type Logger interface {
	Log(keyvals ...any) error
}

// ErrMissingValue is appended to keyvals slices with odd length to substitute
// the missing value. It logs as "(MISSING)".
var ErrMissingValue = errors.New("(MISSING)")

// With returns a new contextual logger with keyvals prepended to those passed
// to calls to Log. If logger is also a contextual logger created by With,
// WithPrefix, or WithSuffix, keyvals is appended to the existing context, so
// that nesting contexts stays as cheap as a single one.
//
// The returned Logger replaces all value elements (odd indexes) containing a
// Valuer with their generated value for each call to its Log method. If
// keyvals has an odd length, ErrMissingValue is appended to it. With returns
// logger itself when keyvals is empty. keyvals is copied; the caller may
// reuse it.
func With(logger Logger, keyvals ...any) Logger {
	if len(keyvals) == 0 {
		return logger
	}
	l := newContext(logger)
	return l.derive(joinPairs(l.keyvals, keyvals, false), l.sKeyvals)
}

// WithPrefix returns a new contextual logger with keyvals prepended to those
// passed to calls to Log. If logger is also a contextual logger, keyvals is
// prepended to the existing context.
//
// The returned Logger replaces all value elements (odd indexes) containing a
// Valuer with their generated value for each call to its Log method. If
// keyvals has an odd length, ErrMissingValue is appended to it. WithPrefix
// returns logger itself when keyvals is empty.
func WithPrefix(logger Logger, keyvals ...any) Logger {
	if len(keyvals) == 0 {
		return logger
	}
	l := newContext(logger)
	return l.derive(joinPairs(l.keyvals, keyvals, true), l.sKeyvals)
}

// WithSuffix returns a new contextual logger with keyvals appended to those
// passed to calls to Log. If logger is also a contextual logger, keyvals is
// appended to the existing suffix, so that the suffix added last is logged
// last.
//
// The returned Logger replaces all value elements (odd indexes) containing a
// Valuer with their generated value for each call to its Log method. If
// keyvals has an odd length, ErrMissingValue is appended to it. WithSuffix
// returns logger itself when keyvals is empty.
func WithSuffix(logger Logger, keyvals ...any) Logger {
	if len(keyvals) == 0 {
		return logger
	}
	l := newContext(logger)
	return l.derive(l.keyvals, joinPairs(l.sKeyvals, keyvals, false))
}

// context is the Logger returned by With, WithPrefix and WithSuffix. It is
// immutable once built, apart from the cache of derived loggers, which is
// safe for concurrent use.
//
// context must call its Valuers from a function called directly by its Log
// method (bindValues), so that Caller(3) reports the caller of Log.
type context struct {
	logger     Logger
	filter     prefilter.Filter // logger, when it can drop events early
	keyvals    []any            // even length, capacity == length
	sKeyvals   []any            // even length, capacity == length
	hasValuer  bool
	sHasValuer bool
	derived    [prefilter.Slots]atomic.Pointer[context]
}

// derive returns a context that logs through the same logger as l, with
// the prefix pairs pre and the suffix pairs suf.
func (l *context) derive(pre, suf []any) *context {
	return &context{
		logger:     l.logger,
		filter:     l.filter,
		keyvals:    pre,
		hasValuer:  containsValuer(pre),
		sKeyvals:   suf,
		sHasValuer: containsValuer(suf),
	}
}

// joinPairs returns a new slice holding old and added, added first when
// addedFirst, with ErrMissingValue completing added when its length is odd.
// The result's capacity equals its length, so appending to it copies and a
// context never shares a backing array it could write to.
func joinPairs(old, added []any, addedFirst bool) []any {
	n := len(old) + len(added) + len(added)%2
	kvs := make([]any, 0, n)
	if !addedFirst {
		kvs = append(kvs, old...)
	}
	kvs = append(kvs, added...)
	if len(added)%2 != 0 {
		kvs = append(kvs, ErrMissingValue)
	}
	if addedFirst {
		kvs = append(kvs, old...)
	}
	return kvs
}

func newContext(logger Logger) *context {
	if c, ok := logger.(*context); ok {
		return c
	}
	f, _ := logger.(prefilter.Filter)
	return &context{logger: logger, filter: f}
}

// Log replaces all value elements (odd indexes) containing a Valuer in the
// stored context with their generated value, appends keyvals, and passes the
// result to the wrapped Logger.
func (l *context) Log(keyvals ...any) error {
	if l.filter != nil {
		if drop, err := l.filter.Prefilter(l.keyvals, keyvals, l.sKeyvals); drop {
			return err
		}
	}
	odd := len(keyvals) % 2
	n := len(l.keyvals) + len(keyvals) + odd + len(l.sKeyvals)
	kvs := make([]any, n)
	copy(kvs, l.keyvals)
	copy(kvs[len(l.keyvals):], keyvals)
	if odd != 0 {
		kvs[len(l.keyvals)+len(keyvals)] = ErrMissingValue
	}
	copy(kvs[n-len(l.sKeyvals):], l.sKeyvals)
	if l.hasValuer {
		bindValues(kvs[:len(l.keyvals)])
	}
	if l.sHasValuer {
		bindValues(kvs[n-len(l.sKeyvals):])
	}
	return l.logger.Log(kvs...)
}

// DerivePrefix implements prefilter.Deriver: it returns
// WithPrefix(l, key, value), built once per slot.
func (l *context) DerivePrefix(slot int, key, value any) prefilter.Logger {
	if slot < 0 || slot >= len(l.derived) {
		return WithPrefix(l, key, value)
	}
	if d := l.derived[slot].Load(); d != nil {
		return d
	}
	d := WithPrefix(l, key, value).(*context)
	if l.derived[slot].CompareAndSwap(nil, d) {
		return d
	}
	return l.derived[slot].Load()
}

// LoggerFunc is an adapter to allow use of ordinary functions as Loggers. If
// f is a function with the appropriate signature, LoggerFunc(f) is a Logger
// object that calls f.
type LoggerFunc func(...any) error

// Log implements Logger by calling f(keyvals...).
func (f LoggerFunc) Log(keyvals ...any) error {
	return f(keyvals...)
}
