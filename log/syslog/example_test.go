//go:build !windows && !plan9

package syslog_test

import (
	"fmt"
	gosyslog "log/syslog"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
	"github.com/seedkit/kit/log/syslog"
)

// printWriter is a SyslogWriter that prints what it would send.
type printWriter struct{ syslog.SyslogWriter }

func (printWriter) Err(m string) error     { _, err := fmt.Print("ERR  ", m); return err }
func (printWriter) Warning(m string) error { _, err := fmt.Print("WARN ", m); return err }
func (printWriter) Info(m string) error    { _, err := fmt.Print("INFO ", m); return err }
func (printWriter) Crit(m string) error    { _, err := fmt.Print("CRIT ", m); return err }

func ExampleNewSyslogLogger() {
	logger := syslog.NewSyslogLogger(printWriter{}, log.NewLogfmtLogger)
	level.Error(logger).Log("msg", "disk full")
	level.Warn(logger).Log("msg", "disk 90% full")
	logger.Log("msg", "no level means Info")
	// Output:
	// ERR  level=error msg="disk full"
	// WARN level=warn msg="disk 90% full"
	// INFO msg="no level means Info"
}

func ExamplePrioritySelectorOption() {
	// Treat any event with an "alarm" key as critical.
	critical := func(keyvals ...any) gosyslog.Priority {
		for i := 0; i < len(keyvals); i += 2 {
			if keyvals[i] == "alarm" {
				return gosyslog.LOG_CRIT
			}
		}
		return gosyslog.LOG_INFO
	}
	logger := syslog.NewSyslogLogger(printWriter{}, log.NewLogfmtLogger, syslog.PrioritySelectorOption(critical))
	logger.Log("alarm", "fire")
	logger.Log("msg", "all good")
	// Output:
	// CRIT alarm=fire
	// INFO msg="all good"
}
