package log_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/seedkit/kit/log"
)

type stringer string

func (s stringer) String() string { return string(s) }

type panicky struct{ msg string }

func (p *panicky) String() string               { return p.msg + "" }
func (p *panicky) Error() string                { panic(p.msg) }
func (p *panicky) MarshalJSON() ([]byte, error) { panic(p.msg) }

type stringPanic struct{}

func (stringPanic) String() string { panic("kaboom") }

type textPanic struct{}

func (textPanic) MarshalText() ([]byte, error) { panic("text kaboom") }

type textErr struct{}

func (textErr) MarshalText() ([]byte, error) { return nil, errors.New("no text") }

type code int

type label string

func TestLogfmtValues(t *testing.T) {
	t.Parallel()
	var nilStringer *panicky
	var nilInt *int
	n := 7
	ts := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	tests := []struct {
		name    string
		keyvals []any
		want    string
	}{
		{"empty", nil, ""},
		{"string", []any{"a", "b"}, "a=b"},
		{"spaces", []any{"a", "b c"}, `a="b c"`},
		{"equals", []any{"a", "b=c"}, `a="b=c"`},
		{"quote", []any{"a", `say "hi"`}, `a="say \"hi\""`},
		{"backslash alone", []any{"a", `c:\dir`}, `a=c:\dir`},
		{"backslash quoted", []any{"a", `c:\my dir`}, `a="c:\\my dir"`},
		{"newline", []any{"a", "x\ny\r\tz"}, `a="x\ny\r\tz"`},
		{"control", []any{"a", "\x00\x1f\x7f"}, "a=\"\\u0000\\u001f\x7f\""},
		{"c1 and separators", []any{"a", "\u0085\u2028\u2029"}, "a=\u0085\u2028\u2029"},
		{"replacement char", []any{"a", "\ufffd"}, `a="\ufffd"`},
		{"invalid utf8", []any{"a", "x\xffy"}, `a="x\ufffdy"`},
		{"unicode", []any{"a", "héllo"}, "a=héllo"},
		{"empty value", []any{"a", ""}, "a="},
		{"null string", []any{"a", "null"}, `a="null"`},
		{"nil", []any{"a", nil}, "a=null"},
		{"bool", []any{"a", true, "b", false}, "a=true b=false"},
		{"ints", []any{"a", -1, "b", int8(-8), "c", int16(16), "d", int32(32), "e", int64(math.MinInt64)},
			"a=-1 b=-8 c=16 d=32 e=-9223372036854775808"},
		{"uints", []any{"a", uint(1), "b", uint8(8), "c", uint16(16), "d", uint32(32), "e", uint64(math.MaxUint64)},
			"a=1 b=8 c=16 d=32 e=18446744073709551615"},
		{"floats", []any{"a", 1.5, "b", float32(0.1), "c", 1e21, "d", math.Inf(-1), "e", math.NaN()},
			"a=1.5 b=0.1 c=1e+21 d=-Inf e=NaN"},
		{"duration", []any{"a", 1500 * time.Millisecond, "b", -time.Microsecond}, "a=1.5s b=-1µs"},
		{"time", []any{"a", ts}, "a=2024-05-06T07:08:09.123456789Z"},
		{"timestamp valuer", []any{"a", log.TimestampFormat(func() time.Time { return ts }, time.DateTime)()},
			`a="2024-05-06 07:08:09"`},
		{"error", []any{"err", errors.New("bad thing")}, `err="bad thing"`},
		{"stringer", []any{"a", stringer("s")}, "a=s"},
		{"text marshaler", []any{"ip", net.IPv4(10, 0, 0, 1)}, "ip=10.0.0.1"},
		{"text marshaler error", []any{"a", textErr{}},
			`a="error marshaling value of type log_test.textErr: no text"`},
		{"bytes", []any{"a", []byte("b c")}, `a="b c"`},
		{"named int", []any{"a", code(42)}, "a=42"},
		{"named string", []any{"a", label("x y")}, `a="x y"`},
		{"pointer", []any{"a", &n}, "a=7"},
		{"nil pointer", []any{"a", nilInt}, "a=null"},
		{"struct", []any{"a", struct{ X int }{1}}, `a="unsupported value type"`},
		{"slice", []any{"a", []int{1}}, `a="unsupported value type"`},
		{"map", []any{"a", map[string]int{}}, `a="unsupported value type"`},
		{"complex", []any{"a", 1 + 2i}, "a=(1+2i)"},
		{"nil receiver panic", []any{"a", error(nilStringer)}, "a=null"},
		{"error panic", []any{"a", error(&panicky{"oops"})}, "a=PANIC:oops"},
		{"string panic", []any{"a", stringPanic{}}, "a=PANIC:kaboom"},
		{"text panic", []any{"a", textPanic{}}, `a="PANIC:text kaboom"`},
		{"missing", []any{"a", 1, "b"}, "a=1 b=null"},
		{"int key", []any{1, "one"}, "1=one"},
		{"stringer key", []any{stringer("k"), 1}, "k=1"},
		{"bytes key", []any{[]byte("k"), 1}, "k=1"},
		{"key cleaned", []any{"a b=\"c\"\n\xff", 1}, "abc=1"},
		{"key emptied", []any{" = ", 1, "b", 2}, "b=2"},
		{"nil key", []any{nil, 1, "b", 2}, "b=2"},
		{"struct key", []any{struct{}{}, 1, "b", 2}, "b=2"},
		{"panicking key", []any{stringPanic{}, 1, "b", 2}, "PANIC:kaboom=1 b=2"},
		{"panicking text key", []any{textPanic{}, 1, "b", 2}, "b=2"},
		{"only bad keys", []any{nil, 1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := log.NewLogfmtLogger(&buf).Log(tt.keyvals...); err != nil {
				t.Fatal(err)
			}
			if got, want := buf.String(), tt.want+"\n"; got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}
}

// countingWriter records how many times Write is called.
type countingWriter struct {
	writes int
	bytes.Buffer
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

func TestOneWritePerEvent(t *testing.T) {
	t.Parallel()
	for name, newLogger := range map[string]func(w *countingWriter) log.Logger{
		"logfmt": func(w *countingWriter) log.Logger { return log.NewLogfmtLogger(w) },
		"json":   func(w *countingWriter) log.Logger { return log.NewJSONLogger(w) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var w countingWriter
			l := newLogger(&w)
			_ = l.Log("a", strings.Repeat("x", 100000), "b", 2)
			_ = l.Log("c", 3)
			if w.writes != 2 {
				t.Errorf("%d writes for 2 events", w.writes)
			}
		})
	}
}

type failingWriter struct{}

var errWrite = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriterErrorIsReturned(t *testing.T) {
	t.Parallel()
	for _, l := range []log.Logger{log.NewLogfmtLogger(failingWriter{}), log.NewJSONLogger(failingWriter{})} {
		if err := l.Log("a", 1); !errors.Is(err, errWrite) {
			t.Errorf("got %v, want %v", err, errWrite)
		}
	}
}

func TestDurationMatchesString(t *testing.T) {
	t.Parallel()
	ds := []time.Duration{0, 1, 999, 1000, 1001, 1500, 999999, 1e6, 1234567, 1e9, 1e9 + 1, 59e9, 60e9, 61e9,
		3599e9, 3600e9, 3661e9 + 5e8, 100 * time.Hour, math.MaxInt64, math.MinInt64, -1, -1500 * time.Millisecond}
	for i := range 2000 {
		ds = append(ds, time.Duration(uint64(i)*0x9E3779B97F4A7C15>>(i%64)))
	}
	for _, d := range ds {
		var buf bytes.Buffer
		_ = log.NewLogfmtLogger(&buf).Log("d", d)
		if got, want := buf.String(), "d="+d.String()+"\n"; got != want {
			t.Fatalf("%d: got %q, want %q", int64(d), got, want)
		}
	}
}

// parseLogfmt is a small logfmt decoder for one line, used to check that
// what the encoder writes reads back.
func parseLogfmt(line string) ([][2]string, error) {
	var pairs [][2]string
	for len(line) > 0 {
		eq := strings.IndexByte(line, '=')
		if eq <= 0 {
			return nil, fmt.Errorf("no key at %q", line)
		}
		key := line[:eq]
		if strings.ContainsAny(key, " \"") {
			return nil, fmt.Errorf("bad key %q", key)
		}
		line = line[eq+1:]
		var val string
		if strings.HasPrefix(line, `"`) {
			var sb strings.Builder
			i := 1
			for ; i < len(line) && line[i] != '"'; i++ {
				if line[i] != '\\' {
					sb.WriteByte(line[i])
					continue
				}
				i++
				if i >= len(line) {
					return nil, fmt.Errorf("dangling escape")
				}
				switch line[i] {
				case 'n':
					sb.WriteByte('\n')
				case 'r':
					sb.WriteByte('\r')
				case 't':
					sb.WriteByte('\t')
				case '"', '\\':
					sb.WriteByte(line[i])
				case 'u':
					if i+4 >= len(line) {
						return nil, fmt.Errorf("short \\u escape")
					}
					r, err := strconv.ParseUint(line[i+1:i+5], 16, 32)
					if err != nil {
						return nil, err
					}
					sb.WriteRune(rune(r))
					i += 4
				default:
					return nil, fmt.Errorf("bad escape %q", line[i])
				}
			}
			if i >= len(line) {
				return nil, fmt.Errorf("unterminated quote")
			}
			val, line = sb.String(), line[i+1:]
		} else {
			end := strings.IndexByte(line, ' ')
			if end < 0 {
				end = len(line)
			}
			val, line = line[:end], line[end:]
			if strings.ContainsRune(val, '"') {
				return nil, fmt.Errorf("quote in bare value %q", val)
			}
		}
		pairs = append(pairs, [2]string{key, val})
		if line != "" {
			if line[0] != ' ' {
				return nil, fmt.Errorf("no separator at %q", line)
			}
			line = line[1:]
		}
	}
	return pairs, nil
}

// cleanKey is what the encoder is documented to keep of a key.
func cleanKey(k string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == '=' || r == '"' || r == utf8.RuneError {
			return -1
		}
		return r
	}, k)
}

