//go:build !windows && !plan9

package logdiff_test

import (
	"fmt"
	"io"
	gosyslog "log/syslog"
	"strings"
	"testing"

	gokitlog "github.com/go-kit/log"
	gokitsyslog "github.com/go-kit/log/syslog"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/syslog"
)

// fakeSyslog records each call as "Method:bytes".
type fakeSyslog struct {
	calls []string
	err   error
}

func (f *fakeSyslog) rec(method, s string) error {
	f.calls = append(f.calls, fmt.Sprintf("%s:%q", method, s))
	return f.err
}

func (f *fakeSyslog) Write(p []byte) (int, error) { return len(p), f.rec("Write", string(p)) }
func (f *fakeSyslog) Close() error                { return f.rec("Close", "") }
func (f *fakeSyslog) Emerg(s string) error        { return f.rec("Emerg", s) }
func (f *fakeSyslog) Alert(s string) error        { return f.rec("Alert", s) }
func (f *fakeSyslog) Crit(s string) error         { return f.rec("Crit", s) }
func (f *fakeSyslog) Err(s string) error          { return f.rec("Err", s) }
func (f *fakeSyslog) Warning(s string) error      { return f.rec("Warning", s) }
func (f *fakeSyslog) Notice(s string) error       { return f.rec("Notice", s) }
func (f *fakeSyslog) Info(s string) error         { return f.rec("Info", s) }
func (f *fakeSyslog) Debug(s string) error        { return f.rec("Debug", s) }

func TestSyslog(t *testing.T) {
	t.Parallel()
	// Selectors are given the priority they return, or nil for the default.
	priorities := []*gosyslog.Priority{nil}
	for _, p := range []gosyslog.Priority{
		gosyslog.LOG_EMERG, gosyslog.LOG_ALERT, gosyslog.LOG_CRIT, gosyslog.LOG_ERR,
		gosyslog.LOG_WARNING, gosyslog.LOG_NOTICE, gosyslog.LOG_INFO, gosyslog.LOG_DEBUG,
		gosyslog.LOG_LOCAL0 | gosyslog.LOG_ERR, gosyslog.LOG_DAEMON, gosyslog.LOG_USER | gosyslog.LOG_INFO, 42,
	} {
		priorities = append(priorities, &p)
	}
	for _, p := range priorities {
		name := "default"
		if p != nil {
			name = fmt.Sprint(int(*p))
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, format := range []string{"logfmt", "json"} {
				var out [2]string
				for i, impl := range []levelImpl{kitLevel, gokitLevel} {
					w := &fakeSyslog{}
					newLogger := impl.log.logfmt
					if format == "json" {
						newLogger = impl.log.json
					}
					var l logger
					if impl.name == "kit" {
						var opts []syslog.Option
						if p != nil {
							opts = append(opts, syslog.PrioritySelectorOption(func(...any) gosyslog.Priority { return *p }))
						}
						l = syslog.NewSyslogLogger(w, func(w io.Writer) log.Logger { return newLogger(w) }, opts...)
					} else {
						var opts []gokitsyslog.Option
						if p != nil {
							opts = append(opts, gokitsyslog.PrioritySelectorOption(func(...any) gosyslog.Priority { return *p }))
						}
						l = gokitsyslog.NewSyslogLogger(w, func(w io.Writer) gokitlog.Logger { return newLogger(w) }, opts...)
					}
					var res []string
					res = append(res, levelEvents(impl, l)...)
					res = append(res, fmt.Sprint(l.Log("level", "error", "msg", "string level")))
					res = append(res, fmt.Sprint(l.Log("msg", "odd", "level")))
					res = append(res, fmt.Sprint(impl.log.with(l, "level", impl.values[3]).Log("msg", "ctx")))
					w.err = fmt.Errorf("syslog down")
					res = append(res, fmt.Sprint(impl.errorL(l).Log("msg", "failing")))
					out[i] = strings.Join(res, " ") + "\n" + strings.Join(w.calls, "\n")
				}
				if out[0] != out[1] {
					t.Errorf("%s\nkit:\n%s\nGo kit:\n%s", format, out[0], out[1])
				}
			}
		})
	}
}
