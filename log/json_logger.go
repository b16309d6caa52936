package log

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// jsonLogger is the Logger returned by NewJSONLogger.
type jsonLogger struct {
	w io.Writer
}

// NewJSONLogger returns a Logger that encodes keyvals to the Writer as a
// single JSON object per line. Each log event produces exactly one call to
// w.Write, with a buffer that is reused once Write returns. The passed
// Writer must be safe for concurrent use by multiple goroutines if the
// returned Logger will be used concurrently (see NewSyncWriter).
//
// The object's keys are sorted (byte-wise) and, when a key occurs more than
// once, the last value wins, as when Go kit marshals a map. Keys are
// strings: a fmt.Stringer key as String(), any other non-string key as
// fmt.Sprint formats it. Strings are escaped as an encoding/json Encoder
// with SetEscapeHTML(false) escapes them: '<', '>' and '&' are written as
// they are, control characters, '"', '\\', U+2028 and U+2029 are escaped
// and invalid UTF-8 becomes \ufffd.
//
// Values are encoded as that Encoder would encode them, with two
// exceptions taken from Go kit: a value that implements neither
// json.Marshaler nor encoding.TextMarshaler is written as the string
// Error() if it is an error, or String() if it is a fmt.Stringer (so a
// time.Duration logs as "1.5s"). If a String or Error method panics, the
// value logged is null for an error and "NULL" for a fmt.Stringer when the
// receiver is a nil pointer, and "PANIC in String method: <panic value>"
// (Error likewise) otherwise. The output is byte for byte Go kit's for
// every event Go kit encodes without error.
//
// Go kit and kit differ only on events Go kit refuses. Where Go kit writes
// nothing and returns the encoding error (a channel, a NaN, a failing
// MarshalJSON...), kit writes the error's text as the value, keeps the rest
// of the event and returns nil. Where Go kit panics (a MarshalText or
// MarshalJSON method that panics), kit logs "PANIC in MarshalJSON method:
// <panic value>" (MarshalText likewise), or "NULL" for a nil pointer
// receiver; Log never panics and its errors come only from the writer.
//
// If keyvals has an odd length, the missing value is logged as "(MISSING)"
// (ErrMissingValue).
func NewJSONLogger(w io.Writer) Logger {
	return &jsonLogger{w: w}
}

// Log encodes keyvals as one JSON object and writes it, newline
// terminated, with one Write. It returns the writer's error, if any.
func (l *jsonLogger) Log(keyvals ...any) error {
	return writeEvent(l.w, keyvals, appendJSONLine)
}

// smallEvent is the number of pairs sorted without allocating.
const smallEvent = 16

// appendJSONLine appends keyvals as a JSON object and a '\n' to b.
func appendJSONLine(b []byte, keyvals []any) []byte {
	n := (len(keyvals) + 1) / 2
	var keyArr [smallEvent]string
	var idxArr [smallEvent]int
	keys, idx := keyArr[:0], idxArr[:0]
	if n > smallEvent {
		keys, idx = make([]string, 0, n), make([]int, 0, n)
	}
	for i := range n {
		keys = append(keys, jsonKey(keyvals[2*i]))
		idx = append(idx, i)
	}
	if n <= smallEvent {
		// Insertion sort: stable, in place, and fast for a handful of keys.
		for i := 1; i < n; i++ {
			for j := i; j > 0 && keys[idx[j-1]] > keys[idx[j]]; j-- {
				idx[j-1], idx[j] = idx[j], idx[j-1]
			}
		}
	} else {
		slices.SortStableFunc(idx, func(x, y int) int { return strings.Compare(keys[x], keys[y]) })
	}
	b = append(b, '{')
	first := true
	for p, i := range idx {
		if p+1 < n && keys[idx[p+1]] == keys[i] {
			continue // a later pair with the same key wins
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, keys[i])
		b = append(b, ':')
		var v any = ErrMissingValue
		if 2*i+1 < len(keyvals) {
			v = keyvals[2*i+1]
		}
		b = appendJSONValue(b, v)
	}
	return append(b, '}', '\n')
}

// jsonKey returns the object key for k.
func jsonKey(k any) string {
	switch k := k.(type) {
	case string:
		return k
	case fmt.Stringer:
		return safeString(k)
	}
	return fmt.Sprint(k)
}