// validValue is s with each invalid UTF-8 byte replaced by U+FFFD.
func validValue(s string) string {
	var sb strings.Builder
	for _, r := range s {
		sb.WriteRune(r)
	}
	return sb.String()
}

func FuzzLogfmt(f *testing.F) {
	for _, seed := range [][2]string{
		{"msg", "hello"}, {"a b", "c d"}, {"k", ""}, {"k", "null"}, {"k", `"quoted"`}, {"=", "="},
		{"k", "line\nbreak\r\t"}, {"\xff", "\xfe\xff"}, {"ünï", "cödé\u2028"}, {"k", "\x00\x7f\u0085"},
		{"k", `back\slash`}, {"", "empty key"}, {"k", "\ufffd"}, {"k", `\u0041`},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		var buf bytes.Buffer
		if err := log.NewLogfmtLogger(&buf).Log(key, value, "next", value); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
			t.Fatalf("not one line: %q", out)
		}
		if strings.ContainsRune(out, '\r') {
			t.Fatalf("carriage return in output: %q", out)
		}
		pairs, err := parseLogfmt(strings.TrimSuffix(out, "\n"))
		if err != nil {
			t.Fatalf("%q: %v", out, err)
		}
		var want [][2]string
		if k := cleanKey(key); k != "" {
			want = append(want, [2]string{k, validValue(value)})
		}
		want = append(want, [2]string{"next", validValue(value)})
		if fmt.Sprint(pairs) != fmt.Sprint(want) {
			t.Fatalf("round trip of %q:\ngot  %q\nwant %q", out, pairs, want)
		}
	})
}
