// Package syslog provides a logger that writes each event to a syslog
// writer with a priority derived from the event, by default from its
// level.Value.
//
// The package needs the standard library's log/syslog and so, like it, is
// not available on Windows and Plan 9.
//
// A small complete program:
//
//	package main
//
//	import (
//		gosyslog "log/syslog"
//
//		"github.com/seedkit/kit/log"
//		"github.com/seedkit/kit/log/level"
//		"github.com/seedkit/kit/log/syslog"
//	)
//
//	func main() {
//		w, err := gosyslog.New(gosyslog.LOG_INFO, "myapp")
//		if err != nil {
//			panic(err)
//		}
//		defer w.Close()
//
//		logger := syslog.NewSyslogLogger(w, log.NewLogfmtLogger)
//		level.Error(logger).Log("msg", "disk full") // written with w.Err
//		logger.Log("msg", "no level")               // written with w.Info
//	}
package syslog
