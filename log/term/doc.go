// Package term colours log output for terminals.
//
// NewColorLogger wraps the formatting logger produced by a constructor such
// as log.NewLogfmtLogger and surrounds every event with ANSI escape
// sequences chosen per event by a colour function. NewLogger does the same,
// but only when the writer is a terminal (see IsTerminal); otherwise it
// returns the plain formatting logger, so the same code produces clean log
// files and coloured consoles.
//
// A small complete program:
//
//	package main
//
//	import (
//		"os"
//
//		"github.com/seedkit/kit/log"
//		"github.com/seedkit/kit/log/term"
//	)
//
//	func main() {
//		// Errors in red, everything else in the terminal's default colours.
//		colorFn := func(keyvals ...any) term.FgBgColor {
//			for i := 0; i+1 < len(keyvals); i += 2 {
//				if keyvals[i] == "err" && keyvals[i+1] != nil {
//					return term.FgBgColor{Fg: term.Red}
//				}
//			}
//			return term.FgBgColor{}
//		}
//		logger := term.NewLogger(os.Stdout, log.NewLogfmtLogger, colorFn)
//		logger.Log("msg", "starting")
//		logger.Log("msg", "disk full", "err", "ENOSPC")
//	}
//
// All loggers returned by this package are safe for concurrent use if the
// underlying writer is; each event reaches the writer in a single Write call.
package term
