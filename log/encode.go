package log

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"sync"
	"time"
)

// buffer is a pooled scratch buffer: a Log call encodes its whole line into
// one and hands it to the writer with a single Write.
type buffer struct{ b []byte }

// maxPooled is the largest buffer kept for reuse; bigger ones are left to
// the garbage collector so that one huge event does not pin memory.
const maxPooled = 64 << 10

var bufferPool = sync.Pool{New: func() any { return &buffer{b: make([]byte, 0, 1024)} }}

func getBuffer() *buffer { return bufferPool.Get().(*buffer) }

func putBuffer(buf *buffer) {
	if cap(buf.b) > maxPooled {
		return
	}
	buf.b = buf.b[:0]
	bufferPool.Put(buf)
}

// panicText is the text logged in place of a value whose method panicked:
// "NULL" when the receiver is a nil pointer (the usual cause), else a
// description of the panic.
func panicText(v any, method string, p any) string {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return "NULL"
	}
	return fmt.Sprintf("PANIC in %s method: %v", method, p)
}

// safeString calls s.String, turning a panic into panicText.
func safeString(s fmt.Stringer) (str string) {
	defer func() {
		if p := recover(); p != nil {
			str = panicText(s, "String", p)
		}
	}()
	return s.String()
}

// textMarshaler is encoding.TextMarshaler, spelled out to keep the import
// list short.
type textMarshaler interface {
	MarshalText() (text []byte, err error)
}

// safeMarshalText calls m.MarshalText. If it panics, panicked is true and
// p holds the panic value.
func safeMarshalText(m textMarshaler) (text []byte, panicked bool, p any, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, panicked, p, err = nil, true, r, nil
		}
	}()
	text, err = m.MarshalText()
	return text, false, nil, err
}

// appendDuration appends d formatted exactly as d.String() would, without
// allocating.
func appendDuration(b []byte, d time.Duration) []byte {
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = -u
	}
	switch {
	case u == 0:
		return append(b, "0s"...)
	case u < uint64(time.Microsecond):
		b = strconv.AppendUint(b, u, 10)
		return append(b, "ns"...)
	case u < uint64(time.Millisecond):
		b = appendFixed(b, u, 3)
		return append(b, "µs"...)
	case u < uint64(time.Second):
		b = appendFixed(b, u, 6)
		return append(b, "ms"...)
	}
	secs, frac := u/1e9, u%1e9
	h, m, s := secs/3600, secs/60%60, secs%60
	if h > 0 {
		b = strconv.AppendUint(b, h, 10)
		b = append(b, 'h')
	}
	if h > 0 || m > 0 {
		b = strconv.AppendUint(b, m, 10)
		b = append(b, 'm')
	}
	b = strconv.AppendUint(b, s, 10)
	b = appendFraction(b, frac, 9)
	return append(b, 's')
}

// appendFixed appends u / 10^prec with its fractional part, trailing zeros
// removed.
func appendFixed(b []byte, u uint64, prec int) []byte {
	p := uint64(1)
	for range prec {
		p *= 10
	}
	b = strconv.AppendUint(b, u/p, 10)
	return appendFraction(b, u%p, prec)
}

// appendFraction appends "." and the prec-digit fraction frac without its
// trailing zeros, or nothing when frac is zero.
func appendFraction(b []byte, frac uint64, prec int) []byte {
	if frac == 0 {
		return b
	}
	for frac%10 == 0 {
		frac /= 10
		prec--
	}
	var digits [9]byte
	for i := prec - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	b = append(b, '.')
	return append(b, digits[:prec]...)
}

// writeEvent encodes keyvals with appendLine into a pooled buffer and
// writes the result to w with a single Write.
func writeEvent(w io.Writer, keyvals []any, appendLine func([]byte, []any) []byte) error {
	buf := getBuffer()
	buf.b = appendLine(buf.b, keyvals)
	_, err := w.Write(buf.b)
	putBuffer(buf)
	return err
}

// appendScalar appends a boolean or an integer of any size in decimal, the
// same in logfmt and JSON. Other types append nothing.
func appendScalar(b []byte, v any) []byte {
	switch v := v.(type) {
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
	}
	return b
}
