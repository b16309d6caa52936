package logdiff_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	gokitlog "github.com/go-kit/log"
	gokitterm "github.com/go-kit/log/term"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/term"
)

// colorOf is a colour function for both implementations: it reads the
// colours from the "fg" and "bg" values of the event.
func colorOf(keyvals ...any) (fg, bg uint8) {
	for i := 0; i+1 < len(keyvals); i += 2 {
		switch keyvals[i] {
		case "fg":
			fg = keyvals[i+1].(uint8)
		case "bg":
			bg = keyvals[i+1].(uint8)
		}
	}
	return fg, bg
}

func kitColorLogger(w io.Writer, newLogger func(io.Writer) logger) logger {
	return term.NewColorLogger(w, func(w io.Writer) log.Logger { return newLogger(w) }, func(kv ...any) term.FgBgColor {
		fg, bg := colorOf(kv...)
		return term.FgBgColor{Fg: term.Color(fg), Bg: term.Color(bg)}
	})
}

func gokitColorLogger(w io.Writer, newLogger func(io.Writer) logger) logger {
	return gokitterm.NewColorLogger(w, func(w io.Writer) gokitlog.Logger { return newLogger(w) }, func(kv ...any) gokitterm.FgBgColor {
		fg, bg := colorOf(kv...)
		return gokitterm.FgBgColor{Fg: gokitterm.Color(fg), Bg: gokitterm.Color(bg)}
	})
}

func TestColorLogger(t *testing.T) {
	t.Parallel()
	var colors []uint8
	for c := range 17 {
		colors = append(colors, uint8(c))
	}
	for _, format := range []string{"logfmt", "json"} {
		for _, fg := range colors {
			for _, bg := range []uint8{0, 1, 8, 9, 16} {
				var out [2]string
				for i, impl := range []logImpl{kitImpl, gokitImpl} {
					newLogger := impl.logfmt
					if format == "json" {
						newLogger = impl.json
					}
					newColor := kitColorLogger
					if i == 1 {
						newColor = gokitColorLogger
					}
					var buf bytes.Buffer
					cw := &countingWriter{w: &buf}
					l := newColor(cw, newLogger)
					errs := fmt.Sprint(
						l.Log("fg", fg, "bg", bg, "msg", "hello world"),
						l.Log("msg", "plain"),
						l.Log("fg", fg, "bg", bg, "odd"),
					)
					out[i] = fmt.Sprintf("%q %s writes=%d", buf.String(), errs, cw.writes)
				}
				if out[0] != out[1] {
					t.Errorf("%s fg=%d bg=%d\nkit    %s\nGo kit %s", format, fg, bg, out[0], out[1])
				}
			}
		}
	}
}

// countingWriter counts the calls to Write.
type countingWriter struct {
	w      io.Writer
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	return c.w.Write(p)
}

func TestColorWriterAndIsTerminal(t *testing.T) {
	t.Parallel()
	f, err := os.CreateTemp(t.TempDir(), "term")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{&bytes.Buffer{}, f, failWriter{fmt.Errorf("x")}, log.NewSyncWriter(f), gokitlog.NewSyncWriter(f)} {
		if k, g := term.IsTerminal(w), gokitterm.IsTerminal(w); k != g {
			t.Errorf("IsTerminal(%T): kit %v, Go kit %v", w, k, g)
		}
	}
	var out [2]string
	for i, cw := range []func(io.Writer) io.Writer{term.NewColorWriter, gokitterm.NewColorWriter} {
		var buf bytes.Buffer
		w := cw(&buf)
		var res []string
		for _, p := range []string{"plain", "\x1b[31mred\x1b[39;49;22m", "", "\x1b[", "x\n"} {
			n, err := w.Write([]byte(p))
			res = append(res, fmt.Sprint(n, err))
		}
		out[i] = buf.String() + strings.Join(res, ",")
	}
	if out[0] != out[1] {
		t.Errorf("NewColorWriter\nkit    %q\nGo kit %q", out[0], out[1])
	}
	// NewLogger on a non-terminal writes plain events.
	var kb, gb bytes.Buffer
	kl := term.NewLogger(&kb, log.NewLogfmtLogger, func(...any) term.FgBgColor { return term.FgBgColor{Fg: term.Red} })
	gl := gokitterm.NewLogger(&gb, gokitlog.NewLogfmtLogger, func(...any) gokitterm.FgBgColor { return gokitterm.FgBgColor{Fg: gokitterm.Red} })
	if err := kl.Log("a", 1); err != nil {
		t.Fatal(err)
	}
	if err := gl.Log("a", 1); err != nil {
		t.Fatal(err)
	}
	if kb.String() != gb.String() {
		t.Errorf("NewLogger: kit %q, Go kit %q", kb.String(), gb.String())
	}
}

