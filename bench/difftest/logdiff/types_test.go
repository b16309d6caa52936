package logdiff_test

import (
	"errors"
	"fmt"
)

// The value types below exercise each method the encoders consult.

// str is a fmt.Stringer with a value receiver.
type str string

func (s str) String() string { return "S:" + string(s) }

// ptrStr is a fmt.Stringer with a pointer receiver that dereferences it, so
// a nil *ptrStr panics in String.
type ptrStr struct{ s string }

func (p *ptrStr) String() string { return p.s }

// panicStr panics in String whatever its receiver.
type panicStr struct{}

func (panicStr) String() string { panic("boom") }

// errT is an error with a value receiver.
type errT string

func (e errT) Error() string { return "E:" + string(e) }

// ptrErr is an error with a pointer receiver that dereferences it.
type ptrErr struct{ s string }

func (p *ptrErr) Error() string { return p.s }

// panicErr panics in Error.
type panicErr struct{}

func (panicErr) Error() string { panic(errors.New("bad error")) }

// text is an encoding.TextMarshaler.
type text string

func (t text) MarshalText() ([]byte, error) { return []byte("T:" + string(t)), nil }

// nilText marshals to a nil slice.
type nilText struct{}

func (nilText) MarshalText() ([]byte, error) { return nil, nil }

// failText fails to marshal.
type failText struct{}

func (failText) MarshalText() ([]byte, error) { return nil, errors.New("no text") }

// ptrText dereferences its pointer receiver.
type ptrText struct{ s string }

func (p *ptrText) MarshalText() ([]byte, error) { return []byte(p.s), nil }

// panicText panics in MarshalText.
type panicText struct{}

func (panicText) MarshalText() ([]byte, error) { panic("text boom") }

// jsonM is a json.Marshaler.
type jsonM struct{ raw string }

func (j jsonM) MarshalJSON() ([]byte, error) { return []byte(j.raw), nil }

// failJSON fails to marshal.
type failJSON struct{}

func (failJSON) MarshalJSON() ([]byte, error) { return nil, errors.New("no json") }

// ptrJSON dereferences its pointer receiver.
type ptrJSON struct{ raw string }

func (p *ptrJSON) MarshalJSON() ([]byte, error) { return []byte(p.raw), nil }

// panicJSON panics in MarshalJSON.
type panicJSON struct{}

func (panicJSON) MarshalJSON() ([]byte, error) { panic("json boom") }

// errStringer is both an error and a fmt.Stringer.
type errStringer struct{}

func (errStringer) Error() string  { return "as error" }
func (errStringer) String() string { return "as stringer" }

// textStringer is both an encoding.TextMarshaler and a fmt.Stringer.
type textStringer struct{}

func (textStringer) MarshalText() ([]byte, error) { return []byte("as text"), nil }
func (textStringer) String() string               { return "as stringer" }

// jsonStringer is both a json.Marshaler and a fmt.Stringer.
type jsonStringer struct{}

func (jsonStringer) MarshalJSON() ([]byte, error) { return []byte(`{"as":"json"}`), nil }
func (jsonStringer) String() string               { return "as stringer" }

// Named scalar types.
type (
	myString string
	myInt    int
	myFloat  float64
	myBool   bool
)

// point is a plain struct.
type point struct {
	X, Y int
	Name string `json:"name,omitempty"`
	tag  string
}

var _ = fmt.Sprint

// panicErrVal panics in Error with v.
type panicErrVal struct{ v any }

func (p panicErrVal) Error() string { panic(p.v) }
