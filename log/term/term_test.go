package term_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/term"
)

func fixed(c term.FgBgColor) func(...any) term.FgBgColor {
	return func(...any) term.FgBgColor { return c }
}

func TestColorOrder(t *testing.T) {
	t.Parallel()
	want := []term.Color{
		term.Default, term.Black, term.DarkRed, term.DarkGreen, term.Brown, term.DarkBlue,
		term.DarkMagenta, term.DarkCyan, term.Gray, term.DarkGray, term.Red, term.Green,
		term.Yellow, term.Blue, term.Magenta, term.Cyan, term.White,
	}
	for i, c := range want {
		if int(c) != i {
			t.Errorf("colour %d has value %d", i, c)
		}
	}
}

func TestNewColorLogger(t *testing.T) {
	t.Parallel()
	const reset = "\x1b[39;49;22m"
	tests := []struct {
		name  string
		color term.FgBgColor
		want  string
	}{
		{"none", term.FgBgColor{}, "a=1\n"},
		{"fg dark", term.FgBgColor{Fg: term.DarkRed}, "\x1b[31ma=1\n" + reset},
		{"fg bright", term.FgBgColor{Fg: term.Red}, "\x1b[31;1ma=1\n" + reset},
		{"fg black", term.FgBgColor{Fg: term.Black}, "\x1b[30ma=1\n" + reset},
		{"fg white", term.FgBgColor{Fg: term.White}, "\x1b[37;1ma=1\n" + reset},
		{"bg only", term.FgBgColor{Bg: term.Gray}, "\x1b[47ma=1\n" + reset},
		{"bg bright", term.FgBgColor{Bg: term.DarkGray}, "\x1b[40;1ma=1\n" + reset},
		{"both", term.FgBgColor{Fg: term.Yellow, Bg: term.DarkBlue}, "\x1b[33;1m\x1b[44ma=1\n" + reset},
		{"unknown colour", term.FgBgColor{Fg: 200, Bg: 17}, "a=1\n"},
		{"unknown fg known bg", term.FgBgColor{Fg: 200, Bg: term.Cyan}, "\x1b[46;1ma=1\n" + reset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			l := term.NewColorLogger(&buf, log.NewLogfmtLogger, fixed(tt.color))
			if err := l.Log("a", 1); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNilArguments(t *testing.T) {
	t.Parallel()
	red := fixed(term.FgBgColor{Fg: term.Red})
	for name, l := range map[string]func(io.Writer) log.Logger{
		"nil color":               func(w io.Writer) log.Logger { return term.NewColorLogger(w, log.NewLogfmtLogger, nil) },
		"nil newLogger":           func(w io.Writer) log.Logger { return term.NewColorLogger(w, nil, fixed(term.FgBgColor{})) },
		"NewLogger nil color":     func(w io.Writer) log.Logger { return term.NewLogger(w, log.NewLogfmtLogger, nil) },
		"NewLogger nil newLogger": func(w io.Writer) log.Logger { return term.NewLogger(w, nil, red) },
	} {
		var buf bytes.Buffer
		if err := l(&buf).Log("a", 1); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := buf.String(); got != "a=1\n" {
			t.Errorf("%s: got %q", name, got)
		}
	}
}

func TestNewColorLoggerPerEventColour(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := term.NewColorLogger(&buf, log.NewLogfmtLogger, func(keyvals ...any) term.FgBgColor {
		if len(keyvals) > 1 && keyvals[1] == "error" {
			return term.FgBgColor{Fg: term.Red}
		}
		return term.FgBgColor{}
	})
	_ = l.Log("level", "info")
	_ = l.Log("level", "error")
	_ = l.Log("level", "info")
	want := "level=info\n\x1b[31;1mlevel=error\n\x1b[39;49;22mlevel=info\n"
	if got := buf.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNewColorLoggerErrors(t *testing.T) {
	t.Parallel()
	errFormat := errors.New("format")
	var buf bytes.Buffer
	failing := func(io.Writer) log.Logger {
		return log.LoggerFunc(func(...any) error { return errFormat })
	}
	l := term.NewColorLogger(&buf, failing, fixed(term.FgBgColor{Fg: term.Red}))
	if err := l.Log("a", 1); !errors.Is(err, errFormat) {
		t.Errorf("got %v, want %v", err, errFormat)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q after a formatting error", buf.String())
	}

	errWrite := errors.New("write")
	l = term.NewColorLogger(errWriter{errWrite}, log.NewLogfmtLogger, fixed(term.FgBgColor{Fg: term.Red}))
	if err := l.Log("a", 1); !errors.Is(err, errWrite) {
		t.Errorf("got %v, want %v", err, errWrite)
	}
}

type errWriter struct{ err error }

func (w errWriter) Write([]byte) (int, error) { return 0, w.err }

// writes records every Write call separately.
type writes struct {
	mu sync.Mutex
	ws []string
}

func (w *writes) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ws = append(w.ws, string(p))
	return len(p), nil
}

func TestNewColorLoggerConcurrent(t *testing.T) {
	t.Parallel()
	var w writes
	l := term.NewColorLogger(&w, log.NewLogfmtLogger, func(keyvals ...any) term.FgBgColor {
		return term.FgBgColor{Fg: term.Color(keyvals[1].(int)%16 + 1)}
	})
	const goroutines, events = 8, 200
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range events {
				_ = l.Log("g", g, "i", i, "pad", strings.Repeat("x", i))
			}
		})
	}
	wg.Wait()
	if len(w.ws) != goroutines*events {
		t.Fatalf("got %d writes, want %d", len(w.ws), goroutines*events)
	}
	for _, s := range w.ws {
		var g, i int
		body := s[strings.IndexByte(s, 'm')+1 : strings.LastIndex(s, "\x1b")]
		head, pad, ok := strings.Cut(body, " pad=")
		if _, err := fmt.Sscanf(head, "g=%d i=%d", &g, &i); err != nil || !ok || pad != strings.Repeat("x", i)+"\n" {
			t.Fatalf("interleaved or corrupt event %q", s)
		}
		if want := fmt.Sprintf("\x1b[%dm", 30+g); !strings.HasPrefix(s, want) {
			t.Fatalf("event %q does not start with %q", s, want)
		}
	}
}

