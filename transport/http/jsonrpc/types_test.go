package jsonrpc_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/seedkit/kit/transport/http/jsonrpc"
)

func TestRequestID(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in      string
		out     string // MarshalJSON, "" if UnmarshalJSON must fail
		intV    int
		intOK   bool
		floatV  float32
		floatOK bool
		strV    string
		strOK   bool
	}{
		{in: `12`, out: `12`, intV: 12, intOK: true, floatV: 12, floatOK: true},
		{in: `-3`, out: `-3`, intV: -3, intOK: true, floatV: -3, floatOK: true},
		{in: `1.5`, out: `1.5`, floatV: 1.5, floatOK: true},
		{in: `1e2`, out: `1e2`, floatV: 100, floatOK: true},
		{in: `123456789012345678901234567890`, out: `123456789012345678901234567890`, floatV: 1.2345679e29, floatOK: true},
		{in: `"abc"`, out: `"abc"`, strV: "abc", strOK: true},
		{in: `"7"`, out: `"7"`, strV: "7", strOK: true},
		{in: `"\u00e9\n"`, out: `"é\n"`, strV: "é\n", strOK: true},
		{in: ` null `, out: `null`},
		{in: `{}`},
		{in: `[1]`},
		{in: `true`},
		{in: `"unterminated`},
		{in: `-`},
		{in: ``},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			var id jsonrpc.RequestID
			err := id.UnmarshalJSON([]byte(tc.in))
			if tc.out == "" {
				if err == nil {
					t.Fatalf("UnmarshalJSON(%q) succeeded, want an error", tc.in)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := id.MarshalJSON()
			if err != nil || string(b) != tc.out {
				t.Errorf("MarshalJSON = %s, %v, want %s", b, err, tc.out)
			}
			i, err := id.Int()
			if (err == nil) != tc.intOK || (tc.intOK && i != tc.intV) {
				t.Errorf("Int() = %d, %v", i, err)
			}
			f, err := id.Float32()
			if (err == nil) != tc.floatOK || (tc.floatOK && f != tc.floatV) {
				t.Errorf("Float32() = %v, %v", f, err)
			}
			s, err := id.String()
			if (err == nil) != tc.strOK || s != tc.strV {
				t.Errorf("String() = %q, %v", s, err)
			}
			// Round trip inside a Response.
			var res jsonrpc.Response
			if err := json.Unmarshal([]byte(`{"jsonrpc":"2.0","result":1,"id":`+tc.in+`}`), &res); err != nil {
				t.Fatal(err)
			}
			back, err := json.Marshal(res)
			if err != nil || string(back) != `{"jsonrpc":"2.0","result":1,"id":`+tc.out+`}` {
				t.Errorf("response round trip = %s, %v", back, err)
			}
		})
	}
	var nilID *jsonrpc.RequestID
	if b, err := nilID.MarshalJSON(); string(b) != "null" || err != nil {
		t.Errorf("nil MarshalJSON = %s, %v", b, err)
	}
	if _, err := nilID.Int(); err == nil {
		t.Error("nil Int: want an error")
	}
}

func TestError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  jsonrpc.Error
		want string
	}{
		{jsonrpc.Error{Code: jsonrpc.ParseError}, "An error occurred on the server while parsing the JSON text."},
		{jsonrpc.Error{Code: jsonrpc.InvalidRequestError}, "The JSON sent is not a valid Request object."},
		{jsonrpc.Error{Code: jsonrpc.MethodNotFoundError}, "The method does not exist / is not available."},
		{jsonrpc.Error{Code: jsonrpc.InvalidParamsError}, "Invalid method parameter(s)."},
		{jsonrpc.Error{Code: jsonrpc.InternalError}, "Internal JSON-RPC error."},
		{jsonrpc.Error{Code: -32050}, ""}, // Go kit has no text for the server error range
		{jsonrpc.Error{Code: 7}, ""},
		{jsonrpc.Error{Code: 7, Message: "own"}, "own"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%d: Error() = %q, want %q", tc.err.Code, got, tc.want)
		}
		if tc.err.ErrorCode() != tc.err.Code {
			t.Errorf("ErrorCode() = %d", tc.err.ErrorCode())
		}
	}
	if c := fmt.Sprint(jsonrpc.ParseError, jsonrpc.InvalidRequestError, jsonrpc.MethodNotFoundError,
		jsonrpc.InvalidParamsError, jsonrpc.InternalError); c != "-32700 -32600 -32601 -32602 -32603" {
		t.Errorf("codes %s", c)
	}
	var _ jsonrpc.ErrorCoder = jsonrpc.Error{}
}

func TestAutoIncrementID(t *testing.T) {
	t.Parallel()
	g := jsonrpc.NewAutoIncrementID(5)
	for want := uint64(5); want < 8; want++ {
		if got := g.Generate(); got != want {
			t.Errorf("Generate() = %v (%T), want %d", got, got, want)
		}
	}
}
