package logdiff_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	gokitlog "github.com/go-kit/log"
	gokitlevel "github.com/go-kit/log/level"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
)

// logImpl gathers one implementation's log package API behind common
// types. Valuers are returned as any, holding the package's own Valuer
// type, since that is what its contextual loggers recognise.
type logImpl struct {
	name                         string
	logfmt, json                 func(io.Writer) logger
	with, withPrefix, withSuffix func(logger, ...any) logger
	timestamp                    func(func() time.Time) any
	timestampFormat              func(func() time.Time, string) any
	caller                       func(int) any
	defaultCaller                any
	valuer                       func(func() any) any
	loggerFunc                   func(func(...any) error) logger
	nop                          func() logger
	newSwap                      func() swapLogger
	syncLogger                   func(logger) logger
	syncWriter                   func(io.Writer) io.Writer
	levelInfo                    func(logger) logger
}

// swapLogger is the method set of both SwapLoggers.
type swapLogger interface {
	logger
	Swap(logger)
}

type kitSwap struct{ log.SwapLogger }

func (s *kitSwap) Swap(l logger) {
	if l == nil {
		s.SwapLogger.Swap(nil)
		return
	}
	s.SwapLogger.Swap(l)
}

type gokitSwap struct{ gokitlog.SwapLogger }

func (s *gokitSwap) Swap(l logger) {
	if l == nil {
		s.SwapLogger.Swap(nil)
		return
	}
	s.SwapLogger.Swap(l)
}

var kitImpl = logImpl{
	name:            "kit",
	logfmt:          func(w io.Writer) logger { return log.NewLogfmtLogger(w) },
	json:            func(w io.Writer) logger { return log.NewJSONLogger(w) },
	with:            func(l logger, kv ...any) logger { return log.With(l, kv...) },
	withPrefix:      func(l logger, kv ...any) logger { return log.WithPrefix(l, kv...) },
	withSuffix:      func(l logger, kv ...any) logger { return log.WithSuffix(l, kv...) },
	timestamp:       func(f func() time.Time) any { return log.Timestamp(f) },
	timestampFormat: func(f func() time.Time, l string) any { return log.TimestampFormat(f, l) },
	caller:          func(d int) any { return log.Caller(d) },
	defaultCaller:   log.DefaultCaller,
	valuer:          func(f func() any) any { return log.Valuer(f) },
	loggerFunc:      func(f func(...any) error) logger { return log.LoggerFunc(f) },
	nop:             func() logger { return log.NewNopLogger() },
	newSwap:         func() swapLogger { return &kitSwap{} },
	syncLogger:      func(l logger) logger { return log.NewSyncLogger(l) },
	syncWriter:      log.NewSyncWriter,
	levelInfo:       func(l logger) logger { return level.Info(l) },
}

var gokitImpl = logImpl{
	name:            "gokit",
	logfmt:          func(w io.Writer) logger { return gokitlog.NewLogfmtLogger(w) },
	json:            func(w io.Writer) logger { return gokitlog.NewJSONLogger(w) },
	with:            func(l logger, kv ...any) logger { return gokitlog.With(l, kv...) },
	withPrefix:      func(l logger, kv ...any) logger { return gokitlog.WithPrefix(l, kv...) },
	withSuffix:      func(l logger, kv ...any) logger { return gokitlog.WithSuffix(l, kv...) },
	timestamp:       func(f func() time.Time) any { return gokitlog.Timestamp(f) },
	timestampFormat: func(f func() time.Time, l string) any { return gokitlog.TimestampFormat(f, l) },
	caller:          func(d int) any { return gokitlog.Caller(d) },
	defaultCaller:   gokitlog.DefaultCaller,
	valuer:          func(f func() any) any { return gokitlog.Valuer(f) },
	loggerFunc:      func(f func(...any) error) logger { return gokitlog.LoggerFunc(f) },
	nop:             func() logger { return gokitlog.NewNopLogger() },
	newSwap:         func() swapLogger { return &gokitSwap{} },
	syncLogger:      func(l logger) logger { return gokitlog.NewSyncLogger(l) },
	syncWriter:      gokitlog.NewSyncWriter,
	levelInfo:       func(l logger) logger { return gokitlevel.Info(l) },
}

