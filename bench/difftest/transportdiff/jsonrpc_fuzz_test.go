package transportdiff_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fuzzServers returns the two servers the fuzz target compares. Methods
// whose answers differ by documentation (nil, rpcerr, empty, head) are
// never called by the seeds' valid requests; fuzzed method names rarely
// hit them, and when they do the comparison still holds for their status.
func fuzzServers() (kit, gokit http.Handler) {
	k := kitRPCServer(new(events), rpcOpts{}).(interface {
		ServeHTTP(http.ResponseWriter, *http.Request)
	})
	g := gokitRPCServer(new(events), rpcOpts{})
	return k, g
}

// wireReq decodes a request the way both servers do (encoding/json into a
// struct), to classify it.
type wireReq struct {
	JSONRPC *string         `json:"jsonrpc"`
	Method  *string         `json:"method"`
	Params  json.RawMessage `json:"params"`
	ID      json.RawMessage `json:"id"`
}

// classify reports whether body is one valid JSON-RPC 2.0 request object
// (a missing or empty "jsonrpc" member is accepted, as both servers do),
// and whether it has an id (a request) or none (a notification).
func classify(body []byte) (valid, hasID bool, id json.RawMessage) {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || b[0] != '{' || !json.Valid(b) {
		return false, false, nil
	}
	var w wireReq
	if json.Unmarshal(b, &w) != nil {
		return false, false, nil
	}
	if w.JSONRPC != nil && *w.JSONRPC != "2.0" && *w.JSONRPC != "" {
		return false, false, nil
	}
	if w.Method == nil || *w.Method == "" {
		return false, false, nil
	}
	if p := bytes.TrimSpace(w.Params); len(p) > 0 && p[0] != '{' && p[0] != '[' {
		return false, false, nil
	}
	if w.ID == nil {
		return true, false, nil
	}
	switch c := bytes.TrimSpace(w.ID)[0]; {
	case c == '"', c == '-', c >= '0' && c <= '9':
		return true, true, w.ID
	case c == 'n': // null: allowed, answered with a null id
		return true, true, w.ID
	}
	return false, false, nil
}

// notification reports whether body is a request object without an id,
// whatever its params: kit runs it and answers nothing, errors included.
func notification(body []byte) bool {
	var w wireReq
	if !json.Valid(body) || json.Unmarshal(body, &w) != nil {
		return false
	}
	return w.ID == nil && w.Method != nil && *w.Method != "" && (w.JSONRPC == nil || *w.JSONRPC == "" || *w.JSONRPC == "2.0")
}

// serve runs h on body and reports a panic as an error.
func serve(h http.Handler, body []byte) (rec *httptest.ResponseRecorder, panicked any) {
	rec = httptest.NewRecorder()
	defer func() { panicked = recover() }()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body)))
	return rec, nil
}

func decodeJSON(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, fmt.Errorf("trailing data")
	}
	return v, nil
}

// sameID reports whether two JSON ids are the same value (numbers compared
// by value).
func sameID(a, b any) bool {
	na, aok := a.(json.Number)
	nb, bok := b.(json.Number)
	if aok && bok {
		fa, ea := na.Float64()
		fb, eb := nb.Float64()
		return ea == nil && eb == nil && fa == fb
	}
	return fmt.Sprint(a) == fmt.Sprint(b) && fmt.Sprintf("%T", a) == fmt.Sprintf("%T", b)
}

// conformant checks that v is a JSON-RPC 2.0 response object.
func conformant(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("not an object: %#v", v)
	}
	if m["jsonrpc"] != "2.0" {
		return fmt.Errorf("jsonrpc member %#v", m["jsonrpc"])
	}
	if _, ok := m["id"]; !ok {
		return fmt.Errorf("no id member")
	}
	_, hasResult := m["result"]
	e, hasError := m["error"]
	if hasResult == hasError {
		return fmt.Errorf("result and error: %v, %v", hasResult, hasError)
	}
	if hasError {
		em, ok := e.(map[string]any)
		if !ok {
			return fmt.Errorf("error is %#v", e)
		}
		if _, err := em["code"].(json.Number).Int64(); err != nil {
			return fmt.Errorf("error code %#v", em["code"])
		}
		if _, ok := em["message"].(string); !ok {
			return fmt.Errorf("error message %#v", em["message"])
		}
	}
	return nil
}

