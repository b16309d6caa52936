//go:build !windows && !plan9

package apicompat_test

import (
	"io"
	gosyslog "log/syslog"
	"reflect"
	"testing"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/syslog"
)

// syslogWriter is the method set listed for SyslogWriter.
type syslogWriter = interface {
	Write([]byte) (int, error)
	Close() error
	Emerg(string) error
	Alert(string) error
	Crit(string) error
	Err(string) error
	Warning(string) error
	Notice(string) error
	Info(string) error
	Debug(string) error
}

var (
	_ syslog.SyslogWriter = syslogWriter(nil)
	_ syslogWriter        = syslog.SyslogWriter(nil)
	// The standard library's writer is the intended implementation.
	_ syslog.SyslogWriter = (*gosyslog.Writer)(nil)

	// type PrioritySelector func(keyvals ...interface{}) gosyslog.Priority
	_ syslog.PrioritySelector        = func(...any) gosyslog.Priority { return 0 }
	_ func(...any) gosyslog.Priority = syslog.PrioritySelector(nil)

	_ func(syslog.SyslogWriter, func(io.Writer) log.Logger, ...syslog.Option) log.Logger = syslog.NewSyslogLogger
	_ func(syslog.PrioritySelector) syslog.Option                                        = syslog.PrioritySelectorOption
)

func _(v any) {
	switch v.(type) {
	case syslog.PrioritySelector:
	case func(...any) gosyslog.Priority:
	}
}

func TestSyslogValues(t *testing.T) {
	t.Parallel()
	// type Option func(*syslogLogger)
	ot := reflect.TypeOf(syslog.Option(nil))
	if ot.Kind() != reflect.Func || ot.NumIn() != 1 || ot.NumOut() != 0 || ot.IsVariadic() ||
		ot.In(0).Kind() != reflect.Pointer || ot.In(0).Elem().Name() != "syslogLogger" {
		t.Errorf("Option: got %v, want func(*syslog.syslogLogger)", ot)
	}
}
