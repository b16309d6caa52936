package log

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// logfmtLogger is the Logger returned by NewLogfmtLogger.
type logfmtLogger struct {
	w io.Writer
}

// NewLogfmtLogger returns a logger that encodes keyvals to the Writer in
// logfmt format: one line per event, key=value pairs separated by single
// spaces and terminated by '\n'. Each log event produces exactly one call to
// w.Write, with a buffer that is reused once Write returns. The passed
// Writer must be safe for concurrent use by multiple goroutines if the
// returned Logger will be used concurrently (see NewSyncWriter).
//
// Keys are written as strings: a string as is, a []byte as its text, an
// encoding.TextMarshaler as its text, a fmt.Stringer as String(), and any
// other scalar as fmt.Sprint would format it. As in logfmt, characters that
// cannot appear in a key (spaces and control characters, '=', '"', invalid
// UTF-8 and other non-printable characters) are removed. A pair is skipped,
// and the rest of the event still written, when its key is nil (or a nil
// pointer), is of an unsupported kind (array, chan, func, map, slice,
// struct), fails or panics while being converted, or is empty once cleaned.
//
// Values are written as follows: nil and nil pointers as null; strings as
// is; the string "null" as "null" in quotes (so that it reads back as a
// string); booleans, integers and floating-point numbers as fmt would print
// them; an encoding.TextMarshaler as its text (if MarshalText fails, the
// text "error marshaling value of type T: ..." is written instead); an error
// as Error(); a fmt.Stringer (time.Duration included) as String(); a non-nil
// pointer as what it points to; arrays, slices, maps, structs, channels and
// functions as "unsupported value type", as Go kit does. A value that
// contains spaces, '=', '"', control, invalid UTF-8 or other non-printable
// characters is quoted and escaped like a Go/JSON string (\", \\, \n, \r,
// \t, \u00XX; invalid bytes become \ufffd), so an event is always one line.
// If a String, Error or MarshalText method panics, the value logged is
// "NULL" when the receiver is a nil pointer and "PANIC in String method:
// <panic value>" (Error, MarshalText likewise) otherwise; Log never panics.
//
// If keyvals has an odd length, the missing value is logged as (MISSING)
// (ErrMissingValue).
func NewLogfmtLogger(w io.Writer) Logger {
	return &logfmtLogger{w: w}
}

// Log encodes keyvals as one logfmt line and writes it with one Write. It
// returns the writer's error, if any.
func (l *logfmtLogger) Log(keyvals ...any) error {
	buf := getBuffer()
	buf.b = appendLogfmtLine(buf.b, keyvals)
	_, err := l.w.Write(buf.b)
	putBuffer(buf)
	return err
}

// appendLogfmtLine appends keyvals in logfmt form to b, with the final '\n'.
func appendLogfmtLine(b []byte, keyvals []any) []byte {
	first := true
	for i := 0; i < len(keyvals); i += 2 {
		var v any = ErrMissingValue
		if i+1 < len(keyvals) {
			v = keyvals[i+1]
		}
		start := len(b)
		if !first {
			b = append(b, ' ')
		}
		var ok bool
		if b, ok = appendLogfmtKey(b, keyvals[i], 0); !ok {
			b = b[:start]
			continue
		}
		first = false
		b = append(b, '=')
		b = appendLogfmtValue(b, v, 0)
	}
	return append(b, '\n')
}

// maxDeref bounds how many pointers the encoders follow, so that a pointer
// cycle cannot loop forever.
const maxDeref = 8

// appendLogfmtKey appends the cleaned key k and reports whether anything
// was appended; on false, b may hold garbage past its original length.
func appendLogfmtKey(b []byte, k any, depth int) ([]byte, bool) {
	switch k := k.(type) {
	case string:
		return appendLogfmtKeyString(b, k)
	case nil:
		return b, false
	case []byte:
		if k == nil {
			return b, false
		}
		return appendLogfmtKeyString(b, string(k))
	case textMarshaler:
		text, ptext, err := safeMarshalText(k)
		if err != nil || ptext != "" || text == nil {
			return b, false
		}
		return appendLogfmtKeyString(b, string(text))
	case fmt.Stringer:
		s, ok := stringOrPanic(k)
		if !ok {
			return b, false
		}
		return appendLogfmtKeyString(b, s)
	}
	rv := reflect.ValueOf(k)
	switch rv.Kind() {
	case reflect.Array, reflect.Chan, reflect.Func, reflect.Map, reflect.Slice, reflect.Struct:
		return b, false
	case reflect.Pointer:
		if rv.IsNil() || depth >= maxDeref {
			return b, false
		}
		return appendLogfmtKey(b, rv.Elem().Interface(), depth+1)
	}
	return appendLogfmtKeyString(b, fmt.Sprint(k))
}