func checkRPC(t *testing.T, k, g http.Handler, body []byte) {
	kr, kp := serve(k, body)
	if kp != nil {
		t.Fatalf("kit panicked on %q: %v", body, kp)
	}
	gr, gp := serve(g, body)
	valid, hasID, id := classify(body)
	kv, kerr := decodeJSON(kr.Body.Bytes())

	if valid && !hasID {
		// Documented kit addition: a notification gets no response.
		if kr.Code != http.StatusNoContent || kr.Body.Len() != 0 {
			t.Fatalf("notification %q: kit %d %q", body, kr.Code, kr.Body)
		}
		return
	}
	if valid && gp == nil {
		gv, gerr := decodeJSON(gr.Body.Bytes())
		if kerr != nil || gerr != nil {
			t.Fatalf("%q: body not JSON: kit %v %q, gokit %v %q", body, kerr, kr.Body, gerr, gr.Body)
		}
		if kr.Code != gr.Code || kr.Header().Get("Content-Type") != gr.Header().Get("Content-Type") {
			t.Fatalf("%q: kit %d %v, gokit %d %v", body, kr.Code, kr.Header(), gr.Code, gr.Header())
		}
		km, gm := kv.(map[string]any), gv.(map[string]any)
		reqID, _ := decodeJSON(id)
		// kit echoes the id as sent; Go kit may change a number it cannot
		// keep (a documented difference), so only kit's is held to the request.
		if !sameID(km["id"], reqID) {
			t.Fatalf("%q: kit id %#v, request id %s", body, km["id"], id)
		}
		// Documented: kit answers -32602 where params fail to decode as JSON;
		// Go kit answers -32603 with the same message.
		if ke, ge := rpcError(km), rpcError(gm); ke != nil && ge != nil &&
			fmt.Sprint(ke["code"]) == "-32602" && fmt.Sprint(ge["code"]) == "-32603" && ke["message"] == ge["message"] {
			ke["code"] = ge["code"]
		}
		if sameID(gm["id"], reqID) {
			gm["id"] = km["id"]
		} else {
			km["id"] = gm["id"]
		}
		if fmt.Sprintf("%#v", km) != fmt.Sprintf("%#v", gm) {
			t.Fatalf("%q:\n  kit:   %s\n  gokit: %s", body, kr.Body, gr.Body)
		}
		return
	}
	// Anything else: kit answers spec-conformant JSON-RPC, or 204 for a
	// batch of notifications.
	if kr.Code == http.StatusNoContent && kr.Body.Len() == 0 {
		if b := bytes.TrimSpace(body); (len(b) == 0 || b[0] != '[') && !notification(b) {
			t.Fatalf("%q: 204 for something that is neither a batch nor a notification", body)
		}
		return
	}
	if kr.Code != http.StatusOK || kerr != nil {
		t.Fatalf("%q: kit %d %q", body, kr.Code, kr.Body)
	}
	if list, ok := kv.([]any); ok {
		if len(list) == 0 {
			t.Fatalf("%q: empty batch response", body)
		}
		for _, e := range list {
			if err := conformant(e); err != nil {
				t.Fatalf("%q: batch element: %v: %s", body, err, kr.Body)
			}
		}
		return
	}
	if err := conformant(kv); err != nil {
		t.Fatalf("%q: %v: %s", body, err, kr.Body)
	}
}