// render describes keyvals as received by a logger: functions (unbound
// Valuers) are shown by type, everything else with %v.
func render(keyvals []any) string {
	parts := make([]string, len(keyvals))
	for i, v := range keyvals {
		if v != nil && reflect.TypeOf(v).Kind() == reflect.Func {
			parts[i] = "<func>"
			continue
		}
		parts[i] = fmt.Sprintf("%v", v)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// recorder is a logger that records what it is passed.
type recorder struct {
	events []string
	err    error
}

func (r *recorder) Log(keyvals ...any) error {
	r.events = append(r.events, render(keyvals))
	return r.err
}

// ctxStep is one With, WithPrefix or WithSuffix call; its keyvals are
// built per implementation, so that Valuers have the right type.
type ctxStep struct {
	kind    string // "with", "prefix" or "suffix"
	keyvals func(impl logImpl, counter *int) []any
}

func kvs(kv ...any) func(logImpl, *int) []any {
	return func(logImpl, *int) []any { return kv }
}

// counting returns keyvals whose value is a Valuer counting its calls in
// counter, shared by all the Valuers of one run: it shows the order of
// evaluation.
func counting(key string) func(logImpl, *int) []any {
	return func(impl logImpl, counter *int) []any {
		return []any{key, impl.valuer(func() any { *counter++; return *counter })}
	}
}

func TestContexts(t *testing.T) {
	t.Parallel()
	fixed := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	clock := func() time.Time { return fixed }
	tests := []struct {
		name  string
		steps []ctxStep
		calls [][]any
	}{
		{"none", nil, [][]any{{"a", 1}}},
		{"with", []ctxStep{{"with", kvs("a", 1)}}, [][]any{{"b", 2}, {}}},
		{"with empty", []ctxStep{{"with", kvs()}}, [][]any{{"b", 2}}},
		{"with odd", []ctxStep{{"with", kvs("a")}}, [][]any{{"b", 2}}},
		{"prefix odd", []ctxStep{{"prefix", kvs("a")}, {"with", kvs("b", 2)}}, [][]any{{"c", 3}}},
		{"suffix odd", []ctxStep{{"suffix", kvs("a")}, {"with", kvs("b", 2)}}, [][]any{{"c", 3}}},
		{"log odd", []ctxStep{{"with", kvs("a", 1)}, {"suffix", kvs("z", 26)}}, [][]any{{"b"}, {"b", 2, "c"}}},
		{"nested", []ctxStep{
			{"with", kvs("a", 1)}, {"prefix", kvs("p", 1)}, {"suffix", kvs("s", 1)},
			{"with", kvs("b", 2)}, {"prefix", kvs("p", 2)}, {"suffix", kvs("s", 2)},
		}, [][]any{{"x", 0}, {"y", 1, "z", 2}}},
		{"suffix order", []ctxStep{{"suffix", kvs("s", 1)}, {"suffix", kvs("s", 2)}, {"suffix", kvs("s", 3)}}, [][]any{{"m", 0}}},
		{"prefix order", []ctxStep{{"prefix", kvs("p", 1)}, {"prefix", kvs("p", 2)}, {"with", kvs("w", 3)}}, [][]any{{"m", 0}}},
		{"valuers order", []ctxStep{
			{"suffix", counting("s1")}, {"with", counting("w1")}, {"prefix", counting("p1")},
			{"with", counting("w2")}, {"suffix", counting("s2")},
		}, [][]any{{"m", 0}, {"m", 1}}},
		{"valuer as key is not called", []ctxStep{{"with", func(impl logImpl, c *int) []any {
			return []any{impl.valuer(func() any { return "k" }), "v"}
		}}}, [][]any{{"m", 0}}},
		{"timestamps", []ctxStep{{"with", func(impl logImpl, _ *int) []any {
			return []any{"ts", impl.timestamp(clock), "tsf", impl.timestampFormat(clock, time.RFC3339), "tsk", impl.timestampFormat(clock, time.Kitchen)}
		}}}, [][]any{{"m", 0}}},
		{"valuer in Log is not called", []ctxStep{{"with", kvs("a", 1)}}, [][]any{{"v", gokitlog.Valuer(func() any { return 1 }), "w", log.Valuer(func() any { return 2 })}}},
		{"valuer in odd position", []ctxStep{{"with", func(impl logImpl, c *int) []any {
			return []any{"a", 1, "b"}
		}}, {"with", counting("c")}}, [][]any{{"m", 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out [2]string
			for i, impl := range []logImpl{kitImpl, gokitImpl} {
				rec := &recorder{}
				var l logger = rec
				counter := 0
				for _, s := range tt.steps {
					kv := s.keyvals(impl, &counter)
					switch s.kind {
					case "with":
						l = impl.with(l, kv...)
					case "prefix":
						l = impl.withPrefix(l, kv...)
					case "suffix":
						l = impl.withSuffix(l, kv...)
					}
				}
				for _, call := range tt.calls {
					if err := l.Log(call...); err != nil {
						t.Fatal(err)
					}
				}
				// Through both encoders, too.
				for _, newLogger := range []func(io.Writer) logger{impl.logfmt, impl.json} {
					var buf bytes.Buffer
					l := newLogger(&buf)
					for _, s := range tt.steps {
						kv := s.keyvals(impl, &counter)
						switch s.kind {
						case "with":
							l = impl.with(l, kv...)
						case "prefix":
							l = impl.withPrefix(l, kv...)
						case "suffix":
							l = impl.withSuffix(l, kv...)
						}
					}
					for _, call := range tt.calls {
						if strings.Contains(render(call), "<func>") {
							continue // unbound Valuers encode as different types
						}
						if err := l.Log(call...); err != nil {
							t.Fatal(err)
						}
					}
					rec.events = append(rec.events, buf.String())
				}
				out[i] = strings.Join(rec.events, "\n")
			}
			if out[0] != out[1] {
				t.Errorf("kit:\n%s\nGo kit:\n%s", out[0], out[1])
			}
		})
	}
}

// logVia calls l.Log from one fixed line, so that both implementations'
// callers report the same file and line.
func logVia(l logger) error { return l.Log("msg", "hi") }

// logViaWrapper calls logVia: Caller(4) reports this line.
func logViaWrapper(l logger) error { return logVia(l) }

func TestCaller(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		build func(impl logImpl, base logger) logger
		via   func(logger) error
	}{
		{"DefaultCaller in With", func(impl logImpl, b logger) logger {
			return impl.with(b, "caller", impl.defaultCaller)
		}, logVia},
		{"DefaultCaller in WithPrefix", func(impl logImpl, b logger) logger {
			return impl.withPrefix(b, "caller", impl.defaultCaller)
		}, logVia},
		{"DefaultCaller in WithSuffix", func(impl logImpl, b logger) logger {
			return impl.withSuffix(b, "caller", impl.defaultCaller)
		}, logVia},
		{"nested contexts", func(impl logImpl, b logger) logger {
			l := impl.with(b, "caller", impl.defaultCaller)
			l = impl.withSuffix(l, "s", impl.caller(3))
			return impl.with(impl.withPrefix(l, "p", 1), "w", 2)
		}, logVia},
		{"level wrapper", func(impl logImpl, b logger) logger {
			return impl.levelInfo(impl.with(b, "caller", impl.defaultCaller))
		}, logVia},
		{"Caller(4)", func(impl logImpl, b logger) logger {
			return impl.with(b, "caller", impl.caller(4))
		}, logViaWrapper},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out [2]string
			for i, impl := range []logImpl{kitImpl, gokitImpl} {
				var buf bytes.Buffer
				if err := tt.via(tt.build(impl, impl.logfmt(&buf))); err != nil {
					t.Fatal(err)
				}
				out[i] = buf.String()
			}
			if out[0] != out[1] {
				t.Errorf("kit    %q\nGo kit %q", out[0], out[1])
			}
			if !strings.Contains(out[0], "context_test.go:") {
				t.Errorf("caller is not this file: %q", out[0])
			}
		})
	}
}

