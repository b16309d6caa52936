package jsonrpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Version is the JSON-RPC version this package speaks and sends. The Server
// rejects a request whose "jsonrpc" member is another version, and accepts
// one where it is missing or empty, as Go kit (which never checked it) did.
const Version string = "2.0"

// ContentType is the Content-Type of the JSON-RPC responses and requests
// this package writes.
const ContentType string = "application/json; charset=utf-8"

// Request is a JSON-RPC request object as received by a Server, and passed
// to ServerBeforeCodec functions. A nil ID means the request carried a null
// id, or none at all (a notification).
type Request struct {
	JSONRPC string          `json:"jsonrpc"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params,omitempty"`
	ID      *RequestID      `json:"id"`
}

// Response is a JSON-RPC response object. Exactly one of Result and Error is
// set in a valid response. ID echoes the request's id (nil for null).
type Response struct {
	JSONRPC string          `json:"jsonrpc"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
	ID      *RequestID      `json:"id"`
}

type idKind uint8

const (
	idNull idKind = iota
	idNumber
	idString
)

// RequestID is the id of a JSON-RPC request: a number, a string or null.
// Numbers are kept as written, so an id round-trips through UnmarshalJSON
// and MarshalJSON unchanged. The zero value is the null id.
//
// Ids that are ints, float32 values or strings behave as in Go kit. Go kit
// keeps a number as an int or a float32, so it echoes a larger number with
// other digits (or, beyond float32, as ""); its null id reads as 0 and
// marshals as 0; it accepts booleans, objects and arrays as ids that marshal
// as ""; and a nil *RequestID makes its MarshalJSON panic. kit echoes every
// number exactly, keeps null as null, rejects the other kinds and marshals a
// nil *RequestID as null.
type RequestID struct {
	kind idKind
	num  string // the JSON number literal, for idNumber
	str  string // the decoded string, for idString
}

// errIDKind is returned by the RequestID accessors for an id of another kind.
var errIDKind = errors.New("jsonrpc: request id is of another kind")

// Int returns the id as an int. It fails if the id is not a number, or is a
// number with a fraction or exponent, or does not fit an int.
func (id *RequestID) Int() (int, error) {
	if id == nil || id.kind != idNumber {
		return 0, fmt.Errorf("%w: want a number, have %s", errIDKind, id.kindName())
	}
	return strconv.Atoi(id.num)
}

// Float32 returns the id as a float32. It fails if the id is not a number.
func (id *RequestID) Float32() (float32, error) {
	if id == nil || id.kind != idNumber {
		return 0, fmt.Errorf("%w: want a number, have %s", errIDKind, id.kindName())
	}
	f, err := strconv.ParseFloat(id.num, 32)
	return float32(f), err
}

// String returns the id as a string. It fails if the id is not a string; a
// numeric id is not converted.
func (id *RequestID) String() (string, error) {
	if id == nil || id.kind != idString {
		return "", fmt.Errorf("%w: want a string, have %s", errIDKind, id.kindName())
	}
	return id.str, nil
}

func (id *RequestID) kindName() string {
	switch {
	case id == nil || id.kind == idNull:
		return "null"
	case id.kind == idNumber:
		return "number " + id.num
	default:
		return "string"
	}
}

// MarshalJSON implements json.Marshaler: the number as received, the
// string, or null (also for a nil *RequestID).
func (id *RequestID) MarshalJSON() ([]byte, error) {
	if id == nil {
		return []byte("null"), nil
	}
	switch id.kind {
	case idNumber:
		return []byte(id.num), nil
	case idString:
		return json.Marshal(id.str)
	default:
		return []byte("null"), nil
	}
}

// UnmarshalJSON implements json.Unmarshaler. It accepts a JSON number,
// string or null and returns an error for any other value (objects, arrays,
// booleans), which JSON-RPC does not allow as an id.
func (id *RequestID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return errors.New("jsonrpc: empty request id")
	}
	switch c := b[0]; {
	case c == 'n' && string(b) == "null":
		*id = RequestID{}
		return nil
	case c == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("jsonrpc: request id: %w", err)
		}
		*id = RequestID{kind: idString, str: s}
		return nil
	case c == '-' || (c >= '0' && c <= '9'):
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("jsonrpc: request id: %w", err)
		}
		*id = RequestID{kind: idNumber, num: n.String()}
		return nil
	default:
		return fmt.Errorf("jsonrpc: request id must be a number, a string or null, not %.20s", b)
	}
}
