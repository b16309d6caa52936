// Package logdiff_test runs the same inputs through kit's log packages and
// through Go kit's (github.com/go-kit/log v0.2.1 and the
// github.com/go-kit/kit/log/... adapters of Go kit v0.13.0) and compares
// what they write, return and pass on. Where Go kit succeeds, kit must do
// exactly the same; where Go kit fails, panics or drops the event, the tests
// pin kit's documented, safer behaviour and say so.
package logdiff_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	gokitlog "github.com/go-kit/log"
	"github.com/seedkit/kit/internal/leakcheck"
	"github.com/seedkit/kit/log"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

// logger is the method set shared by kit's and Go kit's Logger; a value of
// either interface type converts to it and back.
type logger interface {
	Log(keyvals ...any) error
}

// outcome is what one Log call did: the bytes written, the error returned,
// and the panic value if it panicked.
type outcome struct {
	out      string
	err      error
	panicked bool
	panicVal any
}

// failed reports whether the call panicked or returned an error.
func (o outcome) failed() bool { return o.panicked || o.err != nil }

func (o outcome) String() string {
	if o.panicked {
		return fmt.Sprintf("panic(%v), wrote %q", o.panicVal, o.out)
	}
	return fmt.Sprintf("wrote %q, returned %v", o.out, o.err)
}

// logOnce builds a logger on a fresh buffer and logs keyvals with it,
// recovering a panic in either step.
func logOnce(newLogger func(io.Writer) logger, keyvals []any) (o outcome) {
	var buf bytes.Buffer
	defer func() {
		if p := recover(); p != nil {
			o = outcome{out: buf.String(), panicked: true, panicVal: p}
		}
	}()
	err := newLogger(&buf).Log(keyvals...)
	return outcome{out: buf.String(), err: err}
}

// encoder pairs kit's and Go kit's constructor of one format.
type encoder struct {
	name       string
	kit, gokit func(io.Writer) logger
}

var encoders = []encoder{
	{
		name:  "logfmt",
		kit:   func(w io.Writer) logger { return log.NewLogfmtLogger(w) },
		gokit: func(w io.Writer) logger { return gokitlog.NewLogfmtLogger(w) },
	},
	{
		name:  "json",
		kit:   func(w io.Writer) logger { return log.NewJSONLogger(w) },
		gokit: func(w io.Writer) logger { return gokitlog.NewJSONLogger(w) },
	},
}
