package logdiff_test

import (
	"bytes"
	"fmt"
	"io"
	stdlog "log"
	"strings"
	"testing"

	gokitlog "github.com/go-kit/log"
	"github.com/seedkit/kit/log"
)

// adapterOptions describes a set of StdlibAdapter options.
type adapterOptions struct {
	ts, file, msg string
	prefix        string
	usePrefix     bool
	join          bool
}

func (o adapterOptions) String() string {
	return fmt.Sprintf("ts=%q file=%q msg=%q prefix=%q(%v) join=%v", o.ts, o.file, o.msg, o.prefix, o.usePrefix, o.join)
}

func (o adapterOptions) kit(l logger) io.Writer {
	var opts []log.StdlibAdapterOption
	if o.ts != "" {
		opts = append(opts, log.TimestampKey(o.ts))
	}
	if o.file != "" {
		opts = append(opts, log.FileKey(o.file))
	}
	if o.msg != "" {
		opts = append(opts, log.MessageKey(o.msg))
	}
	if o.usePrefix {
		opts = append(opts, log.Prefix(o.prefix, o.join))
	}
	return log.NewStdlibAdapter(l, opts...)
}

func (o adapterOptions) gokit(l logger) io.Writer {
	var opts []gokitlog.StdlibAdapterOption
	if o.ts != "" {
		opts = append(opts, gokitlog.TimestampKey(o.ts))
	}
	if o.file != "" {
		opts = append(opts, gokitlog.FileKey(o.file))
	}
	if o.msg != "" {
		opts = append(opts, gokitlog.MessageKey(o.msg))
	}
	if o.usePrefix {
		opts = append(opts, gokitlog.Prefix(o.prefix, o.join))
	}
	return gokitlog.NewStdlibAdapter(l, opts...)
}

// stdlibLines returns lines written by a standard library logger with
// every interesting combination of flags and prefix, each with the prefix
// its logger used.
func stdlibLines() []struct{ line, prefix string } {
	flagSets := []int{
		0, stdlog.Ldate, stdlog.Ltime, stdlog.Ldate | stdlog.Ltime, stdlog.Lmicroseconds,
		stdlog.LstdFlags | stdlog.Lmicroseconds, stdlog.LstdFlags | stdlog.LUTC,
		stdlog.Lshortfile, stdlog.Llongfile, stdlog.LstdFlags | stdlog.Lshortfile,
		stdlog.LstdFlags | stdlog.Lmicroseconds | stdlog.Llongfile, stdlog.Lmsgprefix,
		stdlog.LstdFlags | stdlog.Lmsgprefix, stdlog.LstdFlags | stdlog.Lshortfile | stdlog.Lmsgprefix,
		stdlog.Ltime | stdlog.Lshortfile,
	}
	prefixes := []string{"", "app ", "[svc] ", "pfx:", "2009/01/23 "}
	messages := []string{
		"hello", "", "hello world", "a: b", "key=value", "two\nlines", "trailing\n\n",
		"file.go:12: looks like a file", "2009/01/23 01:23:23 looks like a date",
		" leading space", "app in the middle", "app ", "unicode é 日本",
	}
	var lines []struct{ line, prefix string }
	for _, flags := range flagSets {
		for _, prefix := range prefixes {
			for _, msg := range messages {
				var buf bytes.Buffer
				stdlog.New(&buf, prefix, flags).Print(msg)
				lines = append(lines, struct{ line, prefix string }{buf.String(), prefix})
			}
		}
	}
	for _, line := range []string{
		"", "\n", "garbage", "2009/01/23", "2009/01/23 ", "2009/01/23 01:23:23", "01:23:23 x",
		"2009/01/23 01:23:23.123123 /a/b/c/d.go:23: message", "2009-01-23 01:23:23 msg",
		"2009/01/23 01:23:23.12 msg", "01:23:23. msg", "x.go:1:2: col", ": leading colon",
		"C:/path/file.go:12: windows", "file.go:: no line", "file.go:12 no colon space",
		"2009/01/23 1:23:23 short hour", "  spaced", "msg\r\n",
	} {
		lines = append(lines, struct{ line, prefix string }{line, ""})
	}
	return lines
}

func TestStdlibAdapter(t *testing.T) {
	t.Parallel()
	optionSets := []adapterOptions{
		{},
		{ts: "t", file: "f", msg: "m"},
		{msg: "message"},
		{usePrefix: true},
		{usePrefix: true, join: true},
	}
	for _, line := range stdlibLines() {
		opts := append([]adapterOptions(nil), optionSets...)
		opts = append(opts,
			adapterOptions{prefix: line.prefix, usePrefix: true},
			adapterOptions{prefix: line.prefix, usePrefix: true, join: true},
			adapterOptions{prefix: "other", usePrefix: true, join: true},
		)
		for _, o := range opts {
			var kitRec, gokitRec recorder
			kn, kerr := o.kit(&kitRec).Write([]byte(line.line))
			_, gerr := o.gokit(&gokitRec).Write([]byte(line.line))
			if kn != len(line.line) {
				t.Errorf("line %q, options %v: kit wrote %d bytes", line.line, o, kn)
			}
			// Go kit reports len(p) less the prefix it removed, breaking
			// io.Writer's contract; kit reports len(p). Compare the rest.
			got := fmt.Sprint(kitRec.events, kerr)
			want := fmt.Sprint(gokitRec.events, gerr)
			if got != want {
				t.Errorf("line %q, options %v:\nkit    %s\nGo kit %s", line.line, o, got, want)
			}
		}
	}
}

func TestStdlibAdapterError(t *testing.T) {
	t.Parallel()
	rec := &recorder{err: fmt.Errorf("nope")}
	kn, kerr := log.NewStdlibAdapter(rec).Write([]byte("msg\n"))
	gn, gerr := gokitlog.NewStdlibAdapter(rec).Write([]byte("msg\n"))
	if kn != gn || fmt.Sprint(kerr) != fmt.Sprint(gerr) {
		t.Errorf("kit %d, %v; Go kit %d, %v", kn, kerr, gn, gerr)
	}
}

// TestStdlibWriter changes the standard library's default logger, so it
// does not run in parallel.
func TestStdlibWriter(t *testing.T) {
	var buf bytes.Buffer
	defer func(w io.Writer, flags int, prefix string) {
		stdlog.SetOutput(w)
		stdlog.SetFlags(flags)
		stdlog.SetPrefix(prefix)
	}(stdlog.Writer(), stdlog.Flags(), stdlog.Prefix())
	stdlog.SetOutput(&buf)
	stdlog.SetFlags(0)
	stdlog.SetPrefix("std: ")
	var out [2]string
	for i, w := range []io.Writer{log.StdlibWriter{}, gokitlog.StdlibWriter{}} {
		buf.Reset()
		var ns []string
		for _, p := range []string{"a=1\n", "  spaced  \n", "", "\n", "x"} {
			n, err := w.Write([]byte(p))
			ns = append(ns, fmt.Sprint(n, err))
		}
		l := []logger{log.NewLogfmtLogger(w), gokitlog.NewLogfmtLogger(w)}[i]
		if err := l.Log("msg", "via logger"); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.String() + strings.Join(ns, ",")
	}
	if out[0] != out[1] {
		t.Errorf("kit    %q\nGo kit %q", out[0], out[1])
	}
}
