package log

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"time"
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
// returned Logger will be used concurrently (see NewSyncWriter). The output
// is byte for byte Go kit's for every event Go kit encodes without error.
//
// Keys are written as strings: a string as is, a []byte as its text, an
// encoding.TextMarshaler as its text, a fmt.Stringer as String() (or
// "PANIC:<panic value>" if String panics), and any other scalar as
// fmt.Sprint would format it. As in logfmt, characters that cannot appear
// in a key (space and the control characters below it, '=', '"', invalid
// UTF-8 and U+FFFD) are removed.
//
// Values are written as follows: nil and nil pointers as null; strings as
// is; the string "null" as "null" in quotes (so that it reads back as a
// string); booleans, integers and floating-point numbers as fmt would print
// them; a []byte or an encoding.TextMarshaler as its text (null if
// MarshalText returns nil; if it fails, the text "error marshaling value of
// type T: ..." is written instead); an error as Error(); a fmt.Stringer
// (time.Duration included) as String(); a non-nil pointer as what it points
// to; arrays, slices, maps, structs, channels and functions as "unsupported
// value type". A value that contains a space, a control character below
// it, '=', '"', invalid UTF-8 or U+FFFD is quoted and escaped like a JSON
// string (\", \\, \n, \r, \t, \u00XX; invalid bytes and U+FFFD become
// \ufffd), so an event is always one line; other characters (DEL, C1
// controls, U+2028 included) are written as they are, as Go kit does. If a
// String, Error or MarshalText method panics, the value logged is null when
// the receiver is a nil pointer (the usual cause) and "PANIC:<panic value>"
// otherwise; Log never panics. If keyvals has an odd length, the missing
// value is logged as null.
//
// A pair whose key is of an unsupported kind (array, chan, func, map,
// slice, struct) is skipped, as in Go kit.
//
// Go kit and kit differ only on events Go kit refuses: where Go kit writes
// nothing and returns an error for the whole event, kit skips the faulty
// pair, writes the rest and returns nil. That is the case for a key that
// is nil (or a nil pointer or nil []byte), a fmt.Stringer key that panics
// on a nil pointer receiver, an encoding.TextMarshaler key that fails,
// panics or returns nil, and a key that is empty once cleaned. A value
// whose MarshalText method panics on a non-nil receiver (Go kit fails the
// event) is logged as "PANIC:<panic value>". Log errors come only from the
// writer.
func NewLogfmtLogger(w io.Writer) Logger {
	return &logfmtLogger{w: w}
}

// Log encodes keyvals as one logfmt line and writes it with one Write. It
// returns the writer's error, if any.
func (l *logfmtLogger) Log(keyvals ...any) error {
	return writeEvent(l.w, keyvals, appendLogfmtLine)
}

