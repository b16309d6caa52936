// Package levels is the old leveled-logging API of Go kit, kept for
// programs written against it. The package lives in the directory
// deprecated_levels; import it as
//
//	levels "github.com/seedkit/kit/log/deprecated_levels"
//
// New returns a Levels value whose Debug, Info, Warn, Error and Crit methods
// return loggers that prefix each event with a level key and value.
//
// Deprecated: use github.com/seedkit/kit/log/level, which adds filtering
// and typed level values.
//
// A small complete program:
//
//	package main
//
//	import (
//		"os"
//
//		"github.com/seedkit/kit/log"
//		levels "github.com/seedkit/kit/log/deprecated_levels"
//	)
//
//	func main() {
//		l := levels.New(log.NewLogfmtLogger(os.Stdout)).With("svc", "billing")
//		l.Info().Log("msg", "started")    // level=info svc=billing msg=started
//		l.Error().Log("err", "disk full") // level=error svc=billing err="disk full"
//	}
package levels
