package apicompat_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
)

// Variables: checked through pointers, so the types must be identical.
var (
	_ *log.Valuer = &log.DefaultCaller
	_ *log.Valuer = &log.DefaultTimestamp
	_ *log.Valuer = &log.DefaultTimestampUTC
	_ *error      = &log.ErrMissingValue
)

// type Logger interface { Log(keyvals ...interface{}) error }
var (
	_ log.Logger                     = (interface{ Log(...any) error })(nil)
	_ interface{ Log(...any) error } = log.Logger(nil)
	_ log.Logger                     = logger{}
)

type logger struct{}

func (logger) Log(...any) error { return nil }

// Defined types and their methods.
var (
	// type LoggerFunc func(...interface{}) error; func (f LoggerFunc) Log(keyvals ...interface{}) error
	_ log.LoggerFunc                     = func(...any) error { return nil }
	_ func(...any) error                 = log.LoggerFunc(nil)
	_ func(log.LoggerFunc, ...any) error = log.LoggerFunc.Log
	_ log.Logger                         = log.LoggerFunc(nil)

	// type StdlibAdapter struct { Logger; _ unexported }; func (a StdlibAdapter) Write(p []byte) (int, error)
	_ func(log.StdlibAdapter, []byte) (int, error) = log.StdlibAdapter.Write
	_ io.Writer                                    = log.StdlibAdapter{}
	_                                              = log.StdlibAdapter{Logger: log.NewNopLogger()}
	// Logger is embedded, so its Log method is promoted.
	_ func(log.StdlibAdapter, ...any) error = log.StdlibAdapter.Log

	// type StdlibAdapterOption func(*StdlibAdapter)
	_ log.StdlibAdapterOption  = func(*log.StdlibAdapter) {}
	_ func(*log.StdlibAdapter) = log.StdlibAdapterOption(nil)

	// type StdlibWriter struct{}; func (w StdlibWriter) Write(p []byte) (int, error)
	_                                             = log.StdlibWriter(struct{}{})
	_ func(log.StdlibWriter, []byte) (int, error) = log.StdlibWriter.Write

	// type SwapLogger struct { _ unexported }
	_ func(*log.SwapLogger, ...any) error = (*log.SwapLogger).Log
	_ func(*log.SwapLogger, log.Logger)   = (*log.SwapLogger).Swap
	_ log.Logger                          = &log.SwapLogger{}

	// type Valuer func() interface{}
	_ log.Valuer = func() any { return nil }
	_ func() any = log.Valuer(nil)
)

// The embedded field is named Logger and has type Logger.
func _(a log.StdlibAdapter) { var _ *log.Logger = &a.Logger }

func _(v any) {
	switch v.(type) {
	case log.LoggerFunc:
	case func(...any) error:
	case log.StdlibAdapterOption:
	case func(*log.StdlibAdapter):
	case log.StdlibWriter:
	case struct{}:
	case log.Valuer:
	case func() any:
	}
}

// Functions.
var (
	_ func(int) log.Valuer                                   = log.Caller
	_ func(string) log.StdlibAdapterOption                   = log.FileKey
	_ func(string) log.StdlibAdapterOption                   = log.MessageKey
	_ func(io.Writer) log.Logger                             = log.NewJSONLogger
	_ func(io.Writer) log.Logger                             = log.NewLogfmtLogger
	_ func() log.Logger                                      = log.NewNopLogger
	_ func(log.Logger, ...log.StdlibAdapterOption) io.Writer = log.NewStdlibAdapter
	_ func(log.Logger) log.Logger                            = log.NewSyncLogger
	_ func(io.Writer) io.Writer                              = log.NewSyncWriter
	_ func(string, bool) log.StdlibAdapterOption             = log.Prefix
	_ func(func() time.Time) log.Valuer                      = log.Timestamp
	_ func(func() time.Time, string) log.Valuer              = log.TimestampFormat
	_ func(string) log.StdlibAdapterOption                   = log.TimestampKey
	_ func(log.Logger, ...any) log.Logger                    = log.With
	_ func(log.Logger, ...any) log.Logger                    = log.WithPrefix
	_ func(log.Logger, ...any) log.Logger                    = log.WithSuffix
)

func TestLogValues(t *testing.T) {
	t.Parallel()
	if got, want := log.ErrMissingValue.Error(), "(MISSING)"; got != want {
		t.Errorf("ErrMissingValue: got %q, want %q", got, want)
	}
	var buf bytes.Buffer
	if err := log.NewLogfmtLogger(&buf).Log("k"); err != nil {
		t.Fatal(err)
	}
	// As with go-logfmt under Go kit, a bare logfmt logger writes the
	// missing value as null; contexts (With) supply ErrMissingValue.
	if got, want := buf.String(), "k=null\n"; got != want {
		t.Errorf("odd keyvals: got %q, want %q", got, want)
	}
	buf.Reset()
	if err := log.With(log.NewLogfmtLogger(&buf), "a", 1).Log("k"); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "a=1 k=(MISSING)\n"; got != want {
		t.Errorf("odd keyvals through With: got %q, want %q", got, want)
	}
	if !errors.Is(log.ErrMissingValue, log.ErrMissingValue) {
		t.Error("ErrMissingValue is not itself")
	}
	buf.Reset()
	l := log.With(log.NewLogfmtLogger(&buf), "ts", log.DefaultTimestamp, "utc", log.DefaultTimestampUTC, "caller", log.DefaultCaller)
	if err := l.Log("msg", "x"); err != nil { // the caller must be this line
		t.Fatal(err)
	}
	fields := map[string]string{}
	for _, f := range strings.Fields(buf.String()) {
		k, v, _ := strings.Cut(f, "=")
		fields[k] = v
	}
	if _, err := time.Parse(time.RFC3339Nano, fields["ts"]); err != nil {
		t.Errorf("DefaultTimestamp: %q is not RFC3339Nano: %v", fields["ts"], err)
	}
	if ts, err := time.Parse(time.RFC3339Nano, fields["utc"]); err != nil || ts.Location() != time.UTC {
		t.Errorf("DefaultTimestampUTC: %q is not RFC3339Nano in UTC (%v)", fields["utc"], err)
	}
	if !strings.HasPrefix(fields["caller"], "log_test.go:") {
		t.Errorf("DefaultCaller: got %q, want log_test.go:<line>", fields["caller"])
	}
	// log v0.2.1: a panicking String method is logged, not re-panicked.
	buf.Reset()
	if err := log.NewJSONLogger(&buf).Log("k", panicStringer{}); err != nil {
		t.Fatalf("JSON logger, panicking String: %v", err)
	}
	if !strings.Contains(buf.String(), "PANIC in String method: ") {
		t.Errorf("JSON logger, panicking String: got %q, want a PANIC in String method value", buf.String())
	}
	for name, v := range map[string]log.Valuer{
		"DefaultCaller":       log.DefaultCaller,
		"DefaultTimestamp":    log.DefaultTimestamp,
		"DefaultTimestampUTC": log.DefaultTimestampUTC,
	} {
		if v == nil {
			t.Errorf("%s is nil", name)
		}
	}
}

// panicStringer is a fmt.Stringer whose String method panics.
type panicStringer struct{}

func (panicStringer) String() string { panic("boom") }
