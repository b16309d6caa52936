package log_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
)

type jsonMarshaler struct{ V string }

func (j jsonMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{ "v" : "` + j.V + `" }`), nil }

// jsonAndStringer shows that MarshalJSON wins over String.
type jsonAndStringer struct{}

func (jsonAndStringer) MarshalJSON() ([]byte, error) { return []byte(`"json"`), nil }
func (jsonAndStringer) String() string               { return "string" }

type errPtr struct{ msg string }

func (e *errPtr) Error() string { return e.msg }

type strPtr struct{ s string }

func (p *strPtr) String() string { return p.s }

type badJSON struct{}

func (badJSON) MarshalJSON() ([]byte, error) { return nil, errors.New("cannot") }

func TestJSONValues(t *testing.T) {
	t.Parallel()
	var nilPanicky *panicky
	var nilErr *errPtr
	ts := time.Date(2024, 5, 6, 7, 8, 9, 120000000, time.UTC)
	tests := []struct {
		name    string
		keyvals []any
		want    string
	}{
		{"empty", nil, `{}`},
		{"sorted", []any{"b", 1, "a", 2, "c", 3}, `{"a":2,"b":1,"c":3}`},
		{"last duplicate wins", []any{"a", 1, "b", 2, "a", 3}, `{"a":3,"b":2}`},
		{"html not escaped", []any{"<k>", "a&b<c>"}, `{"<k>":"a&b<c>"}`},
		{"escapes", []any{"a", "\"\\\n\r\t\b\f\x01\u2028\xff"}, `{"a":"\"\\\n\r\t\b\f\u0001\u2028\ufffd"}`},
		{"scalars", []any{"b", true, "i", -3, "u", uint8(4), "f", 1.5, "g", float32(0.1), "n", nil},
			`{"b":true,"f":1.5,"g":0.1,"i":-3,"n":null,"u":4}`},
		{"exponents", []any{"a", 1e21, "b", 1e-7, "c", 123456789.0}, `{"a":1e+21,"b":1e-7,"c":123456789}`},
		{"nan", []any{"a", math.NaN()}, `{"a":"json: unsupported value: NaN"}`},
		{"error", []any{"err", errors.New("boom")}, `{"err":"boom"}`},
		{"stringer", []any{"s", stringer("x")}, `{"s":"x"}`},
		{"duration", []any{"d", 90 * time.Second}, `{"d":"1m30s"}`},
		{"time", []any{"t", ts}, `{"t":"2024-05-06T07:08:09.12Z"}`},
		{"timestamp valuer", []any{"t", log.TimestampFormat(func() time.Time { return ts }, "<2006>")()},
			`{"t":"<2024>"}`},
		{"text marshaler", []any{"ip", net.IPv4(10, 0, 0, 1)}, `{"ip":"10.0.0.1"}`},
		{"json marshaler", []any{"j", jsonMarshaler{"<x>"}}, `{"j":{"v":"<x>"}}`},
		{"json before stringer", []any{"j", jsonAndStringer{}}, `{"j":"json"}`},
		{"json error", []any{"j", badJSON{}},
			`{"j":"json: error calling MarshalJSON for type log_test.badJSON: cannot"}`},
		{"struct", []any{"s", struct{ A []int }{[]int{1}}}, `{"s":{"A":[1]}}`},
		{"bytes", []any{"b", []byte("hi")}, `{"b":"aGk="}`},
		{"unsupported", []any{"c", make(chan int)}, `{"c":"json: unsupported type: chan int"}`},
		{"nil marshaler", []any{"e", error(nilPanicky)}, `{"e":null}`},
		{"nil error receiver", []any{"e", error(nilErr)}, `{"e":null}`},
		{"nil stringer receiver", []any{"e", (*strPtr)(nil)}, `{"e":"NULL"}`},
		{"error panic", []any{"e", error(&panicky{"oops"})}, `{"e":"PANIC in MarshalJSON method: oops"}`},
		{"string panic", []any{"s", stringPanic{}}, `{"s":"PANIC in String method: kaboom"}`},
		{"text panic", []any{"s", textPanic{}}, `{"s":"PANIC in MarshalText method: text kaboom"}`},
		{"missing", []any{"a", 1, "b"}, `{"a":1,"b":"(MISSING)"}`},
		{"non-string keys", []any{1, "x", stringer("s"), "y", nil, "z", errors.New("e"), 2},
			`{"1":"x","<nil>":"z","e":2,"s":"y"}`},
		{"panicking key", []any{stringPanic{}, 1}, `{"PANIC in String method: kaboom":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := log.NewJSONLogger(&buf).Log(tt.keyvals...); err != nil {
				t.Fatal(err)
			}
			if got, want := buf.String(), tt.want+"\n"; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestJSONManyKeys(t *testing.T) {
	t.Parallel()
	var kvs []any
	want := map[string]any{}
	for i := range 40 {
		k := string(rune('z' - i%26))
		kvs = append(kvs, k, float64(i))
		want[k] = float64(i)
	}
	var buf bytes.Buffer
	if err := log.NewJSONLogger(&buf).Log(kvs...); err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	if got := strings.TrimSuffix(buf.String(), "\n"); got != string(wantJSON) {
		t.Errorf("got  %s\nwant %s", got, wantJSON)
	}
}

// FuzzJSON checks that every event is one valid JSON object per line, and
// that it is exactly what an encoding/json Encoder that does not escape HTML
// writes for the same map.
func FuzzJSON(f *testing.F) {
	f.Add("msg", "hello", int64(1), 1.5, true)
	f.Add("<html>", "a&b\u2028\xff", int64(-1), 1e21, false)
	f.Add("", "\x00\n\"\\", int64(0), 1e-7, true)
	f.Add("k", "k", int64(1<<62), math.Copysign(0, -1), false)
	f.Fuzz(func(t *testing.T, key, s string, n int64, x float64, b bool) {
		var buf bytes.Buffer
		if err := log.NewJSONLogger(&buf).Log(key, s, "n", n, "x", x, "b", b, "odd"); err != nil {
			t.Fatal(err)
		}
		out := buf.Bytes()
		if bytes.Count(out, []byte("\n")) != 1 || !bytes.HasSuffix(out, []byte("\n")) {
			t.Fatalf("not one line: %q", out)
		}
		if !json.Valid(out) {
			t.Fatalf("invalid JSON: %q", out)
		}
		m := map[string]any{key: s}
		m["n"], m["x"], m["b"], m["odd"] = n, x, b, "(MISSING)"
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return // encoding/json refuses these; kit logs a string instead
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want.String() {
			t.Fatalf("got  %s\nwant %s", out, want.Bytes())
		}
	})
}
