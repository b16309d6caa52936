package jsonrpc_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/seedkit/kit/log"
	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/http/jsonrpc"
)

type sumParams struct{ A, B int }

// customErr is a service error with its own JSON-RPC code.
type customErr struct{ msg string }

func (e customErr) Error() string  { return e.msg }
func (e customErr) ErrorCode() int { return 42 }

// headersErr adds response headers.
type headersErr struct{}

func (headersErr) Error() string        { return "with headers" }
func (headersErr) Headers() http.Header { return http.Header{"X-Why": {"because"}} }

func decodeSum(_ context.Context, p json.RawMessage) (any, error) {
	var s sumParams
	if err := json.Unmarshal(p, &s); err != nil {
		return nil, err
	}
	return s, nil
}

func encodeJSON(_ context.Context, v any) (json.RawMessage, error) { return json.Marshal(v) }

// codecs returns the methods used by the tests. calls counts endpoint runs.
func codecs(calls *atomic.Int64) jsonrpc.EndpointCodecMap {
	count := func() {
		if calls != nil {
			calls.Add(1)
		}
	}
	return jsonrpc.EndpointCodecMap{
		"sum": {
			Endpoint: func(_ context.Context, req any) (any, error) {
				count()
				p := req.(sumParams)
				return p.A + p.B, nil
			},
			Decode: decodeSum,
			Encode: encodeJSON,
		},
		"fail": {
			Endpoint: func(_ context.Context, req any) (any, error) {
				count()
				switch req {
				case "custom":
					return nil, fmt.Errorf("wrapped: %w", customErr{"custom failure"})
				case "data":
					return nil, jsonrpc.Error{Code: -32001, Message: "with data", Data: map[string]int{"n": 1}}
				case "headers":
					return nil, headersErr{}
				}
				return nil, errors.New("plain failure")
			},
			Decode: func(_ context.Context, p json.RawMessage) (any, error) {
				var s string
				err := json.Unmarshal(p, &s)
				return s, err
			},
			Encode: encodeJSON,
		},
		"strictDecode": {
			Endpoint: func(context.Context, any) (any, error) { count(); return nil, nil },
			Decode: func(context.Context, json.RawMessage) (any, error) {
				return nil, jsonrpc.Error{Code: -32099, Message: "decoder chose its code"}
			},
			Encode: encodeJSON,
		},
		"badEncode": {
			Endpoint: func(context.Context, any) (any, error) { count(); return "x", nil },
			Decode:   func(context.Context, json.RawMessage) (any, error) { return nil, nil },
			Encode: func(context.Context, any) (json.RawMessage, error) {
				return nil, errors.New("cannot encode")
			},
		},
		"invalidJSONEncode": {
			Endpoint: func(context.Context, any) (any, error) { count(); return "x", nil },
			Decode:   func(context.Context, json.RawMessage) (any, error) { return nil, nil },
			Encode: func(context.Context, any) (json.RawMessage, error) {
				return json.RawMessage("{not json"), nil
			},
		},
		"nilResult": {
			Endpoint: func(context.Context, any) (any, error) { count(); return nil, nil },
			Decode:   func(context.Context, json.RawMessage) (any, error) { return nil, nil },
			Encode:   func(context.Context, any) (json.RawMessage, error) { return nil, nil },
		},
	}
}

func post(h http.Handler, contentType, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/rpc", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

// wireResponse is what a test reads back, with the id kept raw.
type wireResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	Result  json.RawMessage `json:"result"`
	Error   *jsonrpc.Error  `json:"error"`
	ID      json.RawMessage `json:"id"`
}