func TestColorConstants(t *testing.T) {
	t.Parallel()
	kit := []term.Color{term.Default, term.Black, term.DarkRed, term.DarkGreen, term.Brown, term.DarkBlue, term.DarkMagenta, term.DarkCyan, term.Gray, term.DarkGray, term.Red, term.Green, term.Yellow, term.Blue, term.Magenta, term.Cyan, term.White}
	gokit := []gokitterm.Color{gokitterm.Default, gokitterm.Black, gokitterm.DarkRed, gokitterm.DarkGreen, gokitterm.Brown, gokitterm.DarkBlue, gokitterm.DarkMagenta, gokitterm.DarkCyan, gokitterm.Gray, gokitterm.DarkGray, gokitterm.Red, gokitterm.Green, gokitterm.Yellow, gokitterm.Blue, gokitterm.Magenta, gokitterm.Cyan, gokitterm.White}
	for i := range kit {
		if uint8(kit[i]) != uint8(gokit[i]) {
			t.Errorf("colour %d: kit %d, Go kit %d", i, kit[i], gokit[i])
		}
	}
}

// TestColorOutOfRange: Go kit panics (index out of range) on a Color above
// White; kit treats it as Default, as its Color documentation says.
func TestColorOutOfRange(t *testing.T) {
	t.Parallel()
	for _, c := range []uint8{17, 200} {
		for _, kv := range [][]any{{"fg", c, "bg", uint8(0)}, {"fg", uint8(0), "bg", c}, {"fg", uint8(2), "bg", c}} {
			got := logOnce(func(w io.Writer) logger { return kitColorLogger(w, kitImpl.logfmt) }, kv)
			want := logOnce(func(w io.Writer) logger { return gokitColorLogger(w, gokitImpl.logfmt) }, kv)
			pin := fmt.Sprintf("fg=%d bg=%d\n", kv[1], kv[3])
			if kv[1] == uint8(2) {
				pin = "\x1b[31m" + strings.TrimSuffix(pin, "\n") + "\n\x1b[39;49;22m"
			}
			if !want.failed() {
				pin = want.out
			}
			if got.failed() || got.out != pin {
				t.Errorf("%v: kit %v, want %q (Go kit %v)", kv, got, pin, want)
			}
		}
	}
}

// TestNilColorFunc: Go kit's NewColorLogger panics on a nil colour
// function; kit's NewColorLogger and NewLogger return the plain logger.
func TestNilColorFunc(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	for _, l := range []log.Logger{
		term.NewColorLogger(&buf, log.NewLogfmtLogger, nil),
		term.NewLogger(&buf, log.NewLogfmtLogger, nil),
		term.NewColorLogger(&buf, nil, nil),
	} {
		if err := l.Log("a", 1); err != nil {
			t.Fatal(err)
		}
	}
	if got := buf.String(); got != "a=1\na=1\na=1\n" {
		t.Errorf("got %q", got)
	}
	func() {
		defer func() { _ = recover() }() // Go kit panics: "color func nil"
		_ = gokitterm.NewColorLogger(&buf, gokitlog.NewLogfmtLogger, nil)
	}()
}
