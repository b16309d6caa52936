package term

import (
	"io"

	"github.com/seedkit/kit/log"
)

// Color is a foreground or background colour of a terminal. The zero value,
// Default, leaves the terminal's own colour in place.
type Color uint8

// The colours, in the order of the ANSI palette: the eight normal ("dark")
// colours, then their bright counterparts. Values outside this list are
// treated as Default (Go kit's color logger panics on them).
const (
	Default = Color(iota)

	Black
	DarkRed
	DarkGreen
	Brown
	DarkBlue
	DarkMagenta
	DarkCyan
	Gray

	DarkGray
	Red
	Green
	Yellow
	Blue
	Magenta
	Cyan
	White

	numColors
)

// FgBgColor is a foreground and background colour pair. The zero value
// (both Default) means "no colour": the event is written without escapes.
type FgBgColor struct {
	Fg, Bg Color
}

// isZero reports whether c asks for no colour at all.
func (c FgBgColor) isZero() bool {
	return c.Fg.escape(fgBase) == "" && c.Bg.escape(bgBase) == ""
}

// NewLogger returns a logger that colours its events with color when w is a
// terminal (IsTerminal), and the plain newLogger(w) otherwise. On Windows
// the writer is first prepared with NewColorWriter.
//
// A nil color function yields the plain logger; a nil newLogger means
// log.NewLogfmtLogger. The result is safe for concurrent use if the loggers
// built by newLogger are.
func NewLogger(w io.Writer, newLogger func(io.Writer) log.Logger, color func(keyvals ...any) FgBgColor) log.Logger {
	if newLogger == nil {
		newLogger = log.NewLogfmtLogger
	}
	if color == nil || !IsTerminal(w) {
		return newLogger(w)
	}
	return NewColorLogger(NewColorWriter(w), newLogger, color)
}