func TestLoggersPassErrors(t *testing.T) {
	t.Parallel()
	errWrite := errors.New("write failed")
	for _, impl := range []logImpl{kitImpl, gokitImpl} {
		t.Run(impl.name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{err: errWrite}
			checks := []struct {
				name string
				l    logger
				want error
			}{
				{"nop", impl.nop(), nil},
				{"loggerFunc", impl.loggerFunc(func(kv ...any) error { return errWrite }), errWrite},
				{"with", impl.with(rec, "a", 1), errWrite},
				{"syncLogger", impl.syncLogger(rec), errWrite},
				{"logfmt writer error", impl.logfmt(failWriter{errWrite}), errWrite},
				{"json writer error", impl.json(failWriter{errWrite}), errWrite},
				{"logfmt sync writer", impl.logfmt(impl.syncWriter(failWriter{errWrite})), errWrite},
			}
			for _, c := range checks {
				if err := c.l.Log("a", 1); !errors.Is(err, c.want) {
					t.Errorf("%s: got %v, want %v", c.name, err, c.want)
				}
			}
		})
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

func TestSwapLogger(t *testing.T) {
	t.Parallel()
	var out [2]string
	for i, impl := range []logImpl{kitImpl, gokitImpl} {
		var buf bytes.Buffer
		var results []string
		s := impl.newSwap()
		note := func(err error) { results = append(results, fmt.Sprint(err)) }
		note(s.Log("zero", "value"))
		s.Swap(impl.logfmt(&buf))
		note(s.Log("a", 1))
		s.Swap(nil)
		note(s.Log("after", "nil"))
		s.Swap(&recorder{err: errors.New("rec")})
		note(s.Log("b", 2))
		s.Swap(impl.json(&buf))
		note(s.Log("c", 3))
		out[i] = buf.String() + strings.Join(results, ",")
	}
	if out[0] != out[1] {
		t.Errorf("kit    %q\nGo kit %q", out[0], out[1])
	}
}

func TestSyncWriter(t *testing.T) {
	t.Parallel()
	f, err := os.CreateTemp(t.TempDir(), "sync")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, impl := range []logImpl{kitImpl, gokitImpl} {
		var buf bytes.Buffer
		w := impl.syncWriter(&buf)
		n, err := w.Write([]byte("abc"))
		if n != 3 || err != nil || buf.String() != "abc" {
			t.Errorf("%s: Write = %d, %v; buffer %q", impl.name, n, err, buf.String())
		}
		if _, ok := w.(interface{ Fd() uintptr }); ok {
			t.Errorf("%s: a buffer's sync writer has Fd", impl.name)
		}
		fw, ok := impl.syncWriter(f).(interface{ Fd() uintptr })
		if !ok || fw.Fd() != f.Fd() {
			t.Errorf("%s: a file's sync writer does not expose its Fd", impl.name)
		}
	}
}
