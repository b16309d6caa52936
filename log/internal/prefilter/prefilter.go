// Package prefilter holds the unexported contract between the log package's
// contextual loggers and the level package's filters. It lets a context
// logger ask the filter it wraps whether an event would be dropped before it
// evaluates any Valuer or copies any key/value, and lets the level package
// reuse the contexts it derives from a logger. Nothing here is part of kit's
// public API.
package prefilter

// Logger has the method set of log.Logger; this package cannot import log.
type Logger = interface{ Log(keyvals ...any) error }

// Filter is implemented by loggers that can decide, from the raw segments an
// event is built from, that they will drop it.
type Filter interface {
	// Prefilter considers the event made of prefix, then keyvals, then (if
	// keyvals has an odd length) a missing-value marker, then suffix. Values
	// in prefix and suffix that are Valuers are bound before the event reaches
	// the filter; values in keyvals are not. Prefilter returns drop == true
	// and the error the filter's Log method would return when the event is
	// certainly dropped, and drop == false when the event is allowed or the
	// outcome depends on a Valuer's result. It must not call Valuers, modify
	// or retain the slices.
	Prefilter(prefix, keyvals, suffix []any) (drop bool, err error)
}

// Slots is the number of derived loggers a Deriver caches; slot i holds the
// logger for the i-th level (debug, info, warn, error).
const Slots = 4

// Deriver is implemented by loggers that cache the logger returned by
// log.WithPrefix(logger, key, value) per slot, so that level.Debug(logger)
// and friends do not allocate on every call. The caller guarantees that key
// and value are always the same for a given slot.
type Deriver interface {
	DerivePrefix(slot int, key, value any) Logger
}