// stringOrPanic calls s.String and reports false if it panicked.
func stringOrPanic(s fmt.Stringer) (str string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return s.String(), true
}

// keyByte[c] reports whether the ASCII byte c may appear in a logfmt key.
// valueByte[c] reports whether it may appear in an unquoted value.
var keyByte, valueByte [utf8.RuneSelf]bool

func init() {
	for c := range utf8.RuneSelf {
		ok := c > ' ' && c != '=' && c != '"' && c != 0x7f
		keyByte[c], valueByte[c] = ok, ok
	}
}

// keyRune reports whether r may appear in a logfmt key.
func keyRune(r rune) bool {
	if r < utf8.RuneSelf {
		return keyByte[r]
	}
	return r != utf8.RuneError && unicode.IsPrint(r)
}

// appendLogfmtKeyString appends s without the characters a key cannot hold
// and reports whether anything was left.
func appendLogfmtKeyString(b []byte, s string) ([]byte, bool) {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && keyByte[s[i]] {
		i++
	}
	if i == len(s) {
		return append(b, s...), len(s) > 0
	}
	start := len(b)
	b = append(b, s[:i]...)
	for _, r := range s[i:] {
		if keyRune(r) {
			b = utf8.AppendRune(b, r)
		}
	}
	return b, len(b) > start
}

// appendLogfmtValue appends the logfmt form of v.
func appendLogfmtValue(b []byte, v any, depth int) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendLogfmtString(b, v)
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
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case float32:
		return strconv.AppendFloat(b, float64(v), 'g', -1, 32)
	case time.Duration:
		return appendDuration(b, v)
	case timeFormat:
		return appendLogfmtFormatted(b, v.appendTo)
	case time.Time:
		if y := v.Year(); y >= 0 && y <= 9999 {
			return v.AppendFormat(b, time.RFC3339Nano)
		}
		return appendLogfmtTextMarshaler(b, v)
	case []byte:
		return appendLogfmtString(b, string(v))
	case textMarshaler:
		return appendLogfmtTextMarshaler(b, v)
	case error:
		return appendLogfmtString(b, safeError(v))
	case fmt.Stringer:
		return appendLogfmtString(b, safeString(v))
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Array, reflect.Chan, reflect.Func, reflect.Map, reflect.Slice, reflect.Struct:
		return appendLogfmtString(b, "unsupported value type")
	case reflect.Pointer:
		if rv.IsNil() {
			return append(b, "null"...)
		}
		if depth < maxDeref {
			return appendLogfmtValue(b, rv.Elem().Interface(), depth+1)
		}
	case reflect.String:
		return appendLogfmtString(b, rv.String())
	case reflect.Bool:
		return strconv.AppendBool(b, rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, rv.Uint(), 10)
	case reflect.Float32:
		return strconv.AppendFloat(b, rv.Float(), 'g', -1, 32)
	case reflect.Float64:
		return strconv.AppendFloat(b, rv.Float(), 'g', -1, 64)
	}
	return appendLogfmtString(b, fmt.Sprint(v))
}

// appendLogfmtTextMarshaler appends the text of m, or a description of its
// failure.
func appendLogfmtTextMarshaler(b []byte, m textMarshaler) []byte {
	text, ptext, err := safeMarshalText(m)
	switch {
	case ptext != "":
		return appendLogfmtString(b, ptext)
	case err != nil:
		return appendLogfmtString(b, "error marshaling value of type "+reflect.TypeOf(m).String()+": "+err.Error())
	}
	return appendLogfmtString(b, string(text))
}

// appendLogfmtFormatted appends what f appends, quoting it if needed.
func appendLogfmtFormatted(b []byte, f func([]byte) []byte) []byte {
	start := len(b)
	b = f(b)
	if s := b[start:]; needsQuote(string(s)) || string(s) == "null" {
		text := string(s)
		return appendLogfmtString(b[:start], text)
	}
	return b
}

// appendLogfmtString appends s as a logfmt value, quoted if needed.
func appendLogfmtString(b []byte, s string) []byte {
	if s == "null" {
		return append(b, `"null"`...)
	}
	if !needsQuote(s) {
		return append(b, s...)
	}
	return appendQuoted(b, s)
}

// needsQuote reports whether s cannot be written as an unquoted logfmt
// value.
func needsQuote(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !valueByte[c] {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}

const hexDigits = "0123456789abcdef"

// appendQuoted appends s as a double-quoted logfmt value. Control
// characters (C0, DEL, C1) and the Unicode line and paragraph separators are
// escaped, so the result never spans lines; invalid UTF-8 bytes become
// \ufffd.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != 0x7f {
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
		case r < 0xa0, r == '\u2028', r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
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
