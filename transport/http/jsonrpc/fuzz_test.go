package jsonrpc_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/seedkit/kit/transport/http/jsonrpc"
)

// FuzzServer posts arbitrary bytes to a Server and checks that it never
// panics and always answers with a well-formed JSON-RPC response, a batch
// of them, or (for notifications only) 204 and no body.
func FuzzServer(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":1}`,
		`{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":"s"}`,
		`{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2}}`,
		`{"jsonrpc":"2.0","method":"fail","params":"custom","id":null}`,
		`{"jsonrpc":"2.0","method":"fail","params":"data","id":1.5}`,
		`{"jsonrpc":"1.0","method":"sum","id":1}`,
		`{"jsonrpc":"2.0","method":"nope","id":1}`,
		`{"jsonrpc":"2.0","method":"sum","params":[1,2],"id":{}}`,
		`{"jsonrpc":"2.0","method":"badEncode","id":1}`,
		`{"jsonrpc":"2.0","method":"invalidJSONEncode","id":1}`,
		`[{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":1},{"jsonrpc":"2.0","method":"sum"},1,[]]`,
		`[]`, `[{"jsonrpc":"2.0","method":"sum"}]`, `[`, `{`, ``, `null`, `42`, `"x"`, "\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	h := jsonrpc.NewServer(codecs(nil))
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body)))
		switch rec.Code {
		case http.StatusNoContent:
			if rec.Body.Len() != 0 {
				t.Fatalf("204 with a body %q", rec.Body.String())
			}
			return
		case http.StatusOK:
		default:
			t.Fatalf("status %d for %q", rec.Code, body)
		}
		out := bytes.TrimSpace(rec.Body.Bytes())
		if len(out) > 0 && out[0] == '[' {
			var batch []json.RawMessage
			if err := json.Unmarshal(out, &batch); err != nil || len(batch) == 0 {
				t.Fatalf("bad batch response %q: %v", out, err)
			}
			for _, res := range batch {
				checkResponse(t, res)
			}
			return
		}
		checkResponse(t, out)
	})
}

func checkResponse(t *testing.T, b []byte) {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("response %q is not a JSON object: %v", b, err)
	}
	if string(m["jsonrpc"]) != `"2.0"` {
		t.Fatalf("response %q: bad jsonrpc member", b)
	}
	if _, ok := m["id"]; !ok {
		t.Fatalf("response %q: no id", b)
	}
	_, hasResult := m["result"]
	_, hasError := m["error"]
	if hasResult == hasError {
		t.Fatalf("response %q: want exactly one of result and error", b)
	}
	if hasError {
		var e jsonrpc.Error
		if err := json.Unmarshal(m["error"], &e); err != nil || e.Message == "" {
			t.Fatalf("response %q: bad error object (%v)", b, err)
		}
	}
}