// appendLogfmtLine appends keyvals in logfmt form to b, with the final '\n'.
func appendLogfmtLine(b []byte, keyvals []any) []byte {
	first := true
	for i := 0; i < len(keyvals); i += 2 {
		var v any // a missing value logs as null, as in Go kit
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
		text, panicked, _, err := safeMarshalText(k)
		if err != nil || panicked || text == nil {
			return b, false
		}
		return appendLogfmtKeyString(b, string(text))
	case fmt.Stringer:
		s, isNil := logfmtString(k)
		if isNil {
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

// logfmtPanic is the text logfmt logs in place of a method that panicked
// with p on a non-nil receiver.
func logfmtPanic(p any) string { return fmt.Sprintf("PANIC:%v", p) }

// isNilPointer reports whether v holds a nil pointer.
func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// logfmtString calls s.String. If it panics, isNil reports a nil pointer
// receiver; any other panic is described by str.
func logfmtString(s fmt.Stringer) (str string, isNil bool) {
	defer func() {
		if p := recover(); p != nil {
			if isNilPointer(s) {
				str, isNil = "", true
				return
			}
			str = logfmtPanic(p)
		}
	}()
	return s.String(), false
}

// logfmtError calls e.Error, like logfmtString.
func logfmtError(e error) (str string, isNil bool) {
	defer func() {
		if p := recover(); p != nil {
			if isNilPointer(e) {
				str, isNil = "", true
				return
			}
			str = logfmtPanic(p)
		}
	}()
	return e.Error(), false
}

// keyByte[c] reports whether the ASCII byte c may appear in a logfmt key
// and in an unquoted logfmt value.
var keyByte [utf8.RuneSelf]bool

func init() {
	for c := range utf8.RuneSelf {
		keyByte[c] = c > ' ' && c != '=' && c != '"'
	}
}

// appendLogfmtKeyString appends s without the characters a key cannot hold
// (see keyByte; invalid UTF-8 and U+FFFD too) and reports whether anything
// was left.
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
		if r < utf8.RuneSelf {
			if keyByte[r] {
				b = append(b, byte(r))
			}
		} else if r != utf8.RuneError {
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
	case bool, int, int64, int32, int16, int8, uint, uint64, uint32, uint16, uint8:
		return appendScalar(b, v)
	case float64:
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case float32:
		return strconv.AppendFloat(b, float64(v), 'g', -1, 32)
	case time.Duration:
		return appendDuration(b, v)
	case timeFormat:
		return appendLogfmtFormatted(b, v.appendTo)
	case time.Time:
		if fastTime(v) {
			return v.AppendFormat(b, time.RFC3339Nano)
		}
		return appendLogfmtTextMarshaler(b, v)
	case []byte:
		return appendLogfmtText(b, string(v))
	case textMarshaler:
		return appendLogfmtTextMarshaler(b, v)
	case error:
		s, isNil := logfmtError(v)
		if isNil {
			return append(b, "null"...)
		}
		return appendLogfmtString(b, s)
	case fmt.Stringer:
		s, isNil := logfmtString(v)
		if isNil {
			return append(b, "null"...)
		}
		return appendLogfmtString(b, s)
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

// fastTime reports whether t.MarshalText would succeed, so that t can be
// formatted directly as RFC 3339 with nanoseconds.
func fastTime(t time.Time) bool {
	if y := t.Year(); y < 0 || y > 9999 {
		return false
	}
	_, off := t.Zone()
	return off > -24*3600 && off < 24*3600
}

// appendLogfmtTextMarshaler appends the text of m, or a description of its
// failure.
func appendLogfmtTextMarshaler(b []byte, m textMarshaler) []byte {
	text, panicked, p, err := safeMarshalText(m)
	switch {
	case panicked:
		if isNilPointer(m) {
			return append(b, "null"...)
		}
		return appendLogfmtString(b, logfmtPanic(p))
	case err != nil:
		return appendLogfmtString(b, "error marshaling value of type "+reflect.TypeOf(m).String()+": "+err.Error())
	case text == nil:
		return append(b, "null"...)
	}
	return appendLogfmtText(b, string(text))
}

// appendLogfmtFormatted appends what f appends, quoting it if needed.
func appendLogfmtFormatted(b []byte, f func([]byte) []byte) []byte {
	start := len(b)
	b = f(b)
	if s := b[start:]; needsQuote(string(s)) {
		text := string(s)
		return appendQuoted(b[:start], text)
	}
	return b
}

// appendLogfmtString appends the string s as a logfmt value, quoted if
// needed; "null" is quoted so that it does not read back as a nil.
func appendLogfmtString(b []byte, s string) []byte {
	if s == "null" {
		return append(b, `"null"`...)
	}
	return appendLogfmtText(b, s)
}

// appendLogfmtText appends the text of a []byte or a TextMarshaler as a
// logfmt value, quoted if needed; unlike a string, "null" is not quoted.
func appendLogfmtText(b []byte, s string) []byte {
	if !needsQuote(s) {
		return append(b, s...)
	}
	return appendQuoted(b, s)
}

// needsQuote reports whether s cannot be written as an unquoted logfmt
// value: it holds a space, a control character below it, '=', '"', invalid
// UTF-8 or U+FFFD.
func needsQuote(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !keyByte[c] {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError {
			return true
		}
		i += size
	}
	return false
}

const hexDigits = "0123456789abcdef"

// appendQuoted appends s as a double-quoted logfmt value: '"' and '\\' are
// escaped, and so are the control characters below space (as \n, \r, \t or
// \u00XX), so the result never spans lines; invalid UTF-8 bytes and U+FFFD
// become \ufffd.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
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
		if r == utf8.RuneError {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
