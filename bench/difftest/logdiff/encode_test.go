package logdiff_test

import (
	"errors"
	"fmt"
	"math"
	"net"
	"testing"
	"time"

	gokitlog "github.com/go-kit/log"
	"github.com/seedkit/kit/log"
)

// encodeCase is one event. When Go kit logs it without error, kit must
// write the same bytes and return nil; then logfmt and json must be empty.
// When Go kit fails (it returns an error and writes nothing, or panics),
// logfmt or json pins the line kit writes instead: kit keeps the event (see the NewLogfmtLogger and NewJSONLogger
// docs).
type encodeCase struct {
	name         string
	keyvals      []any
	logfmt, json string
}

func encodeCases() []encodeCase {
	s, i := "hi there", 42
	f32 := float32(1.5)
	var (
		nilStr     *string
		nilPtrStr  *ptrStr
		nilPtrErr  *ptrErr
		nilPtrText *ptrText
		nilPtrJSON *ptrJSON
		nilValStr  *str // value-receiver String called through a nil pointer
		ptrPtr     = &nilStr
	)
	ts := time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)
	return []encodeCase{
		// Strings that need quoting or escaping, or not.
		{name: "plain", keyvals: []any{"k", "plain"}},
		{name: "space", keyvals: []any{"k", "a b"}},
		{name: "equals", keyvals: []any{"k", "a=b"}},
		{name: "quote", keyvals: []any{"k", `a"b`}},
		{name: "backslash", keyvals: []any{"k", `a\b`}},
		{name: "backslash quoted", keyvals: []any{"k", `a\ b`}},
		{name: "newline", keyvals: []any{"k", "a\nb"}},
		{name: "cr tab", keyvals: []any{"k", "a\rb\tc"}},
		{name: "nul", keyvals: []any{"k", "a\x00b"}},
		{name: "unit separator", keyvals: []any{"k", "a\x1fb"}},
		{name: "backspace formfeed", keyvals: []any{"k", "a\bb\fc"}},
		{name: "del", keyvals: []any{"k", "a\x7fb"}},
		{name: "del quoted", keyvals: []any{"k", "a b\x7f"}},
		{name: "nel", keyvals: []any{"k", "a\u0085b"}},
		{name: "nbsp", keyvals: []any{"k", "a\u00a0b"}},
		{name: "line separator", keyvals: []any{"k", "a\u2028b\u2029"}},
		{name: "line separator quoted", keyvals: []any{"k", "a b\u2028"}},
		{name: "bidi override", keyvals: []any{"k", "a\u202eb"}},
		{name: "zero width space", keyvals: []any{"k", "a\u200bb"}},
		{name: "latin", keyvals: []any{"k", "héllo"}},
		{name: "cjk", keyvals: []any{"k", "日本語"}},
		{name: "emoji", keyvals: []any{"k", "🙂"}},
		{name: "invalid utf8", keyvals: []any{"k", "a\xffb"}},
		{name: "invalid utf8 quoted", keyvals: []any{"k", "a b\xff\xfe"}},
		{name: "truncated rune", keyvals: []any{"k", "a\xc3"}},
		{name: "surrogate", keyvals: []any{"k", "\xed\xa0\x80"}},
		{name: "replacement char", keyvals: []any{"k", "\ufffd"}},
		{name: "empty", keyvals: []any{"k", ""}},
		{name: "null string", keyvals: []any{"k", "null"}},
		{name: "NULL string", keyvals: []any{"k", "NULL"}},
		{name: "html", keyvals: []any{"k", "<a href='x'>&amp;</a>"}},
		{name: "only specials", keyvals: []any{"k", `="`}},
		{name: "escape lookalike", keyvals: []any{"k", `\u0041`}},

		// Integers, floats, booleans.
		{name: "zero", keyvals: []any{"k", 0}},
		{name: "ints", keyvals: []any{"a", -1, "b", int8(-128), "c", int16(32767), "d", int32(-5), "e", int64(math.MinInt64), "f", math.MaxInt64}},
		{name: "uints", keyvals: []any{"a", uint(7), "b", uint8(255), "c", uint16(65535), "d", uint32(1 << 31), "e", uint64(math.MaxUint64), "f", uintptr(9)}},
		{name: "floats", keyvals: []any{"a", 1.5, "b", -2.25, "c", 123456789.0, "d", 0.1, "e", 1e20}},
		{name: "float 1e21", keyvals: []any{"k", 1e21}},
		{name: "float 1e6", keyvals: []any{"k", 1e6}},
		{name: "float small", keyvals: []any{"a", 1e-7, "b", 0.000001, "c", 0.0001, "d", 5e-324, "e", 1.2345e-10}},
		{name: "float max", keyvals: []any{"k", math.MaxFloat64}},
		{name: "negative zero", keyvals: []any{"k", math.Copysign(0, -1)}},
		{name: "float32", keyvals: []any{"a", float32(0.1), "b", float32(1e21), "c", float32(1e-7), "d", float32(16777216)}},
		{name: "nan", keyvals: []any{"k", math.NaN()}, json: `{"k":"json: unsupported value: NaN"}` + "\n"},
		{name: "inf", keyvals: []any{"k", math.Inf(1)}, json: `{"k":"json: unsupported value: +Inf"}` + "\n"},
		{name: "-inf", keyvals: []any{"k", math.Inf(-1)}, json: `{"k":"json: unsupported value: -Inf"}` + "\n"},
		{name: "complex", keyvals: []any{"k", complex(1, 2)}, json: `{"k":"json: unsupported type: complex128"}` + "\n"},
		{name: "bools", keyvals: []any{"a", true, "b", false}},

		// nil, pointers.
		{name: "nil", keyvals: []any{"k", nil}},
		{name: "nil pointer", keyvals: []any{"k", nilStr}},
		{name: "pointer to string", keyvals: []any{"k", &s}},
		{name: "pointer to int", keyvals: []any{"k", &i}},
		{name: "pointer to float32", keyvals: []any{"k", &f32}},
		{name: "pointer to nil pointer", keyvals: []any{"k", ptrPtr}},

		// errors, Stringers, marshalers.
		{name: "error", keyvals: []any{"k", errors.New("bad thing")}},
		{name: "error value receiver", keyvals: []any{"k", errT("x")}},
		{name: "error null", keyvals: []any{"k", errors.New("null")}},
		{name: "stringer", keyvals: []any{"k", str("v")}},
		{name: "stringer null", keyvals: []any{"k", &ptrStr{"null"}}},
		{name: "stringer empty", keyvals: []any{"k", &ptrStr{""}}},
		{name: "stringer spaced", keyvals: []any{"k", &ptrStr{"a b"}}},
		{name: "text marshaler", keyvals: []any{"k", text("t")}},
		{name: "text marshaler spaced", keyvals: []any{"k", text("t t")}},
		{name: "text marshaler null", keyvals: []any{"k", &ptrText{"null"}}},
		{name: "text marshaler invalid utf8", keyvals: []any{"k", &ptrText{"\xff"}}},
		{name: "text marshaler nil text", keyvals: []any{"k", nilText{}}},
		{name: "text marshaler fails", keyvals: []any{"k", failText{}},
			json: `{"k":"json: error calling MarshalText for type logdiff_test.failText: no text"}` + "\n"},
		{name: "ip", keyvals: []any{"k", net.IPv4(10, 0, 0, 1)}},
		{name: "json marshaler", keyvals: []any{"k", jsonM{`{"a": [1, 2] }`}}},
		{name: "json marshaler html", keyvals: []any{"k", jsonM{`"<&>"`}}},
		{name: "json marshaler invalid", keyvals: []any{"k", jsonM{`bad`}},
			json: `{"k":"json: error calling MarshalJSON for type logdiff_test.jsonM: invalid character 'b' looking for beginning of value"}` + "\n"},
		{name: "json marshaler fails", keyvals: []any{"k", failJSON{}},
			json: `{"k":"json: error calling MarshalJSON for type logdiff_test.failJSON: no json"}` + "\n"},
		{name: "error and stringer", keyvals: []any{"k", errStringer{}}},
		{name: "text and stringer", keyvals: []any{"k", textStringer{}}},
		{name: "json and stringer", keyvals: []any{"k", jsonStringer{}}},
		{name: "gokit missing value", keyvals: []any{"k", gokitlog.ErrMissingValue}},
		{name: "kit missing value", keyvals: []any{"k", log.ErrMissingValue}},

		// Panicking methods and nil-pointer receivers.
		{name: "String panics", keyvals: []any{"k", panicStr{}}},
		{name: "Error panics", keyvals: []any{"k", panicErr{}}},
		{name: "Error panics with nil", keyvals: []any{"k", panicErrVal{nil}}},
		{name: "Error panics with int", keyvals: []any{"k", panicErrVal{42}}},
		{name: "nil Stringer", keyvals: []any{"k", nilPtrStr}},
		{name: "nil value-receiver Stringer", keyvals: []any{"k", nilValStr}},
		{name: "nil error", keyvals: []any{"k", nilPtrErr}},
		{name: "nil TextMarshaler", keyvals: []any{"k", nilPtrText}},
		{name: "nil json.Marshaler", keyvals: []any{"k", nilPtrJSON}},
		{name: "MarshalText panics", keyvals: []any{"k", panicText{}},
			logfmt: `k="PANIC:text boom"` + "\n", json: `{"k":"PANIC in MarshalText method: text boom"}` + "\n"},
		{name: "MarshalJSON panics", keyvals: []any{"k", panicJSON{}},
			json: `{"k":"PANIC in MarshalJSON method: json boom"}` + "\n"},

		// Time.
		{name: "time", keyvals: []any{"k", ts}},
		{name: "time zone", keyvals: []any{"k", time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600+30*60))}},
		{name: "time zone seconds", keyvals: []any{"k", time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("X", -(3600+59)))}},
		{name: "time zero", keyvals: []any{"k", time.Time{}}},
		{name: "time local", keyvals: []any{"k", ts.In(time.FixedZone("Local", -7*3600))}},
		{name: "time year 10000", keyvals: []any{"k", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
			json: `{"k":"json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]"}` + "\n"},
		{name: "time year -1", keyvals: []any{"k", time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)},
			json: `{"k":"json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]"}` + "\n"},
		{name: "time zone 24h", keyvals: []any{"k", time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("Y", 24*3600))},
			json: `{"k":"json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: timezone hour outside of range [0,23]"}` + "\n"},
		{name: "durations", keyvals: []any{"a", 1500 * time.Millisecond, "b", time.Duration(0), "c", -time.Nanosecond, "d", time.Duration(math.MinInt64), "e", 1500 * time.Microsecond, "f", 100 * time.Hour}},
		{name: "timestamp format", keyvals: []any{"a", log.TimestampFormat(func() time.Time { return ts }, time.RFC1123)(), "b", gokitlog.TimestampFormat(func() time.Time { return ts }, time.RFC1123)()}},
		{name: "timestamp format null", keyvals: []any{"a", log.TimestampFormat(func() time.Time { return ts }, "null")(), "b", gokitlog.TimestampFormat(func() time.Time { return ts }, "null")()}},
		{name: "timestamp format html", keyvals: []any{"a", log.TimestampFormat(func() time.Time { return ts }, "<2006>")(), "b", gokitlog.TimestampFormat(func() time.Time { return ts }, "<2006>")()}},

		// Composite values.
		{name: "bytes", keyvals: []any{"k", []byte("bytes b")}},
		{name: "bytes null", keyvals: []any{"k", []byte("null")}},
		{name: "nil bytes", keyvals: []any{"k", []byte(nil)}},
		{name: "empty bytes", keyvals: []any{"k", []byte{}}},
		{name: "struct", keyvals: []any{"k", point{1, 2, "<p>", "t"}}},
		{name: "struct pointer", keyvals: []any{"k", &point{X: 1}}},
		{name: "struct with stringer", keyvals: []any{"k", struct{ S str }{"a"}}},
		{name: "map", keyvals: []any{"k", map[string]int{"b": 2, "a": 1}}},
		{name: "map struct key", keyvals: []any{"k", map[point]int{}}, json: `{"k":"json: unsupported type: map[logdiff_test.point]int"}` + "\n"},
		{name: "map with nan", keyvals: []any{"k", map[string]any{"x": math.NaN()}}, json: `{"k":"json: unsupported value: NaN"}` + "\n"},
		{name: "slice", keyvals: []any{"k", []int{1, 2}}},
		{name: "nil slice", keyvals: []any{"k", []string(nil)}},
		{name: "array", keyvals: []any{"k", [2]int{3, 4}}},
		{name: "slice of any", keyvals: []any{"k", []any{"a", 1.5, nil}}},
		{name: "chan", keyvals: []any{"k", make(chan int)}, json: `{"k":"json: unsupported type: chan int"}` + "\n"},
		{name: "func", keyvals: []any{"k", func() {}}, json: `{"k":"json: unsupported type: func()"}` + "\n"},

		// Named scalar types.
		{name: "named string", keyvals: []any{"k", myString("m s")}},
		{name: "named string null", keyvals: []any{"k", myString("null")}},
		{name: "named int", keyvals: []any{"k", myInt(3)}},
		{name: "named float", keyvals: []any{"k", myFloat(1e21)}},
		{name: "named bool", keyvals: []any{"k", myBool(true)}},

		// Odd and empty events.
		{name: "no keyvals", keyvals: nil},
		{name: "key only", keyvals: []any{"k"}},
		{name: "odd", keyvals: []any{"a", 1, "b"}},

		// Keys.
		{name: "key empty", keyvals: []any{"", "v", "b", 1}, logfmt: `b=1` + "\n"},
		{name: "key space", keyvals: []any{" ", "v"}, logfmt: "\n"},
		{name: "key spaced", keyvals: []any{"a b", "v"}},
		{name: "key equals", keyvals: []any{"a=b", "v"}},
		{name: "key quote", keyvals: []any{`a"b`, "v"}},
		{name: "key newline nul", keyvals: []any{"a\nb\x00", "v"}},
		{name: "key del", keyvals: []any{"a\x7fb", "v"}},
		{name: "key nbsp nel", keyvals: []any{"a\u00a0b\u0085", "v"}},
		{name: "key line separator", keyvals: []any{"k\u2028", "v"}},
		{name: "key invalid utf8", keyvals: []any{"a\xffb", "v"}},
		{name: "key replacement char", keyvals: []any{"\ufffd", "v"}, logfmt: "\n"},
		{name: "key unicode", keyvals: []any{"é日", "v"}},
		{name: "key html", keyvals: []any{"<k>", "v"}},
		{name: "key int", keyvals: []any{1, "v"}},
		{name: "key float", keyvals: []any{1.5, "v"}},
		{name: "key bool", keyvals: []any{true, "v"}},
		{name: "key nil", keyvals: []any{nil, "v", "b", 1}, logfmt: `b=1` + "\n"},
		{name: "key nil pointer", keyvals: []any{nilStr, "v"}, logfmt: "\n"},
		{name: "key pointer", keyvals: []any{&s, "v"}},
		{name: "key stringer", keyvals: []any{str("k"), "v"}},
		{name: "key stringer spaced", keyvals: []any{&ptrStr{"a b"}, "v"}},
		{name: "key stringer empty", keyvals: []any{&ptrStr{""}, "v"}, logfmt: "\n"},
		{name: "key stringer null", keyvals: []any{&ptrStr{"null"}, "v"}},
		{name: "key nil stringer", keyvals: []any{nilPtrStr, "v"}, logfmt: "\n"},
		{name: "key nil value-receiver stringer", keyvals: []any{nilValStr, "v"}, logfmt: "\n"},
		{name: "key String panics", keyvals: []any{panicStr{}, "v"}},
		{name: "key text marshaler", keyvals: []any{text("k"), "v"}},
		{name: "key text marshaler empty", keyvals: []any{text(""), "v"}},
		{name: "key nil text", keyvals: []any{nilText{}, "v"}, logfmt: "\n"},
		{name: "key text fails", keyvals: []any{failText{}, "v"}, logfmt: "\n"},
		{name: "key text panics", keyvals: []any{panicText{}, "v"}, logfmt: "\n"},
		{name: "key nil text marshaler", keyvals: []any{nilPtrText, "v"}, logfmt: "\n"},
		{name: "key bytes", keyvals: []any{[]byte("bk"), "v"}},
		{name: "key nil bytes", keyvals: []any{[]byte(nil), "v"}, logfmt: "\n"},
		{name: "key empty bytes", keyvals: []any{[]byte{}, "v"}, logfmt: "\n"},
		{name: "key struct", keyvals: []any{point{}, "v", "b", 1}},
		{name: "key map", keyvals: []any{map[string]int{}, "v"}},
		{name: "key slice", keyvals: []any{[]int{1}, "v"}},
		{name: "key error", keyvals: []any{errT("e"), "v"}},
		{name: "key nil error", keyvals: []any{nilPtrErr, "v"}, logfmt: "\n"},
		{name: "key json marshaler", keyvals: []any{jsonM{"1"}, "v"}},
		{name: "key time", keyvals: []any{ts, "v"}},
		{name: "key duration", keyvals: []any{time.Second, "v"}},
		{name: "duplicate keys", keyvals: []any{"a", 1, "a", 2}},
		{name: "duplicate keys unsorted", keyvals: []any{"b", 1, "a", 2, "b", 3}},
		{name: "keys sort bytewise", keyvals: []any{"b", 1, "B", 2, "a", 3, "é", 4, "_", 5, "10", 6, "9", 7}},
		{name: "bad key mid event", keyvals: []any{"a", 1, nil, 2, "b", 3}, logfmt: `a=1 b=3` + "\n"},
		{name: "many keys", keyvals: manyKeys(40)},
	}
}

