package logdiff_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"
)

// fuzzEvent builds an event from fuzzed strings and a few typed values.
func fuzzEvent(k1, v1, k2 string, n int64, x float64, b, odd bool, raw []byte) []any {
	kvs := []any{
		k1, v1,
		k2, n,
		"f", x,
		"b", b,
		"raw", raw,
		"s", &ptrStr{v1},
		"t", &ptrText{v1},
		"e", errors.New(v1),
		v1, k1, // a fuzzed key twice: duplicates in JSON
	}
	if odd {
		kvs = append(kvs, k2)
	}
	return kvs
}

func addFuzzSeeds(f *testing.F) {
	for _, s := range []struct {
		k1, v1, k2 string
		n          int64
		x          float64
		b, odd     bool
		raw        []byte
	}{
		{"msg", "hello", "n", 1, 1.5, true, false, []byte("raw")},
		{"a b", "c d", "=", -1, 1e21, false, true, nil},
		{"", "", " ", 0, math.Copysign(0, -1), true, false, []byte{}},
		{"k", "null", "null", math.MinInt64, 1e-7, false, false, []byte("null")},
		{"<html>", "a&b<c>\u2028", "\xff", math.MaxInt64, math.NaN(), true, true, []byte("\xff\xfe")},
		{"k\x00\x7f", "\x00\x1f\x7f\u0085", "é", 42, math.Inf(1), false, false, []byte("a\nb")},
		{"\ufffd", "\ufffd", "k\u00a0", 7, 123456789, true, false, []byte(`"q"`)},
		{`"q"`, `back\slash "q"`, "t\tab", 3, 5e-324, false, true, []byte(`\`)},
	} {
		f.Add(s.k1, s.v1, s.k2, s.n, s.x, s.b, s.odd, s.raw)
	}
}

// fuzzCompare checks one fuzzed event against Go kit with enc: identical
// bytes when Go kit succeeds, else one line written without error.
func fuzzCompare(t *testing.T, enc encoder, kvs []any) {
	got := logOnce(enc.kit, kvs)
	if got.failed() {
		t.Fatalf("kit failed on %#v: %v", kvs, got)
	}
	if bytes.Count([]byte(got.out), []byte("\n")) != 1 || got.out[len(got.out)-1] != '\n' {
		t.Fatalf("kit wrote not one line: %q", got.out)
	}
	if enc.name == "json" && !json.Valid([]byte(got.out)) {
		t.Fatalf("kit wrote invalid JSON: %q", got.out)
	}
	want := logOnce(enc.gokit, kvs)
	if want.failed() {
		return // Go kit refuses the event; kit's documented behaviour applies
	}
	if got.out != want.out {
		t.Fatalf("keyvals %#v\nkit    %q\nGo kit %q", kvs, got.out, want.out)
	}
}

func FuzzLogfmt(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, k1, v1, k2 string, n int64, x float64, b, odd bool, raw []byte) {
		fuzzCompare(t, encoders[0], fuzzEvent(k1, v1, k2, n, x, b, odd, raw))
	})
}

func FuzzJSON(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, k1, v1, k2 string, n int64, x float64, b, odd bool, raw []byte) {
		fuzzCompare(t, encoders[1], fuzzEvent(k1, v1, k2, n, x, b, odd, raw))
	})
}
