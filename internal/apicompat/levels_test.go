//lint:file-ignore SA1019 the deprecated package is part of the API being checked.

package apicompat_test

import (
	"bytes"
	"testing"

	"github.com/seedkit/kit/log"
	levels "github.com/seedkit/kit/log/deprecated_levels"
)

var (
	// type Levels struct { _ unexported }
	_ func(levels.Levels) log.Logger            = levels.Levels.Crit
	_ func(levels.Levels) log.Logger            = levels.Levels.Debug
	_ func(levels.Levels) log.Logger            = levels.Levels.Error
	_ func(levels.Levels) log.Logger            = levels.Levels.Info
	_ func(levels.Levels) log.Logger            = levels.Levels.Warn
	_ func(levels.Levels, ...any) levels.Levels = levels.Levels.With
	// type Option func(*Levels)
	_ levels.Option        = func(*levels.Levels) {}
	_ func(*levels.Levels) = levels.Option(nil)

	_ func(string) levels.Option                       = levels.CritValue
	_ func(string) levels.Option                       = levels.DebugValue
	_ func(string) levels.Option                       = levels.ErrorValue
	_ func(string) levels.Option                       = levels.InfoValue
	_ func(string) levels.Option                       = levels.Key
	_ func(log.Logger, ...levels.Option) levels.Levels = levels.New
	_ func(string) levels.Option                       = levels.WarnValue
)

func _(v any) {
	switch v.(type) {
	case levels.Option:
	case func(*levels.Levels):
	}
}

func TestLevelsValues(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := levels.New(log.NewLogfmtLogger(&buf), levels.Key("lvl"), levels.WarnValue("warning"))
	if err := l.Warn().Log("msg", "x"); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "lvl=warning msg=x\n"; got != want {
		t.Errorf("Warn with options: got %q, want %q", got, want)
	}
}