func TestServerSingle(t *testing.T) {
	t.Parallel()
	h := jsonrpc.NewServer(codecs(nil))
	for _, tc := range []struct {
		name        string
		contentType string
		body        string
		result      string // want this result, or
		code        int    // want this error code
		msgHas      string
		id          string
	}{
		{"int id", "application/json", `{"jsonrpc":"2.0","method":"sum","params":{"A":2,"B":3},"id":1}`, "5", 0, "", "1"},
		{"string id", "application/json; charset=utf-8", `{"jsonrpc":"2.0","method":"sum","params":{"A":2,"B":3},"id":"abc"}`, "5", 0, "", `"abc"`},
		{"float id", "", `{"jsonrpc":"2.0","method":"sum","params":{"A":2,"B":3},"id":1.5}`, "5", 0, "", "1.5"},
		{"null id", "text/plain", `{"jsonrpc":"2.0","method":"sum","params":{"A":2,"B":3},"id":null}`, "5", 0, "", "null"},
		{"nil result", "", `{"jsonrpc":"2.0","method":"nilResult","id":7}`, "null", 0, "", "7"},
		{"parse error", "", `{"jsonrpc":"2.0","method":`, "", jsonrpc.ParseError, "JSON could not be decoded", "null"},
		{"empty body", "", ``, "", jsonrpc.ParseError, "JSON could not be decoded", "null"},
		{"trailing garbage", "", `{"jsonrpc":"2.0","method":"sum","id":1} x`, "", jsonrpc.ParseError, "", "null"},
		{"not an object", "", `42`, "", jsonrpc.InvalidRequestError, "invalid request", "null"},
		{"null body", "", `null`, "", jsonrpc.InvalidRequestError, "invalid request", "null"},
		{"wrong version", "", `{"jsonrpc":"1.0","method":"sum","id":3}`, "", jsonrpc.InvalidRequestError, `jsonrpc must be "2.0"`, "3"},
		{"no version (accepted, as Go kit did)", "", `{"method":"sum","params":{"A":2,"B":3},"id":3}`, "5", 0, "", "3"},
		{"empty version (accepted, as Go kit did)", "", `{"jsonrpc":"","method":"sum","params":{"A":2,"B":3},"id":3}`, "5", 0, "", "3"},
		{"no method", "", `{"jsonrpc":"2.0","id":4}`, "", jsonrpc.InvalidRequestError, "method is required", "4"},
		{"method not a string", "", `{"jsonrpc":"2.0","method":1,"id":4}`, "", jsonrpc.InvalidRequestError, "invalid request", "null"},
		{"object id", "", `{"jsonrpc":"2.0","method":"sum","id":{}}`, "", jsonrpc.InvalidRequestError, "request id", "null"},
		{"bool id", "", `{"jsonrpc":"2.0","method":"sum","id":true}`, "", jsonrpc.InvalidRequestError, "request id", "null"},
		{"unknown method", "", `{"jsonrpc":"2.0","method":"nope","id":5}`, "", jsonrpc.MethodNotFoundError, "Method nope was not found.", "5"},
		{"bad params", "", `{"jsonrpc":"2.0","method":"sum","params":{"A":"x"},"id":6}`, "", jsonrpc.InvalidParamsError, "cannot unmarshal", "6"}, // Go kit: InternalError
		{"missing params", "", `{"jsonrpc":"2.0","method":"sum","id":6}`, "", jsonrpc.InvalidParamsError, "unexpected end", "6"},
		{"decoder code", "", `{"jsonrpc":"2.0","method":"strictDecode","id":6}`, "", -32099, "decoder chose", "6"},
		{"endpoint error", "", `{"jsonrpc":"2.0","method":"fail","params":"plain","id":8}`, "", jsonrpc.InternalError, "plain failure", "8"},
		{"endpoint coder wrapped", "", `{"jsonrpc":"2.0","method":"fail","params":"custom","id":8}`, "", 42, "wrapped: custom failure", "8"},
		{"encode error", "", `{"jsonrpc":"2.0","method":"badEncode","id":9}`, "", jsonrpc.InternalError, "cannot encode", "9"},
		{"encoder wrote invalid JSON", "", `{"jsonrpc":"2.0","method":"invalidJSONEncode","id":9}`, "", jsonrpc.InternalError, "encode result", "9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := post(h, tc.contentType, tc.body)
			if rec.Code != http.StatusOK {
				t.Fatalf("HTTP status %d, want 200", rec.Code)
			}
			if ct := rec.Header().Get("Content-Type"); ct != jsonrpc.ContentType {
				t.Errorf("Content-Type %q", ct)
			}
			var res wireResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
				t.Fatalf("response %q: %v", rec.Body.String(), err)
			}
			if res.JSONRPC != "2.0" || string(res.ID) != tc.id {
				t.Errorf("envelope %s: jsonrpc %q id %s, want id %s", rec.Body.String(), res.JSONRPC, res.ID, tc.id)
			}
			if tc.code == 0 {
				if res.Error != nil || string(res.Result) != tc.result {
					t.Errorf("got %s, want result %s", rec.Body.String(), tc.result)
				}
				return
			}
			if res.Error == nil || res.Result != nil {
				t.Fatalf("got %s, want an error only", rec.Body.String())
			}
			if res.Error.Code != tc.code || !strings.Contains(res.Error.Message, tc.msgHas) {
				t.Errorf("error %+v, want code %d with %q", *res.Error, tc.code, tc.msgHas)
			}
		})
	}
}