// manyKeys returns n pairs with repeated, unsorted keys.
func manyKeys(n int) []any {
	var kvs []any
	for i := range n {
		kvs = append(kvs, fmt.Sprintf("k%d", (i*7)%23), i)
	}
	return kvs
}

func TestEncoders(t *testing.T) {
	t.Parallel()
	for _, enc := range encoders {
		for _, tc := range encodeCases() {
			t.Run(enc.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				pin := tc.logfmt
				if enc.name == "json" {
					pin = tc.json
				}
				compareEvent(t, enc, tc.keyvals, pin)
			})
		}
	}
}

// compareEvent logs keyvals with both implementations of enc. If Go kit
// succeeds, kit must match it and pin must be empty; otherwise kit must
// write pin and return nil.
func compareEvent(t *testing.T, enc encoder, keyvals []any, pin string) {
	t.Helper()
	got := logOnce(enc.kit, keyvals)
	want := logOnce(enc.gokit, keyvals)
	if got.failed() {
		t.Fatalf("kit failed on %#v: %v", keyvals, got)
	}
	if !want.failed() {
		if pin != "" {
			t.Errorf("Go kit succeeds (%v) but the case pins a difference", want)
		}
		if got.out != want.out {
			t.Errorf("keyvals %#v\nkit   %v\nGo kit %v", keyvals, got, want)
		}
		return
	}
	if pin == "" {
		t.Fatalf("Go kit fails (%v) and the case pins nothing; kit %v", want, got)
	}
	if got.out != pin {
		t.Errorf("Go kit fails (%v)\nkit writes %q\nwant       %q", want, got.out, pin)
	}
}
