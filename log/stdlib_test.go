package log_test

import (
	"bytes"
	"errors"
	stdlog "log"
	"slices"
	"testing"

	"github.com/seedkit/kit/log"
)

func TestStdlibAdapter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []log.StdlibAdapterOption
		in   string
		want []any
	}{
		{"message", nil, "hello\n", []any{"msg", "hello"}},
		{"no newline", nil, "hello", []any{"msg", "hello"}},
		{"date", nil, "2009/01/23 hello\n", []any{"ts", "2009/01/23", "msg", "hello"}},
		{"time", nil, "01:23:23 hello\n", []any{"ts", "01:23:23", "msg", "hello"}},
		{"date time", nil, "2009/01/23 01:23:23 hello\n", []any{"ts", "2009/01/23 01:23:23", "msg", "hello"}},
		{"microseconds", nil, "2009/01/23 01:23:23.123123 hello\n",
			[]any{"ts", "2009/01/23 01:23:23.123123", "msg", "hello"}},
		{"short file", nil, "2009/01/23 01:23:23 main.go:42: hello\n",
			[]any{"ts", "2009/01/23 01:23:23", "caller", "main.go:42", "msg", "hello"}},
		{"long file", nil, "/a/b/main.go:42: hello: world\n", []any{"caller", "/a/b/main.go:42", "msg", "hello: world"}},
		{"colon no line", nil, "key: value\n", []any{"msg", "key: value"}},
		{"multi-line", nil, "a\nb:1: c\n", []any{"msg", "a\nb:1: c"}},
		{"keys", []log.StdlibAdapterOption{log.TimestampKey("t"), log.FileKey("f"), log.MessageKey("m")},
			"2009/01/23 main.go:1: hi\n", []any{"t", "2009/01/23", "f", "main.go:1", "m", "hi"}},
		{"prefix", []log.StdlibAdapterOption{log.Prefix("app: ", false)}, "app: 2009/01/23 hi\n",
			[]any{"ts", "2009/01/23", "msg", "hi"}},
		{"msgprefix", []log.StdlibAdapterOption{log.Prefix("app: ", false)}, "2009/01/23 app: hi\n",
			[]any{"ts", "2009/01/23", "msg", "hi"}},
		{"prefix joined", []log.StdlibAdapterOption{log.Prefix("app: ", true)}, "app: 2009/01/23 hi\n",
			[]any{"ts", "2009/01/23", "msg", "app: hi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var r recorder
			w := log.NewStdlibAdapter(&r, tt.opts...)
			n, err := w.Write([]byte(tt.in))
			if err != nil || n != len(tt.in) {
				t.Fatalf("Write = %d, %v", n, err)
			}
			if got := r.last(); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStdlibAdapterWithStdlibLogger(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	std := stdlog.New(log.NewStdlibAdapter(log.NewLogfmtLogger(&buf)), "", stdlog.Lshortfile)
	std.Print("hello world")
	if got, want := buf.String(), "caller=stdlib_test.go:"; len(got) < len(want) || got[:len(want)] != want {
		t.Fatalf("got %q", got)
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte(` msg="hello world"`+"\n")) {
		t.Errorf("got %q", buf.String())
	}
}

func TestStdlibAdapterError(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	w := log.NewStdlibAdapter(log.LoggerFunc(func(...any) error { return boom }))
	if n, err := w.Write([]byte("x\n")); n != 0 || !errors.Is(err, boom) {
		t.Errorf("Write = %d, %v", n, err)
	}
}

// TestStdlibWriter changes the standard library's default logger, so it is
// not parallel.
func TestStdlibWriter(t *testing.T) {
	var buf bytes.Buffer
	flags, out := stdlog.Flags(), stdlog.Writer()
	stdlog.SetFlags(0)
	stdlog.SetOutput(&buf)
	t.Cleanup(func() { stdlog.SetFlags(flags); stdlog.SetOutput(out) })
	if err := log.NewLogfmtLogger(log.StdlibWriter{}).Log("a", 1); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "a=1\n" {
		t.Errorf("got %q", got)
	}
}