func TestServerErrorDataAndHeaders(t *testing.T) {
	t.Parallel()
	h := jsonrpc.NewServer(codecs(nil))
	rec := post(h, "", `{"jsonrpc":"2.0","method":"fail","params":"data","id":1}`)
	want := `{"jsonrpc":"2.0","error":{"code":-32001,"message":"with data","data":{"n":1}},"id":1}` + "\n"
	if rec.Body.String() != want {
		t.Errorf("got  %s\nwant %s", rec.Body.String(), want)
	}
	rec = post(h, "", `{"jsonrpc":"2.0","method":"fail","params":"headers","id":1}`)
	if rec.Header().Get("X-Why") != "because" {
		t.Errorf("headers %v", rec.Header())
	}
}

func TestServerMethodNotAllowed(t *testing.T) {
	t.Parallel()
	h := jsonrpc.NewServer(codecs(nil))
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(m, "/", nil))
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != http.MethodPost {
			t.Errorf("%s: %d %v", m, rec.Code, rec.Header())
		}
	}
}

func TestServerNotifications(t *testing.T) {
	t.Parallel()
	var calls atomic.Int64
	var logged atomic.Int64
	h := jsonrpc.NewServer(codecs(&calls), jsonrpc.ServerErrorLogger(log.LoggerFunc(func(...any) error {
		logged.Add(1)
		return nil
	})))
	for _, tc := range []struct {
		name   string
		body   string
		calls  int64
		logged int64
	}{
		{"ok", `{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":1}}`, 1, 0},
		{"endpoint error", `{"jsonrpc":"2.0","method":"fail","params":"plain"}`, 1, 1},
		{"unknown method", `{"jsonrpc":"2.0","method":"nope"}`, 0, 1},
		{"bad params", `{"jsonrpc":"2.0","method":"sum","params":[1]}`, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) { // sequential: shared counters
			calls.Store(0)
			logged.Store(0)
			rec := post(h, "application/json", tc.body)
			if rec.Code != http.StatusNoContent || rec.Body.Len() != 0 {
				t.Errorf("got %d %q, want 204 and no body", rec.Code, rec.Body.String())
			}
			if calls.Load() != tc.calls || logged.Load() != tc.logged {
				t.Errorf("calls %d logged %d, want %d %d", calls.Load(), logged.Load(), tc.calls, tc.logged)
			}
		})
	}
}

