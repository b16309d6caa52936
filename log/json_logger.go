package log

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
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
// fmt.Sprint formats it. Strings are escaped as encoding/json's Encoder does
// by default, HTML characters included.
//
// Values are encoded as encoding/json would encode them, with two
// exceptions taken from Go kit: a value that implements neither
// json.Marshaler nor encoding.TextMarshaler is written as the string
// Error() if it is an error, or String() if it is a fmt.Stringer (so a
// time.Duration logs as "1.5s"). A value encoding/json cannot encode (a
// channel, a NaN, a failing MarshalJSON...) is written as the string of the
// encoding error; the event is never dropped. If a String, Error,
// MarshalText or MarshalJSON method panics, the value logged is "NULL" when
// the receiver is a nil pointer and "PANIC in String method: <panic value>"
// (Error, MarshalText, MarshalJSON likewise) otherwise; Log never panics.
//
// If keyvals has an odd length, the missing value is logged as "(MISSING)"
// (ErrMissingValue).
func NewJSONLogger(w io.Writer) Logger {
	return &jsonLogger{w: w}
}

// Log encodes keyvals as one JSON object and writes it, newline
// terminated, with one Write. It returns the writer's error, if any.
func (l *jsonLogger) Log(keyvals ...any) error {
	buf := getBuffer()
	buf.b = appendJSONLine(buf.b, keyvals)
	_, err := l.w.Write(buf.b)
	putBuffer(buf)
	return err
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
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case int32:
		return strconv.AppendInt(b, int64(v), 10)
	case int16:
		return strconv.AppendInt(b, int64(v), 10)
	case int8:
		return strconv.AppendInt(b, int64(v), 10)
	case uint:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint64:
		return strconv.AppendUint(b, v, 10)
	case uint32:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint16:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint8:
		return strconv.AppendUint(b, uint64(v), 10)
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
		if y := v.Year(); y >= 0 && y <= 9999 {
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
		return appendJSONString(b, safeError(v))
	case fmt.Stringer:
		return appendJSONString(b, safeString(v))
	}
	return appendJSONMarshal(b, v, "")
}

// appendJSONMarshal appends json.Marshal(v), or a string describing why it
// failed. method names the method json.Marshal calls on v, if any, for the
// panic message.
func appendJSONMarshal(b []byte, v any, method string) []byte {
	data, ptext, err := marshalJSON(v, method)
	switch {
	case ptext != "":
		return appendJSONString(b, ptext)
	case err != nil:
		return appendJSONString(b, err.Error())
	}
	return append(b, data...)
}

// marshalJSON calls json.Marshal(v), turning a panic into the text to log.
func marshalJSON(v any, method string) (data []byte, ptext string, err error) {
	defer func() {
		if p := recover(); p != nil {
			if method == "" {
				ptext = fmt.Sprintf("PANIC in json.Marshal: %v", p)
			} else {
				ptext = panicText(v, method, p)
			}
		}
	}()
	data, err = json.Marshal(v)
	return data, "", err
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
// JSON string (HTML characters are escaped).
var jsonSafe [utf8.RuneSelf]bool

func init() {
	for c := range utf8.RuneSelf {
		jsonSafe[c] = c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
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

// appendJSONString appends s as a JSON string, escaped as encoding/json
// does by default: control characters, '"', '\\', HTML characters and
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
