package kitslog

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"github.com/seedkit/kit/log"
)

// Option configures the logger returned by NewLogger.
type Option func(*config)

type config struct {
	msgKey   string
	levelKey string
	level    slog.Leveler
}

// MessageKey sets the key whose value becomes the record's message; the
// default is "msg", the key kit's own loggers and Go kit programs use.
func MessageKey(key string) Option {
	return func(c *config) { c.msgKey = key }
}

// LevelKey sets the key whose value sets the record's level; the default is
// "level", the key of level.Key.
func LevelKey(key string) Option {
	return func(c *config) { c.levelKey = key }
}

// DefaultLevel sets the level of events that carry no recognised level
// pair; the default is slog.LevelInfo. A *slog.LevelVar is read at every
// event. A nil level restores the default.
func DefaultLevel(l slog.Leveler) Option {
	return func(c *config) { c.level = l }
}

// handlerLogger is the log.Logger returned by NewLogger.
type handlerLogger struct {
	h        slog.Handler
	msgKey   string
	levelKey string
	level    slog.Leveler
}

// NewLogger returns a log.Logger that turns each event into a slog.Record
// and passes it to h:
//
//   - the first "msg" pair (see MessageKey) is the record's message; a value
//     that is not a string is formatted with fmt.Sprint;
//   - the first "level" pair (see LevelKey) whose value is a level.Value
//     (as added by level.Info and friends), a slog.Level, any other
//     slog.Leveler, or a string level.Parse accepts ("debug", "info", "warn",
//     "error") is the record's level; without one the level is slog.LevelInfo
//     (see DefaultLevel). A level pair with any other value stays an
//     attribute;
//   - every other pair becomes an attribute, built with slog.Any, so errors
//     stay errors and times stay times. Keys that are not strings are
//     formatted with fmt.Sprint; a key without a value gets
//     log.ErrMissingValue. log.Valuer values are bound by kit's contextual
//     loggers (log.With) before they reach NewLogger; an unbound Valuer is
//     passed on as it is.
//
// The record's time is time.Now() and its PC is the caller's: frames of
// kit's log packages and of log/slog are skipped, so that a handler with
// AddSource reports the code that called Log, through log.With and
// level.Info wrappers included.
//
// Log first asks h.Enabled (with context.Background()) and returns nil
// without building anything when the level is disabled; otherwise it
// returns the error of h.Handle. The returned logger is safe for concurrent
// use if h is, as slog handlers must be. An enabled event allocates what
// slog.Record needs for more than five attributes and whatever h allocates;
// the keyvals slice is not retained. A nil h yields a logger that discards
// every event.
func NewLogger(h slog.Handler, options ...Option) log.Logger {
	if h == nil {
		return log.NewNopLogger()
	}
	c := config{msgKey: slog.MessageKey, levelKey: slog.LevelKey}
	for _, o := range options {
		if o != nil {
			o(&c)
		}
	}
	if c.level == nil {
		c.level = slog.LevelInfo
	}
	return &handlerLogger{h: h, msgKey: c.msgKey, levelKey: c.levelKey, level: c.level}
}

// noPair marks an absent pair.
const noPair = -1

func (l *handlerLogger) Log(keyvals ...any) error {
	// Find the message and level pairs first, so that a disabled level
	// costs no more than this scan.
	msgAt, levelAt := noPair, noPair
	lvl := l.level.Level()
	for i := 0; i < len(keyvals) && (msgAt == noPair || levelAt == noPair); i += 2 {
		k, ok := keyvals[i].(string)
		if !ok {
			continue
		}
		switch {
		case k == l.msgKey && msgAt == noPair:
			msgAt = i
		case k == l.levelKey && levelAt == noPair && i+1 < len(keyvals):
			if v, ok := slogLevel(keyvals[i+1]); ok {
				lvl, levelAt = v, i
			}
		}
	}
	ctx := context.Background()
	if !l.h.Enabled(ctx, lvl) {
		return nil
	}

	var msg string
	if msgAt != noPair {
		msg = message(value(keyvals, msgAt))
	}
	r := slog.NewRecord(time.Now(), lvl, msg, callerPC())
	for i := 0; i < len(keyvals); i += 2 {
		if i == msgAt || i == levelAt {
			continue
		}
		r.AddAttrs(slog.Any(keyString(keyvals[i]), value(keyvals, i)))
	}
	return l.h.Handle(ctx, r)
}

// value returns the value of the pair whose key is at i.
func value(keyvals []any, i int) any {
	if i+1 < len(keyvals) {
		return keyvals[i+1]
	}
	return log.ErrMissingValue
}

func message(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// keyString formats a key as an attribute key; fmt.Sprint recovers from
// panicking String methods, so no key makes Log panic.
func keyString(k any) string {
	if s, ok := k.(string); ok {
		return s
	}
	return fmt.Sprint(k)
}

// maxCallerDepth bounds the frames callerPC looks at.
const maxCallerDepth = 12

// internalPrefixes name the packages whose frames sit between a program and
// a NewLogger logger: kit's contextual and level loggers, the slog bridge
// itself and log/slog (for a slog.Logger over NewHandler over NewLogger).
var internalPrefixes = [...]string{
	"github.com/seedkit/kit/log.",
	"github.com/seedkit/kit/log/level.",
	"github.com/seedkit/kit/log/kitslog.",
	"log/slog.",
}

// callerPC returns the program counter of the first frame, above Log, that
// does not belong to an internal package, or of the outermost one looked at.
func callerPC() uintptr {
	var pcs [maxCallerDepth]uintptr
	// Skip runtime.Callers, callerPC and handlerLogger.Log.
	n := runtime.Callers(3, pcs[:])
	for i := range n {
		f := runtime.FuncForPC(pcs[i] - 1)
		if f == nil || !internal(f.Name()) {
			return pcs[i]
		}
	}
	if n == 0 {
		return 0
	}
	return pcs[n-1]
}

func internal(fn string) bool {
	for _, p := range internalPrefixes {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}