func TestServerBatch(t *testing.T) {
	t.Parallel()
	var calls atomic.Int64
	h := jsonrpc.NewServer(codecs(&calls))
	for _, tc := range []struct {
		name  string
		body  string
		code  int
		want  string // exact body
		calls int64
	}{
		{"mixed", `[
			{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":1},
			{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2}},
			{"jsonrpc":"2.0","method":"nope","id":"x"},
			1,
			{"jsonrpc":"2.0","method":"sum","params":{"A":5,"B":5},"id":2}
		]`, 200, `[{"jsonrpc":"2.0","result":3,"id":1},` +
			`{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method nope was not found."},"id":"x"},` +
			`{"jsonrpc":"2.0","error":{"code":-32600,"message":"invalid request: json: cannot unmarshal number into Go value of type jsonrpc.wireRequest"},"id":null},` +
			`{"jsonrpc":"2.0","result":10,"id":2}]` + "\n", 3},
		{"empty", `[]`, 200, `{"jsonrpc":"2.0","error":{"code":-32600,"message":"invalid request: empty batch"},"id":null}` + "\n", 0},
		{"only notifications", `[{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2}},{"jsonrpc":"2.0","method":"nope"}]`, 204, "", 1},
		{"invalid JSON", `[{"jsonrpc":"2.0","method":"sum"`, 200, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) { // sequential: shared counter
			calls.Store(0)
			rec := post(h, "application/json", tc.body)
			if rec.Code != tc.code {
				t.Errorf("status %d, want %d", rec.Code, tc.code)
			}
			if tc.want != "" && rec.Body.String() != tc.want {
				t.Errorf("got  %s\nwant %s", rec.Body.String(), tc.want)
			}
			if tc.name == "invalid JSON" && !strings.Contains(rec.Body.String(), `"code":-32700`) {
				t.Errorf("got %s, want a parse error", rec.Body.String())
			}
			if calls.Load() != tc.calls {
				t.Errorf("endpoint calls %d, want %d", calls.Load(), tc.calls)
			}
		})
	}
}

func TestServerBatchCustomErrorEncoder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		ee   httptransport.ErrorEncoder
		want string
	}{
		{"json", func(_ context.Context, err error, w http.ResponseWriter) {
			w.WriteHeader(http.StatusTeapot) // ignored inside a batch
			_, _ = io.WriteString(w, `{"jsonrpc":"2.0","error":{"code":1,"message":"mine"},"id":null}`)
		}, `[{"jsonrpc":"2.0","error":{"code":1,"message":"mine"},"id":null}]` + "\n"},
		{"not json", func(_ context.Context, err error, w http.ResponseWriter) {
			_, _ = io.WriteString(w, "oops")
		}, `[{"jsonrpc":"2.0","error":{"code":-32603,"message":"error encoder wrote invalid JSON"},"id":null}]` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := jsonrpc.NewServer(codecs(nil), jsonrpc.ServerErrorEncoder(tc.ee))
			rec := post(h, "", `[{"jsonrpc":"2.0","method":"nope","id":1}]`)
			if rec.Code != http.StatusOK || rec.Body.String() != tc.want {
				t.Errorf("got %d %s, want %s", rec.Code, rec.Body.String(), tc.want)
			}
		})
	}
}

