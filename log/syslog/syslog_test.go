//go:build !windows && !plan9

package syslog_test

import (
	"errors"
	"fmt"
	"io"
	gosyslog "log/syslog"
	"strings"
	"sync"
	"testing"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
	"github.com/seedkit/kit/log/syslog"
)

// fakeWriter records each message with the name of the method used.
type fakeWriter struct {
	mu   sync.Mutex
	msgs []string
	err  error
}

func (w *fakeWriter) record(method, msg string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.msgs = append(w.msgs, method+": "+msg)
	return w.err
}

func (w *fakeWriter) Write(p []byte) (int, error) { return len(p), w.record("write", string(p)) }
func (w *fakeWriter) Close() error                { return nil }
func (w *fakeWriter) Emerg(m string) error        { return w.record("emerg", m) }
func (w *fakeWriter) Alert(m string) error        { return w.record("alert", m) }
func (w *fakeWriter) Crit(m string) error         { return w.record("crit", m) }
func (w *fakeWriter) Err(m string) error          { return w.record("err", m) }
func (w *fakeWriter) Warning(m string) error      { return w.record("warning", m) }
func (w *fakeWriter) Notice(m string) error       { return w.record("notice", m) }
func (w *fakeWriter) Info(m string) error         { return w.record("info", m) }
func (w *fakeWriter) Debug(m string) error        { return w.record("debug", m) }

func (w *fakeWriter) last() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.msgs) == 0 {
		return ""
	}
	return w.msgs[len(w.msgs)-1]
}

// The real writer satisfies the interface.
var _ syslog.SyslogWriter = (*gosyslog.Writer)(nil)

func TestDefaultPriorities(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		keyvals []any
		want    string
	}{
		{"debug", []any{"level", level.DebugValue(), "a", 1}, "debug: level=debug a=1\n"},
		{"info", []any{"level", level.InfoValue()}, "info: level=info\n"},
		{"warn", []any{"level", level.WarnValue()}, "warning: level=warn\n"},
		{"error", []any{"level", level.ErrorValue()}, "err: level=error\n"},
		{"no level", []any{"a", 1}, "info: a=1\n"},
		{"string level is not a level", []any{"level", "error"}, "info: level=error\n"},
		{"later level value", []any{"level", "x", "level", level.ErrorValue()}, "err: level=x level=error\n"},
		{"level key without value", []any{"a", 1, "level"}, "info: a=1 level=null\n"},
		{"empty", nil, "info: \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var w fakeWriter
			if err := syslog.NewSyslogLogger(&w, log.NewLogfmtLogger).Log(tt.keyvals...); err != nil {
				t.Fatal(err)
			}
			if got := w.last(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLevelHelpers(t *testing.T) {
	t.Parallel()
	var w fakeWriter
	l := log.With(syslog.NewSyslogLogger(&w, log.NewLogfmtLogger), "svc", "x")
	_ = level.Error(l).Log("msg", "bad")
	if got, want := w.last(), "err: level=error svc=x msg=bad\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPrioritySelectorOption(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p    gosyslog.Priority
		want string
	}{
		{gosyslog.LOG_EMERG, "emerg"},
		{gosyslog.LOG_ALERT, "alert"},
		{gosyslog.LOG_CRIT, "crit"},
		{gosyslog.LOG_ERR, "err"},
		{gosyslog.LOG_WARNING, "warning"},
		{gosyslog.LOG_NOTICE, "notice"},
		{gosyslog.LOG_INFO, "info"},
		{gosyslog.LOG_DEBUG, "debug"},
		{gosyslog.LOG_LOCAL3 | gosyslog.LOG_CRIT, "write"}, // not a bare severity: Write, as in Go kit
		{gosyslog.Priority(42), "write"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.p), func(t *testing.T) {
			t.Parallel()
			var w fakeWriter
			sel := func(...any) gosyslog.Priority { return tt.p }
			l := syslog.NewSyslogLogger(&w, log.NewLogfmtLogger, syslog.PrioritySelectorOption(sel), nil)
			_ = l.Log("k", "v")
			if got := w.last(); got != tt.want+": k=v\n" {
				t.Errorf("got %q", got)
			}
		})
	}

	// A nil selector keeps the default.
	var w fakeWriter
	_ = syslog.NewSyslogLogger(&w, log.NewLogfmtLogger, syslog.PrioritySelectorOption(nil)).Log("level", level.WarnValue())
	if got := w.last(); !strings.HasPrefix(got, "warning: ") {
		t.Errorf("got %q", got)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	errFormat := errors.New("format")
	var w fakeWriter
	failing := func(io.Writer) log.Logger {
		return log.LoggerFunc(func(...any) error { return errFormat })
	}
	if err := syslog.NewSyslogLogger(&w, failing).Log("a", 1); !errors.Is(err, errFormat) {
		t.Errorf("got %v, want %v", err, errFormat)
	}
	if w.last() != "" {
		t.Errorf("wrote %q after a formatting error", w.last())
	}

	errWrite := errors.New("write")
	w2 := fakeWriter{err: errWrite}
	if err := syslog.NewSyslogLogger(&w2, log.NewLogfmtLogger).Log("a", 1); !errors.Is(err, errWrite) {
		t.Errorf("got %v, want %v", err, errWrite)
	}
}

func TestNilArguments(t *testing.T) {
	t.Parallel()
	if err := syslog.NewSyslogLogger(nil, nil).Log("a", 1); err != nil {
		t.Error(err)
	}
	var w fakeWriter
	if err := syslog.NewSyslogLogger(&w, nil).Log("a", 1); err != nil || w.last() != "info: a=1\n" {
		t.Errorf("nil newLogger: %v, %q", err, w.last())
	}
}

func TestConcurrent(t *testing.T) {
	t.Parallel()
	var w fakeWriter
	l := syslog.NewSyslogLogger(&w, log.NewLogfmtLogger)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				_ = level.Warn(l).Log("g", g, "i", i, "pad", strings.Repeat("x", i))
			}
		})
	}
	wg.Wait()
	if len(w.msgs) != 800 {
		t.Fatalf("got %d messages", len(w.msgs))
	}
	for _, m := range w.msgs {
		var g, i int
		head, pad, _ := strings.Cut(m, " pad=")
		if _, err := fmt.Sscanf(head, "warning: level=warn g=%d i=%d", &g, &i); err != nil || pad != strings.Repeat("x", i)+"\n" {
			t.Fatalf("corrupt message %q", m)
		}
	}
}

func BenchmarkLog(b *testing.B) {
	l := level.Info(syslog.NewSyslogLogger(nopWriter{}, log.NewLogfmtLogger))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_ = l.Log("msg", "hello", "n", 42)
		}
	})
}

type nopWriter struct{ syslog.SyslogWriter }

func (nopWriter) Info(string) error { return nil }
