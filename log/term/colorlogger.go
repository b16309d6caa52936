package term

import (
	"bytes"
	"io"
	"sync"

	"github.com/seedkit/kit/log"
)

// Selectors for Color.escape. Bright colours are the normal ones plus the
// bold attribute (";1"), the classic way to reach the bright half of the
// 16-colour palette.
const (
	fgBase = 30
	bgBase = 40
	// reset restores the default foreground, background and intensity.
	reset = "\x1b[39;49;22m"
)

// fgEscapes and bgEscapes hold the escape sequence of every colour, indexed
// by Color; the entry of Default is empty (no escape at all).
var (
	fgEscapes = [numColors]string{
		"", "\x1b[30m", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[34m", "\x1b[35m", "\x1b[36m", "\x1b[37m",
		"\x1b[30;1m", "\x1b[31;1m", "\x1b[32;1m", "\x1b[33;1m", "\x1b[34;1m", "\x1b[35;1m", "\x1b[36;1m", "\x1b[37;1m",
	}
	bgEscapes = [numColors]string{
		"", "\x1b[40m", "\x1b[41m", "\x1b[42m", "\x1b[43m", "\x1b[44m", "\x1b[45m", "\x1b[46m", "\x1b[47m",
		"\x1b[40;1m", "\x1b[41;1m", "\x1b[42;1m", "\x1b[43;1m", "\x1b[44;1m", "\x1b[45;1m", "\x1b[46;1m", "\x1b[47;1m",
	}
)

// escape returns the sequence that selects c as a foreground (base fgBase)
// or background (base bgBase) colour, or "" for Default and unknown values.
func (c Color) escape(base int) string {
	if c >= numColors {
		return ""
	}
	if base == bgBase {
		return bgEscapes[c]
	}
	return fgEscapes[c]
}

// maxPooled is the largest buffer kept for reuse; larger ones, from rare huge
// events, are left to the garbage collector.
const maxPooled = 64 << 10

// bufLogger is a formatting logger bound to its own buffer.
type bufLogger struct {
	buf    bytes.Buffer
	logger log.Logger
}

type colorLogger struct {
	w     io.Writer
	plain log.Logger
	color func(keyvals ...any) FgBgColor
	pool  sync.Pool
}

// NewColorLogger returns a logger that formats each event with a logger
// built by newLogger and writes it to w surrounded by the ANSI escapes of
// the colours returned by color for that event. Events for which color
// returns the zero FgBgColor are written without escapes. It does not check
// whether w is a terminal; see NewLogger for that.
//
// The returned logger is safe for concurrent use: each call formats into a
// pooled buffer with its own formatting logger and reaches w in a single
// Write. Formatting errors are returned and nothing is written. A nil color
// function yields newLogger(w) (Go kit panics); a nil newLogger means
// log.NewLogfmtLogger.
func NewColorLogger(w io.Writer, newLogger func(io.Writer) log.Logger, color func(keyvals ...any) FgBgColor) log.Logger {
	if newLogger == nil {
		newLogger = log.NewLogfmtLogger
	}
	if color == nil {
		return newLogger(w)
	}
	l := &colorLogger{w: w, plain: newLogger(w), color: color}
	l.pool.New = func() any {
		b := &bufLogger{}
		b.logger = newLogger(&b.buf)
		return b
	}
	return l
}

func (l *colorLogger) Log(keyvals ...any) error {
	c := l.color(keyvals...)
	if c.isZero() {
		return l.plain.Log(keyvals...)
	}
	b := l.pool.Get().(*bufLogger)
	defer func() {
		if b.buf.Cap() <= maxPooled {
			b.buf.Reset()
			l.pool.Put(b)
		}
	}()
	b.buf.WriteString(c.Fg.escape(fgBase))
	b.buf.WriteString(c.Bg.escape(bgBase))
	if err := b.logger.Log(keyvals...); err != nil {
		return err
	}
	b.buf.WriteString(reset)
	_, err := l.w.Write(b.buf.Bytes())
	return err
}