// appendJSONValue appends the JSON encoding of v.
func appendJSONValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, v)
	case bool, int, int64, int32, int16, int8, uint, uint64, uint32, uint16, uint8:
		return appendScalar(b, v)
	case float64:
		return appendJSONFloat(b, v, 64)
	case float32:
		return appendJSONFloat(b, float64(v), 32)
	case time.Duration:
		b = append(b, '"')
		b = appendDuration(b, v)
		return append(b, '"')
	case timeFormat:
		return appendJSONFormatted(b, v.appendTo)
	case time.Time:
		if fastTime(v) {
			b = append(b, '"')
			b = v.AppendFormat(b, time.RFC3339Nano)
			return append(b, '"')
		}
		return appendJSONMarshal(b, v, "MarshalJSON")
	case json.Marshaler:
		return appendJSONMarshal(b, v, "MarshalJSON")
	case textMarshaler:
		return appendJSONMarshal(b, v, "MarshalText")
	case error:
		s, isNil := jsonError(v)
		if isNil {
			return append(b, "null"...)
		}
		return appendJSONString(b, s)
	case fmt.Stringer:
		return appendJSONString(b, safeString(v))
	}
	return appendJSONMarshal(b, v, "")
}

// jsonError calls e.Error. If it panics, isNil reports a nil pointer
// receiver, which Go kit logs as null; any other panic is described by str.
func jsonError(e error) (str string, isNil bool) {
	defer func() {
		if p := recover(); p != nil {
			if isNilPointer(e) {
				str, isNil = "", true
				return
			}
			str = panicText(e, "Error", p)
		}
	}()
	return e.Error(), false
}

// appendJSONMarshal appends the encoding of v, or a string describing why it
// failed. method names the method json.Marshal calls on v, if any, for the
// panic message.
func appendJSONMarshal(b []byte, v any, method string) []byte {
	s := jsonScratchPool.Get().(*jsonScratch)
	ptext, err := s.encode(v, method)
	switch {
	case ptext != "":
		b = appendJSONString(b, ptext)
	case err != nil:
		b = appendJSONString(b, err.Error())
	default:
		data := s.buf.Bytes()
		b = append(b, data[:len(data)-1]...) // without the Encoder's '\n'
	}
	s.buf.Reset()
	if s.buf.Cap() <= maxPooled {
		jsonScratchPool.Put(s)
	}
	return b
}

// jsonScratch is a pooled encoding/json Encoder that does not escape HTML,
// as Go kit's, and the buffer it writes to.
type jsonScratch struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var jsonScratchPool = sync.Pool{New: func() any {
	s := &jsonScratch{}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	return s
}}

// encode encodes v into s.buf, turning a panic into the text to log.
func (s *jsonScratch) encode(v any, method string) (ptext string, err error) {
	defer func() {
		if p := recover(); p != nil {
			if method == "" {
				ptext = fmt.Sprintf("PANIC in json.Marshal: %v", p)
			} else {
				ptext = panicText(v, method, p)
			}
		}
	}()
	return "", s.enc.Encode(v)
}

// appendJSONFloat appends f as encoding/json does: like ES6, plain decimal
// notation for moderate magnitudes and exponent notation otherwise. NaN and
// infinities, which JSON cannot represent, are written as the string of
// encoding/json's error.
func appendJSONFloat(b []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return appendJSONString(b, "json: unsupported value: "+strconv.FormatFloat(f, 'g', -1, bits))
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// Shorten a two-digit negative exponent: 1e-07 becomes 1e-7.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// jsonSafe[c] reports whether the ASCII byte c is written unescaped in a
// JSON string (HTML characters are not escaped).
var jsonSafe [utf8.RuneSelf]bool

func init() {
	for c := range utf8.RuneSelf {
		jsonSafe[c] = c >= ' ' && c != '"' && c != '\\'
	}
}

// appendJSONFormatted appends, as a JSON string, what f appends.
func appendJSONFormatted(b []byte, f func([]byte) []byte) []byte {
	b = append(b, '"')
	start := len(b)
	b = f(b)
	for _, c := range b[start:] {
		if c >= utf8.RuneSelf || !jsonSafe[c] {
			text := string(b[start:])
			return appendJSONString(b[:start-1], text)
		}
	}
	return append(b, '"')
}

// appendJSONString appends s as a JSON string, escaped as an encoding/json
// Encoder with SetEscapeHTML(false) does: control characters, '"', '\\' and
// U+2028/U+2029 are escaped and invalid UTF-8 becomes \ufffd.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028', r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