func TestServerHooks(t *testing.T) {
	t.Parallel()
	type key string
	var (
		seenMethod  string
		seenRequest jsonrpc.Request
		finalCode   int
	)
	h := jsonrpc.NewServer(jsonrpc.EndpointCodecMap{
		"echo": {
			Endpoint: func(ctx context.Context, _ any) (any, error) {
				return ctx.Value(key("before")), nil
			},
			Decode: func(ctx context.Context, _ json.RawMessage) (any, error) {
				seenMethod, _ = ctx.Value(jsonrpc.ContextKeyRequestMethod).(string)
				return nil, nil
			},
			Encode: encodeJSON,
		},
	},
		jsonrpc.ServerBefore(func(ctx context.Context, r *http.Request) context.Context {
			return context.WithValue(ctx, key("before"), r.Header.Get("X-B"))
		}),
		jsonrpc.ServerBeforeCodec(func(ctx context.Context, _ *http.Request, req jsonrpc.Request) context.Context {
			seenRequest = req
			return ctx
		}),
		jsonrpc.ServerAfter(httptransport.SetResponseHeader("X-After", "yes")),
		jsonrpc.ServerFinalizer(func(_ context.Context, code int, _ *http.Request) { finalCode = code }),
	)
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"jsonrpc":"2.0","method":"echo","params":[1],"id":"q"}`))
	r.Header.Set("X-B", "bee")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)

	if want := `{"jsonrpc":"2.0","result":"bee","id":"q"}` + "\n"; rec.Body.String() != want {
		t.Errorf("body %s, want %s", rec.Body.String(), want)
	}
	if seenMethod != "echo" || seenRequest.Method != "echo" || seenRequest.JSONRPC != "2.0" || string(seenRequest.Params) != "[1]" {
		t.Errorf("method %q, request %+v", seenMethod, seenRequest)
	}
	if id, err := seenRequest.ID.String(); err != nil || id != "q" {
		t.Errorf("request id %q, %v", id, err)
	}
	if rec.Header().Get("X-After") != "yes" || finalCode != http.StatusOK {
		t.Errorf("after header %q, finalizer code %d", rec.Header().Get("X-After"), finalCode)
	}
}

// TestServerBodyTooLarge: a read error (here from http.MaxBytesHandler) is
// reported as a parse error, not a panic or an empty response.
func TestServerBodyTooLarge(t *testing.T) {
	t.Parallel()
	h := http.MaxBytesHandler(jsonrpc.NewServer(codecs(nil)), 16)
	rec := post(h, "", `{"jsonrpc":"2.0","method":"sum","params":{"A":1,"B":2},"id":1}`)
	var res wireResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.Error == nil || res.Error.Code != jsonrpc.ParseError ||
		!strings.Contains(res.Error.Message, "too large") {
		t.Errorf("got %s (%v)", rec.Body.String(), err)
	}
}

func TestServerDecodeErrorCodes(t *testing.T) {
	t.Parallel()
	coded := jsonrpc.Error{Code: 4001, Message: "coded"}
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"json type error", &json.UnmarshalTypeError{Value: "string", Type: reflect.TypeFor[int]()}, jsonrpc.InvalidParamsError},
		{"wrapped json syntax error", fmt.Errorf("decode: %w", json.Unmarshal([]byte("{"), new(any))), jsonrpc.InvalidParamsError},
		{"own code wins", fmt.Errorf("%w: %w", coded, json.Unmarshal([]byte("{"), new(any))), 4001},
		{"other decoder error", errors.New("no such account"), jsonrpc.InternalError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := jsonrpc.NewServer(jsonrpc.EndpointCodecMap{"m": {
				Endpoint: func(context.Context, any) (any, error) { return nil, nil },
				Decode:   func(context.Context, json.RawMessage) (any, error) { return nil, tt.err },
				Encode:   func(context.Context, any) (json.RawMessage, error) { return nil, nil },
			}})
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"jsonrpc":"2.0","method":"m","id":1}`)))
			var resp jsonrpc.Response
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || resp.Error == nil {
				t.Fatalf("response %s: %v", rec.Body, err)
			}
			if resp.Error.Code != tt.want || resp.Error.Message != tt.err.Error() {
				t.Errorf("error = %+v, want code %d and message %q", resp.Error, tt.want, tt.err)
			}
		})
	}
}

func TestFinalizerSeesBeforeCodecContext(t *testing.T) {
	t.Parallel()
	type key struct{}
	got := make(chan any, 1)
	srv := jsonrpc.NewServer(jsonrpc.EndpointCodecMap{
		"m": {
			Endpoint: func(context.Context, any) (any, error) { return 1, nil },
			Decode:   func(context.Context, json.RawMessage) (any, error) { return nil, nil },
			Encode:   func(_ context.Context, v any) (json.RawMessage, error) { return json.Marshal(v) },
		},
	},
		jsonrpc.ServerBeforeCodec(func(ctx context.Context, _ *http.Request, req jsonrpc.Request) context.Context {
			return context.WithValue(ctx, key{}, req.Method)
		}),
		jsonrpc.ServerFinalizer(func(ctx context.Context, _ int, _ *http.Request) {
			got <- ctx.Value(key{})
		}),
	)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("POST", "/", strings.NewReader(`{"jsonrpc":"2.0","method":"m","id":1}`)))
	if v := <-got; v != "m" {
		t.Fatalf("finalizer saw %v, want the value ServerBeforeCodec set", v)
	}
}