func TestIsTerminal(t *testing.T) {
	t.Parallel()
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	for name, w := range map[string]io.Writer{
		"buffer":    &bytes.Buffer{},
		"discard":   io.Discard,
		"file":      f,
		"dev null":  devNull,
		"fder file": fdWriter{f.Fd(), io.Discard},
	} {
		if term.IsTerminal(w) {
			t.Errorf("%s: IsTerminal = true", name)
		}
	}
}

// fdWriter exposes a descriptor through Fd only and writes elsewhere.
type fdWriter struct {
	fd uintptr
	io.Writer
}

func (w fdWriter) Fd() uintptr { return w.fd }

// openPty opens the master side of a new pseudo-terminal, which is a
// terminal itself; it skips the test where that is not available.
func openPty(t *testing.T) *os.File {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("pseudo-terminal test runs on Linux only")
	}
	f, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestIsTerminalPty(t *testing.T) {
	t.Parallel()
	f := openPty(t)
	if !term.IsTerminal(f) {
		t.Error("IsTerminal(pty) = false")
	}
	if !term.IsTerminal(fdWriter{f.Fd(), io.Discard}) {
		t.Error("IsTerminal(Fd of pty) = false")
	}
}

func TestNewLogger(t *testing.T) {
	t.Parallel()
	red := fixed(term.FgBgColor{Fg: term.Red})

	var plain bytes.Buffer
	if err := term.NewLogger(&plain, log.NewLogfmtLogger, red).Log("a", 1); err != nil {
		t.Fatal(err)
	}
	if got := plain.String(); got != "a=1\n" {
		t.Errorf("non-terminal: got %q", got)
	}

	t.Run("terminal", func(t *testing.T) {
		t.Parallel()
		f := openPty(t)
		var out bytes.Buffer
		if err := term.NewLogger(fdWriter{f.Fd(), &out}, log.NewLogfmtLogger, red).Log("a", 1); err != nil {
			t.Fatal(err)
		}
		if got, want := out.String(), "\x1b[31;1ma=1\n\x1b[39;49;22m"; got != want {
			t.Errorf("terminal: got %q, want %q", got, want)
		}
	})
}

func TestNewColorWriter(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := term.NewColorWriter(&buf)
	if _, err := io.WriteString(w, "\x1b[31mred\x1b[39;49;22m"); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "\x1b[31mred\x1b[39;49;22m" {
		t.Errorf("got %q", got)
	}
}

func BenchmarkColorLogger(b *testing.B) {
	for _, bc := range []struct {
		name  string
		color term.FgBgColor
	}{{"plain", term.FgBgColor{}}, {"colour", term.FgBgColor{Fg: term.Red}}} {
		b.Run(bc.name, func(b *testing.B) {
			l := term.NewColorLogger(io.Discard, log.NewLogfmtLogger, fixed(bc.color))
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					_ = l.Log("msg", "hello", "n", 42)
				}
			})
		})
	}
}
