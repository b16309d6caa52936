package kitslog

import (
	"log/slog"

	"github.com/seedkit/kit/log/level"
)

// kitLevel maps a slog level to the nearest kit level at or below it:
// anything below slog.LevelInfo is debug, [Info, Warn) info, [Warn, Error)
// warn and Error or above error.
func kitLevel(l slog.Level) level.Value {
	switch {
	case l >= slog.LevelError:
		return level.ErrorValue()
	case l >= slog.LevelWarn:
		return level.WarnValue()
	case l >= slog.LevelInfo:
		return level.InfoValue()
	default:
		return level.DebugValue()
	}
}

// slogLevel maps the value of a kit level pair to a slog level. It
// understands level.Value, slog.Leveler (slog.Level, *slog.LevelVar) and the
// strings level.Parse accepts.
func slogLevel(v any) (slog.Level, bool) {
	switch v := v.(type) {
	case level.Value:
		return fromKit(v)
	case slog.Leveler:
		return v.Level(), true
	case string:
		lv, err := level.Parse(v)
		if err != nil {
			return 0, false
		}
		return fromKit(lv)
	}
	return 0, false
}

func fromKit(v level.Value) (slog.Level, bool) {
	switch v {
	case level.DebugValue():
		return slog.LevelDebug, true
	case level.InfoValue():
		return slog.LevelInfo, true
	case level.WarnValue():
		return slog.LevelWarn, true
	case level.ErrorValue():
		return slog.LevelError, true
	}
	return 0, false
}