var rpcSeeds = []string{
	`{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":1}`,
	`{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":"s"}`,
	`{"jsonrpc":"2.0","method":"sum","params":[1,2],"id":2.5}`,
	`{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2}}`,
	`{"method":"echo","params":[1,{"x":null}],"id":-3}`,
	`{"jsonrpc":"","method":"echo","params":{},"id":null}`,
	`{"jsonrpc":"2.0","method":"plain","id":"p"}`,
	`{"jsonrpc":"2.0","method":"coded","id":1e3}`,
	`{"jsonrpc":"2.0","method":"json","id":0}`,
	`{"jsonrpc":"2.0","method":"stat","id":1}`,
	`{"jsonrpc":"2.0","method":"baddecode","id":1}`,
	`{"jsonrpc":"2.0","method":"codeddecode","id":1}`,
	`{"jsonrpc":"2.0","method":"badencode","id":1}`,
	`{"jsonrpc":"2.0","method":"gokiterr","id":1}`,
	`{"jsonrpc":"2.0","method":"nope","id":12345678901234567890}`,
	`{"jsonrpc":"2.0","method":"sum","id":1e40}`,
	`{"JSONRPC":"2.0","Method":"sum","ID":7,"PARAMS":{"a":3}}`,
	`{"jsonrpc":"2.0","method":"sum","method":"echo","id":1}`,
	`{"jsonrpc":"1.0","method":"sum","id":1}`,
	`{"jsonrpc":"2.0","method":"","id":1}`,
	`{"jsonrpc":"2.0","id":1}`,
	`{"jsonrpc":"2.0","method":"sum","id":{}}`,
	`{"jsonrpc":"2.0","method":"sum","id":true}`,
	`{"jsonrpc":2,"method":"sum","id":1}`,
	`{"jsonrpc":"2.0","method":"sum","id":1} trailing`,
	`[{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":1},{"jsonrpc":"2.0","method":"sum"},1,[]]`,
	`[]`, `[{"jsonrpc":"2.0","method":"sum"}]`, `[`, `{`, ``, `null`, `42`, `"x"`, "\xff\xfe", `{}`, ` `,
}

func FuzzJSONRPCServer(f *testing.F) {
	for _, s := range rpcSeeds {
		f.Add([]byte(s))
	}
	k, g := fuzzServers()
	f.Fuzz(func(t *testing.T, body []byte) {
		checkRPC(t, k, g, body)
	})
}

// TestJSONRPCAdditions pins kit's documented additions side by side with
// what Go kit does.
func TestJSONRPCAdditions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body string
		kit        string // kit's status and JSON body
	}{
		{"notification", `{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2}}`, `204 `},
		{"batch", `[{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":1},{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":1}},{"jsonrpc":"2.0","method":"nope","id":"x"}]`,
			`200 [{"jsonrpc":"2.0","result":3,"id":1},{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method nope was not found."},"id":"x"}]`},
		{"batch of notifications", `[{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2}}]`, `204 `},
		{"empty batch", `[]`, `200 {"jsonrpc":"2.0","error":{"code":-32600,"message":"invalid request: empty batch"},"id":null}`},
		{"wrong version", `{"jsonrpc":"1.0","method":"sum","params":{"A":1,"B":2},"id":1}`,
			`200 {"jsonrpc":"2.0","error":{"code":-32600,"message":"invalid request: jsonrpc must be \"2.0\", not \"1.0\""},"id":1}`},
		{"missing method", `{"jsonrpc":"2.0","id":1}`, `200 {"jsonrpc":"2.0","error":{"code":-32600,"message":"invalid request: method is required"},"id":1}`},
		{"object id", `{"jsonrpc":"2.0","method":"sum","id":{}}`, ``},
		{"trailing data", `{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":1} {}`, ``},
		{"number", `42`, ``},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, g := fuzzServers()
			checkRPC(t, k, g, []byte(tc.body))
			kr, _ := serve(k, []byte(tc.body))
			gr, gp := serve(g, []byte(tc.body))
			t.Logf("kit:   %d %s", kr.Code, strings.TrimSpace(kr.Body.String()))
			t.Logf("gokit: %d %s (panic: %v)", gr.Code, strings.TrimSpace(gr.Body.String()), gp)
			if tc.kit != "" && fmt.Sprintf("%d %s", kr.Code, strings.TrimSpace(kr.Body.String())) != tc.kit {
				t.Errorf("kit: %d %s, want %s", kr.Code, kr.Body, tc.kit)
			}
		})
	}
}

// TestJSONRPCSeeds runs the fuzz comparison on the seed corpus in normal
// test runs.
func TestJSONRPCSeeds(t *testing.T) {
	t.Parallel()
	k, g := fuzzServers()
	for _, s := range rpcSeeds {
		checkRPC(t, k, g, []byte(s))
	}
}
