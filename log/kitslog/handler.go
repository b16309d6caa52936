package kitslog

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"sync"

	"github.com/seedkit/kit/log"
)

// HandlerOptions configures the handler returned by NewHandler. The zero
// value (or a nil *HandlerOptions) emits records at slog.LevelInfo and above
// without source information.
type HandlerOptions struct {
	// Level is the minimum level of the records passed on; nil means
	// slog.LevelInfo. A *slog.LevelVar changes it at run time.
	Level slog.Leveler

	// AddSource adds a slog.SourceKey ("source") pair whose value is the
	// "file:line" string of the record's PC, when it has one.
	AddSource bool

	// ReplaceAttr, if not nil, rewrites each non-group attribute before it is
	// passed on, as in slog.HandlerOptions: groups lists the open groups
	// (nil for the built-in attributes) and must not be retained or
	// modified. It sees the built-in attributes with their slog values
	// (time.Time, slog.Level, string, *slog.Source); a level or source it
	// leaves unchanged in type is converted as usual (to a level.Value, to
	// "file:line"). Returning the zero Attr drops the attribute. Attributes
	// added with WithAttrs are rewritten once, when WithAttrs is called.
	ReplaceAttr func(groups []string, a slog.Attr) slog.Attr
}

// handler is the slog.Handler returned by NewHandler. It is immutable.
type handler struct {
	logger      log.Logger
	level       slog.Leveler
	addSource   bool
	replaceAttr func([]string, slog.Attr) slog.Attr

	prefix string   // open groups joined as "g1.g2."
	groups []string // open groups, for ReplaceAttr
	attrs  []any    // keyvals from WithAttrs, already prefixed and replaced
}

// NewHandler returns a slog.Handler that passes each record to l as one
// event with the keyvals
//
//	"time", r.Time (a time.Time; left out when zero),
//	"level", a level.Value (see below),
//	"msg", r.Message,
//	"source", "file:line" (with AddSource only),
//
// followed by the attributes added with WithAttrs and then the record's
// attributes, in order. Attribute values are resolved (slog.LogValuer) and
// passed as Go values: strings, int64, uint64, float64, bool, time.Time,
// time.Duration, or the value given to slog.Any, so errors stay errors.
//
// Levels map down to the nearest kit level: below slog.LevelInfo is
// level.DebugValue(), then InfoValue, WarnValue and, from slog.LevelError
// up, ErrorValue; so level.NewFilter and other kit loggers see the levels
// they know.
//
// Groups follow slog's handler rules, flattened into dotted keys: an
// attribute "k" in group "g" (from WithGroup or a group-valued attribute)
// has the key "g.k"; a group with no attributes is dropped and one with an
// empty key is inlined.
//
// The handler is safe for concurrent use if l is (kit loggers are). Handle
// returns the error of l.Log. Handle reuses a pooled keyvals slice, so it
// allocates only for group prefixes and for what l allocates; the slice is
// not retained, as the log.Logger contract requires of l. A nil l yields a
// handler that discards every record; a nil opts means the defaults.
func NewHandler(l log.Logger, opts *HandlerOptions) slog.Handler {
	if l == nil {
		l = log.NewNopLogger()
	}
	h := &handler{logger: l, level: slog.LevelInfo}
	if opts != nil {
		if opts.Level != nil {
			h.level = opts.Level
		}
		h.addSource = opts.AddSource
		h.replaceAttr = opts.ReplaceAttr
	}
	return h
}

// Enabled reports whether lvl is at or above the handler's minimum level.
func (h *handler) Enabled(_ context.Context, lvl slog.Level) bool {
	return lvl >= h.level.Level()
}

// WithAttrs returns a handler that adds attrs, in the currently open groups,
// to every record.
func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	h2 := *h
	kv := slices.Clip(h.attrs)
	for _, a := range attrs {
		kv = h.appendAttr(kv, h.prefix, h.groups, a)
	}
	h2.attrs = slices.Clip(kv)
	return &h2
}

// WithGroup returns a handler that puts later attributes in group name. An
// empty name returns h.
func (h *handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.prefix = h.prefix + name + "."
	h2.groups = append(slices.Clip(h.groups), name)
	return &h2
}

// maxPooledKeyvals is the largest keyvals slice kept for reuse.
const maxPooledKeyvals = 256

var keyvalsPool = sync.Pool{New: func() any {
	s := make([]any, 0, 32)
	return &s
}}

// Handle passes r to the logger as one event; see NewHandler.
func (h *handler) Handle(_ context.Context, r slog.Record) error {
	p := keyvalsPool.Get().(*[]any)
	kv := (*p)[:0]
	defer func() {
		if cap(kv) <= maxPooledKeyvals {
			clear(kv) // drop references to the event's values
			*p = kv[:0]
			keyvalsPool.Put(p)
		}
	}()

	if !r.Time.IsZero() {
		kv = h.appendBuiltin(kv, slog.Time(slog.TimeKey, r.Time))
	}
	kv = h.appendBuiltin(kv, slog.Any(slog.LevelKey, r.Level))
	kv = h.appendBuiltin(kv, slog.String(slog.MessageKey, r.Message))
	if h.addSource && r.PC != 0 {
		if src := r.Source(); src != nil {
			kv = h.appendBuiltin(kv, slog.Any(slog.SourceKey, src))
		}
	}
	kv = append(kv, h.attrs...)
	r.Attrs(func(a slog.Attr) bool {
		kv = h.appendAttr(kv, h.prefix, h.groups, a)
		return true
	})
	return h.logger.Log(kv...)
}

// appendBuiltin appends a built-in attribute, after ReplaceAttr.
func (h *handler) appendBuiltin(kv []any, a slog.Attr) []any {
	if h.replaceAttr != nil {
		a = h.replaceAttr(nil, a)
		a.Value = a.Value.Resolve()
		if a.Equal(slog.Attr{}) {
			return kv
		}
	}
	switch v := a.Value.Any().(type) {
	case slog.Level:
		return append(kv, a.Key, kitLevel(v))
	case *slog.Source:
		return append(kv, a.Key, v.File+":"+strconv.Itoa(v.Line))
	}
	return append(kv, a.Key, a.Value.Any())
}

// appendAttr appends a, in the groups named by prefix and groups, following
// slog's rules for empty attributes and groups.
func (h *handler) appendAttr(kv []any, prefix string, groups []string, a slog.Attr) []any {
	a.Value = a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return kv
	}
	if a.Value.Kind() != slog.KindGroup && h.replaceAttr != nil {
		a = h.replaceAttr(groups, a)
		a.Value = a.Value.Resolve()
		if a.Equal(slog.Attr{}) {
			return kv
		}
	}
	if a.Value.Kind() == slog.KindGroup {
		members := a.Value.Group()
		if len(members) == 0 {
			return kv
		}
		if a.Key != "" {
			prefix += a.Key + "."
			groups = append(slices.Clip(groups), a.Key)
		}
		for _, m := range members {
			kv = h.appendAttr(kv, prefix, groups, m)
		}
		return kv
	}
	return append(kv, prefix+a.Key, a.Value.Any())
}
