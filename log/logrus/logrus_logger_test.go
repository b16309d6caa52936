package logrus_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/seedkit/kit/log"
	kitlogrus "github.com/seedkit/kit/log/logrus"
)

// newLogrus returns a logrus logger writing timestamp-free JSON to buf.
func newLogrus(buf io.Writer, level logrus.Level) *logrus.Logger {
	l := logrus.New()
	l.Out = buf
	l.Level = level
	l.Formatter = &logrus.JSONFormatter{DisableTimestamp: true}
	return l
}

func decode(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	dec := json.NewDecoder(strings.NewReader(s))
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("decode %q: %v", s, err)
		}
		out = append(out, m)
	}
	return out
}

type stringer struct{}

func (stringer) String() string { return "key" }

type panicker struct{}

func (*panicker) String() string { panic("boom") }

func TestLog(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		keyvals []any
		want    map[string]any
	}{
		{"msg is a field", []any{"msg", "hello", "a", 1, "b", "x"},
			map[string]any{"msg": "", "fields.msg": "hello", "a": 1.0, "b": "x", "level": "info"}},
		{"no message", []any{"a", true},
			map[string]any{"msg": "", "a": true, "level": "info"}},
		{"non-string msg", []any{"msg", 42},
			map[string]any{"msg": "", "fields.msg": 42.0, "level": "info"}},
		{"odd keyvals", []any{"a", 1, "dangling"},
			map[string]any{"msg": "", "a": 1.0, "dangling": "(MISSING)", "level": "info"}},
		{"missing msg value", []any{"msg"},
			map[string]any{"msg": "", "fields.msg": "(MISSING)", "level": "info"}},
		{"non-string keys", []any{1, "one", stringer{}, "s", nil, "n"},
			map[string]any{"msg": "", "1": "one", "key": "s", "<nil>": "n", "level": "info"}},
		{"panicking key", []any{(*panicker)(nil), "v"},
			map[string]any{"msg": "", "<nil>": "v", "level": "info"}},
		{"error value", []any{"err", errors.New("bad")},
			map[string]any{"msg": "", "err": "bad", "level": "info"}},
		{"repeated key", []any{"a", 1, "a", 2},
			map[string]any{"msg": "", "a": 2.0, "level": "info"}},
		{"empty", nil, map[string]any{"msg": "", "level": "info"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			l := kitlogrus.NewLogger(newLogrus(&buf, logrus.InfoLevel))
			if err := l.Log(tt.keyvals...); err != nil {
				t.Fatal(err)
			}
			got := decode(t, buf.String())
			if len(got) != 1 {
				t.Fatalf("got %d entries: %q", len(got), buf.String())
			}
			if !equal(got[0], tt.want) {
				t.Errorf("got %v, want %v", got[0], tt.want)
			}
		})
	}
}

func equal(a, b map[string]any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func TestWithLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		level   logrus.Level
		want    string // "" when the logrus logger filters the event out
		options int
	}{
		{logrus.TraceLevel, "", 1},
		{logrus.DebugLevel, "debug", 1},
		{logrus.InfoLevel, "info", 1},
		{logrus.WarnLevel, "warning", 1},
		{logrus.ErrorLevel, "error", 1},
		{logrus.FatalLevel, "info", 1}, // as in Go kit: no exit, info
		{logrus.PanicLevel, "info", 1}, // as in Go kit: no panic, info
		{logrus.Level(42), "info", 1},
		{logrus.InfoLevel, "info", 0}, // the default
	}
	for _, tt := range tests {
		t.Run(tt.level.String(), func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			var opts []kitlogrus.Option
			if tt.options > 0 {
				opts = append(opts, kitlogrus.WithLevel(tt.level), nil)
			}
			l := kitlogrus.NewLogger(newLogrus(&buf, logrus.DebugLevel), opts...)
			if err := l.Log("msg", "m"); err != nil { // never panics nor exits
				t.Fatal(err)
			}
			if tt.want == "" {
				if buf.Len() != 0 {
					t.Errorf("filtered level wrote %q", buf.String())
				}
				return
			}
			got := decode(t, buf.String())
			if len(got) != 1 || got[0]["level"] != tt.want {
				t.Errorf("got %v, want level %q", got, tt.want)
			}
		})
	}
}

func TestFieldLoggerEntry(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	entry := newLogrus(&buf, logrus.InfoLevel).WithField("component", "db")
	l := log.Logger(kitlogrus.NewLogger(entry))
	if err := l.Log("msg", "up", "port", 5432); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"component": "db", "level": "info", "msg": "", "fields.msg": "up", "port": 5432.0}
	if got := decode(t, buf.String()); len(got) != 1 || !equal(got[0], want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestNilLogger(t *testing.T) {
	t.Parallel()
	if err := kitlogrus.NewLogger(nil).Log("msg", "x"); err != nil {
		t.Fatal(err)
	}
	if err := (kitlogrus.Logger{}).Log("msg", "x"); err != nil {
		t.Fatal(err)
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func TestConcurrent(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	l := kitlogrus.NewLogger(newLogrus(&buf, logrus.InfoLevel))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				_ = l.Log("msg", "m", "g", g, "i", i)
			}
		})
	}
	wg.Wait()
	if got := len(decode(t, buf.buf.String())); got != 800 {
		t.Errorf("got %d entries, want 800", got)
	}
}

func BenchmarkLog(b *testing.B) {
	lr := newLogrus(io.Discard, logrus.InfoLevel)
	for _, bc := range []struct {
		name   string
		logger log.Logger
	}{
		{"enabled", kitlogrus.NewLogger(lr)},
		{"disabled", kitlogrus.NewLogger(lr, kitlogrus.WithLevel(logrus.DebugLevel))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					_ = bc.logger.Log("msg", "hello", "n", 42, "ok", true)
				}
			})
		})
	}
}
