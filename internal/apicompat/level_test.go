package apicompat_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
)

var _ *error = &level.ErrInvalidLevelString

// type Value interface { String() string }
//
// kit's Value also has the unexported method levelVal, so that only this
// package's values implement it (NewFilter relies on that); the listing shows
// exported methods only. Only the listed direction can be checked: every
// Value has String() string.
var _ interface{ String() string } = level.Value(nil)

// type Option func(*logger): the parameter type is unexported, so the shape
// is checked by reflection in TestLevelValues; here only that the functions
// return Option.
var (
	_ func(level.Value) level.Option               = level.Allow
	_ func() level.Option                          = level.AllowAll
	_ func() level.Option                          = level.AllowDebug
	_ func() level.Option                          = level.AllowError
	_ func() level.Option                          = level.AllowInfo
	_ func() level.Option                          = level.AllowNone
	_ func() level.Option                          = level.AllowWarn
	_ func(log.Logger) log.Logger                  = level.Debug
	_ func() level.Value                           = level.DebugValue
	_ func(error) level.Option                     = level.ErrNoLevel
	_ func(error) level.Option                     = level.ErrNotAllowed
	_ func(log.Logger) log.Logger                  = level.Error
	_ func() level.Value                           = level.ErrorValue
	_ func(log.Logger) log.Logger                  = level.Info
	_ func() level.Value                           = level.InfoValue
	_ func() any                                   = level.Key
	_ func(log.Logger, ...level.Option) log.Logger = level.NewFilter
	_ func(log.Logger, level.Value) log.Logger     = level.NewInjector
	_ func(string) (level.Value, error)            = level.Parse
	_ func(string, level.Value) level.Value        = level.ParseDefault
	_ func(bool) level.Option                      = level.SquelchNoLevel
	_ func(log.Logger) log.Logger                  = level.Warn
	_ func() level.Value                           = level.WarnValue
)

func TestLevelValues(t *testing.T) {
	t.Parallel()
	if got, want := level.ErrInvalidLevelString.Error(), "invalid level string"; got != want {
		t.Errorf("ErrInvalidLevelString: got %q, want %q", got, want)
	}
	if _, err := level.Parse("no such level"); !errors.Is(err, level.ErrInvalidLevelString) {
		t.Errorf("Parse(bad): got %v, want ErrInvalidLevelString", err)
	}
	if got, want := level.ParseDefault("no such level", level.InfoValue()), level.InfoValue(); got != want {
		t.Errorf("ParseDefault(bad): got %v, want %v", got, want)
	}
	for _, tc := range []struct {
		v    level.Value
		want string
	}{
		{level.DebugValue(), "debug"},
		{level.InfoValue(), "info"},
		{level.WarnValue(), "warn"},
		{level.ErrorValue(), "error"},
	} {
		if got := tc.v.String(); got != tc.want {
			t.Errorf("String: got %q, want %q", got, tc.want)
		}
		if got, err := level.Parse(tc.want); err != nil || got != tc.v {
			t.Errorf("Parse(%q): got (%v, %v), want (%v, nil)", tc.want, got, err, tc.v)
		}
	}
	if got, want := level.Key(), any("level"); got != want {
		t.Errorf("Key: got %v, want %v", got, want)
	}
	var buf bytes.Buffer
	if err := level.Info(log.NewLogfmtLogger(&buf)).Log("msg", "x"); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "level=info msg=x\n"; got != want {
		t.Errorf("Info: got %q, want %q", got, want)
	}

	// Option is a func type with one pointer parameter and no result.
	ot := reflect.TypeOf(level.Option(nil))
	if ot.Kind() != reflect.Func || ot.NumIn() != 1 || ot.NumOut() != 0 || ot.IsVariadic() ||
		ot.In(0).Kind() != reflect.Pointer || ot.In(0).Elem().Name() != "logger" {
		t.Errorf("Option: got %v, want func(*level.logger)", ot)
	}
}
