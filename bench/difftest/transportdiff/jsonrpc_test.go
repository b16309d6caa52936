package transportdiff_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	gokithttp "github.com/go-kit/kit/transport/http"
	gokitrpc "github.com/go-kit/kit/transport/http/jsonrpc"
	kithttp "github.com/seedkit/kit/transport/http"
	kitrpc "github.com/seedkit/kit/transport/http/jsonrpc"
)

// Endpoint errors of every shape, shared by both servers.

type codedErr struct{}

func (codedErr) Error() string  { return "coded failure" }
func (codedErr) ErrorCode() int { return -32001 }

type rpcHeaderErr struct{}

func (rpcHeaderErr) Error() string { return "header failure" }
func (rpcHeaderErr) Headers() http.Header {
	return http.Header{"X-Rpc": {"1", "2"}, "Content-Type": {"application/x-rpc"}}
}

type rpcJSONErr struct{}

func (rpcJSONErr) Error() string                { return "marshaler failure" }
func (rpcJSONErr) MarshalJSON() ([]byte, error) { return []byte(`{"custom":true}`), nil }

type rpcStatusErr struct{}

func (rpcStatusErr) Error() string   { return "status failure" }
func (rpcStatusErr) StatusCode() int { return http.StatusTeapot }

type sumParams struct {
	A, B int
}

// rpcMethods returns the behaviour of every method; rpcCodecs turns it into
// each implementation's EndpointCodecMap.
type rpcMethod struct {
	endpoint func(context.Context, any) (any, error)
	decode   func(context.Context, json.RawMessage) (any, error)
	encode   func(context.Context, any) (json.RawMessage, error)
}

func rpcMethods(ev *events, methodKey, idKey any) map[string]rpcMethod {
	decodeSum := func(ctx context.Context, p json.RawMessage) (any, error) {
		ev.add("decode method=%v params=%s", ctx.Value(methodKey), p)
		var s sumParams
		err := json.Unmarshal(p, &s)
		return s, err
	}
	decodeAny := func(ctx context.Context, p json.RawMessage) (any, error) {
		ev.add("decode method=%v params=%s", ctx.Value(methodKey), p)
		return string(p), nil
	}
	encode := func(ctx context.Context, r any) (json.RawMessage, error) {
		ev.add("encode method=%v after=%v", ctx.Value(methodKey), ctx.Value(ctxKey("after")))
		return json.Marshal(r)
	}
	fail := func(err error) rpcMethod {
		return rpcMethod{endpoint: func(context.Context, any) (any, error) { return nil, err }, decode: decodeAny, encode: encode}
	}
	return map[string]rpcMethod{
		"sum": {endpoint: func(ctx context.Context, req any) (any, error) {
			s := req.(sumParams)
			ev.add("endpoint method=%v before=%v", ctx.Value(methodKey), ctx.Value(ctxKey("before")))
			return s.A + s.B, nil
		}, decode: decodeSum, encode: encode},
		"echo":     {endpoint: func(_ context.Context, req any) (any, error) { return req, nil }, decode: decodeAny, encode: encode},
		"nil":      {endpoint: func(context.Context, any) (any, error) { return nil, nil }, decode: decodeAny, encode: func(context.Context, any) (json.RawMessage, error) { return nil, nil }},
		"plain":    fail(errors.New("plain failure")),
		"empty":    fail(errors.New("")),
		"coded":    fail(codedErr{}),
		"head":     fail(rpcHeaderErr{}),
		"json":     fail(rpcJSONErr{}),
		"stat":     fail(rpcStatusErr{}),
		"rpcerr":   fail(kitrpc.Error{Code: -32050, Message: "kit rpc error", Data: map[string]int{"n": 1}}),
		"gokiterr": fail(gokitrpc.Error{Code: -32050, Message: "gokit rpc error", Data: map[string]int{"n": 1}}),
		"baddecode": {endpoint: func(context.Context, any) (any, error) { return nil, nil }, decode: func(context.Context, json.RawMessage) (any, error) {
			return nil, errors.New("cannot decode params")
		}, encode: encode},
		"codeddecode": {endpoint: func(context.Context, any) (any, error) { return nil, nil }, decode: func(context.Context, json.RawMessage) (any, error) {
			return nil, codedErr{}
		}, encode: encode},
		"badencode": {endpoint: func(context.Context, any) (any, error) { return 1, nil }, decode: decodeAny, encode: func(context.Context, any) (json.RawMessage, error) {
			return nil, errors.New("cannot encode result")
		}},
	}
}

type rpcOpts struct {
	hooks  bool // before, beforeCodec, after, finalizer, logger
	errEnc bool
}

func kitRPCServer(ev *events, o rpcOpts) http.Handler {
	ecm := kitrpc.EndpointCodecMap{}
	for name, m := range rpcMethods(ev, kitrpc.ContextKeyRequestMethod, nil) {
		ecm[name] = kitrpc.EndpointCodec{Endpoint: m.endpoint, Decode: m.decode, Encode: m.encode}
	}
	var opts []kitrpc.ServerOption
	if o.hooks {
		opts = append(opts,
			kitrpc.ServerBefore(beforeValue("b")),
			kitrpc.ServerBeforeCodec(func(ctx context.Context, r *http.Request, req kitrpc.Request) context.Context {
				id, _ := json.Marshal(req.ID)
				ev.add("beforeCodec method=%s params=%s id=%s jsonrpc=%q before=%v", req.Method, req.Params, id, req.JSONRPC, ctx.Value(ctxKey("before")))
				return ctx
			}),
			kitrpc.ServerAfter(afterHeader("X-After", "a")),
			kitrpc.ServerFinalizer(func(ctx context.Context, code int, r *http.Request) {
				ev.add("final code=%d before=%v", code, ctx.Value(ctxKey("before")))
			}),
			kitrpc.ServerErrorLogger(recLogger{ev}),
		)
	}
	if o.errEnc {
		opts = append(opts, kitrpc.ServerErrorEncoder(customRPCErrorEncoder))
	}
	return kitrpc.NewServer(ecm, opts...)
}

func gokitRPCServer(ev *events, o rpcOpts) http.Handler {
	ecm := gokitrpc.EndpointCodecMap{}
	for name, m := range rpcMethods(ev, gokitrpc.ContextKeyRequestMethod, nil) {
		ecm[name] = gokitrpc.EndpointCodec{Endpoint: m.endpoint, Decode: m.decode, Encode: m.encode}
	}
	var opts []gokitrpc.ServerOption
	if o.hooks {
		opts = append(opts,
			gokitrpc.ServerBefore(beforeValue("b")),
			gokitrpc.ServerBeforeCodec(func(ctx context.Context, r *http.Request, req gokitrpc.Request) context.Context {
				id, _ := json.Marshal(req.ID)
				ev.add("beforeCodec method=%s params=%s id=%s jsonrpc=%q before=%v", req.Method, req.Params, id, req.JSONRPC, ctx.Value(ctxKey("before")))
				return ctx
			}),
			gokitrpc.ServerAfter(afterHeader("X-After", "a")),
			gokitrpc.ServerFinalizer(func(ctx context.Context, code int, r *http.Request) {
				ev.add("final code=%d before=%v", code, ctx.Value(ctxKey("before")))
			}),
			gokitrpc.ServerErrorLogger(recLogger{ev}),
		)
	}
	if o.errEnc {
		opts = append(opts, gokitrpc.ServerErrorEncoder(customRPCErrorEncoder))
	}
	return gokitrpc.NewServer(ecm, opts...)
}

func customRPCErrorEncoder(ctx context.Context, err error, w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, `{"jsonrpc":"2.0","error":{"code":-32000,"message":%q},"id":null}`, err.Error())
}

// rpcSnapshot is a response with its body parsed as JSON (nil if it is
// not JSON).
type rpcSnapshot struct {
	snapshot
	JSON any
}

func rpcRecord(h http.Handler, method, body string) rpcSnapshot {
	s := record(h, httptest.NewRequest(method, "/rpc", strings.NewReader(body)))
	var v any
	d := json.NewDecoder(strings.NewReader(s.Body))
	d.UseNumber()
	if d.Decode(&v) != nil {
		v = nil
	}
	return rpcSnapshot{s, v}
}

func rpcError(v any) map[string]any {
	m, _ := v.(map[string]any)
	e, _ := m["error"].(map[string]any)
	return e
}

func TestJSONRPCServer(t *testing.T) {
	t.Parallel()
	const v = `"jsonrpc":"2.0",`
	cases := []struct {
		name           string
		body           string
		opts           rpcOpts
		wantKitMessage string
		// kitOnly checks a documented difference on kit's response and
		// rewrites it into Go kit's form before the comparison.
		kitOnly func(t *testing.T, k *rpcSnapshot)
	}{
		{name: "sum", body: `{` + v + `"method":"sum","params":{"A":2,"B":3},"id":1}`},
		{name: "sum hooks", body: `{` + v + `"method":"sum","params":{"A":2,"B":3},"id":"abc"}`, opts: rpcOpts{hooks: true}},
		{name: "sum string id", body: `{` + v + `"method":"sum","params":{"A":2,"B":3},"id":"x\u00e9\n"}`},
		{name: "sum float id", body: `{` + v + `"method":"sum","params":{"A":2,"B":3},"id":1.5}`},
		{name: "sum negative id", body: `{` + v + `"method":"sum","params":{"A":2,"B":3},"id":-7}`},
		{name: "sum null id", body: `{` + v + `"method":"sum","params":{"A":2,"B":3},"id":null}`},
		{name: "params array", body: `{` + v + `"method":"echo","params":[1,"a",null],"id":2}`},
		{name: "no params", body: `{` + v + `"method":"echo","id":2}`, opts: rpcOpts{hooks: true}},
		{name: "null params", body: `{` + v + `"method":"echo","params":null,"id":2}`},
		// Documented: kit answers "result": null where Go kit sends neither
		// result nor error.
		{name: "nil result", body: `{` + v + `"method":"nil","id":3}`, kitOnly: func(t *testing.T, k *rpcSnapshot) {
			m := k.JSON.(map[string]any)
			if r, ok := m["result"]; !ok || r != nil {
				t.Errorf("kit result %v, %v", r, ok)
			}
			delete(m, "result")
		}},
		{name: "whitespace", body: " \n\t{" + v + `"method":"sum","params":{"A":1,"B":1},"id":4}` + "\n "},
		{name: "member order", body: `{"id":5,"params":{"A":1,"B":1},"method":"sum","jsonrpc":"2.0"}`},
		{name: "unknown method", body: `{` + v + `"method":"nope","id":6}`},
		{name: "unknown method hooks", body: `{` + v + `"method":"nope","id":6}`, opts: rpcOpts{hooks: true}},
		{name: "plain error", body: `{` + v + `"method":"plain","id":7}`, opts: rpcOpts{hooks: true}},
		// Documented: kit sends the code's standard message for an empty one.
		{name: "empty error", body: `{` + v + `"method":"empty","id":7}`, kitOnly: setMessage(""), wantKitMessage: "Internal JSON-RPC error."},
		{name: "coded error", body: `{` + v + `"method":"coded","id":7}`},
		// Documented: kit keeps every value of a Headerer's header.
		{name: "headerer error", body: `{` + v + `"method":"head","id":7}`, kitOnly: func(t *testing.T, k *rpcSnapshot) {
			same(t, "kit X-Rpc", k.Header["X-Rpc"], []string{"1", "2"})
			k.Header["X-Rpc"] = k.Header["X-Rpc"][:1]
		}},
		{name: "marshaler error", body: `{` + v + `"method":"json","id":7}`},
		{name: "status coder error", body: `{` + v + `"method":"stat","id":7}`},
		// Documented: kit sends an Error's Data; Go kit drops it.
		{name: "kit Error", body: `{` + v + `"method":"rpcerr","id":7}`, kitOnly: func(t *testing.T, k *rpcSnapshot) {
			e := rpcError(k.JSON)
			same(t, "kit data", fmt.Sprint(e["data"]), "map[n:1]")
			delete(e, "data")
		}},
		{name: "gokit Error", body: `{` + v + `"method":"gokiterr","id":7}`},
		{name: "coded decode error", body: `{` + v + `"method":"codeddecode","id":8}`},
		{name: "decode error", body: `{` + v + `"method":"baddecode","id":8}`},
		// Documented: params that do not decode as JSON are InvalidParamsError
		// (-32602), as the specification says; Go kit answers InternalError.
		{name: "sum bad params", body: `{` + v + `"method":"sum","params":"x","id":8}`, kitOnly: invalidParamsCode},
		{name: "encode error", body: `{` + v + `"method":"badencode","id":9}`, opts: rpcOpts{hooks: true}},
		{name: "custom error encoder", body: `{` + v + `"method":"plain","id":10}`, opts: rpcOpts{errEnc: true}},
		// Documented: ParseError messages share Go kit's prefix only.
		{name: "parse error", body: `{"jsonrpc":`, opts: rpcOpts{hooks: true}, kitOnly: parseMessage},
		{name: "parse error custom encoder", body: `{"jsonrpc":`, opts: rpcOpts{errEnc: true}, kitOnly: parseMessage},
		{name: "empty body", body: ``, kitOnly: parseMessage},
		{name: "wrong content", body: `{` + v + `"method":"sum","params":{"A":2,"B":3},"id":1}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var kev, gev events
			k := rpcRecord(kitRPCServer(&kev, tc.opts), http.MethodPost, tc.body)
			g := rpcRecord(gokitRPCServer(&gev, tc.opts), http.MethodPost, tc.body)
			t.Logf("kit:   %s", k.snapshot)
			t.Logf("gokit: %s", g.snapshot)
			if tc.wantKitMessage != "" {
				same(t, "kit message", rpcError(k.JSON)["message"], tc.wantKitMessage)
			}
			if tc.kitOnly != nil {
				tc.kitOnly(t, &k)
				if e := rpcError(k.JSON); e != nil && e["message"] == "GOKIT" {
					e["message"] = rpcError(g.JSON)["message"]
				}
				if e := rpcError(k.JSON); e != nil && e["code"] == "GOKIT" {
					e["code"] = rpcError(g.JSON)["code"]
				}
				if tc.name == "parse error" || tc.name == "parse error custom encoder" || tc.name == "empty body" {
					// The log line carries the message whose tail differs.
					kev.list, gev.list = nil, nil
				}
			}
			same(t, "status", k.Code, g.Code)
			same(t, "header", k.Header, g.Header)
			same(t, "JSON body", k.JSON, g.JSON)
			if k.JSON == nil {
				same(t, "raw body", k.Body, g.Body)
			}
			same(t, "hook events", kev.get(), gev.get())
		})
	}
}

func setMessage(m string) func(*testing.T, *rpcSnapshot) {
	return func(_ *testing.T, k *rpcSnapshot) { rpcError(k.JSON)["message"] = m }
}

// parseMessage checks kit's ParseError message prefix and copies in Go
// kit's, which is json.Decoder's wording.
func parseMessage(t *testing.T, k *rpcSnapshot) {
	e := rpcError(k.JSON)
	msg, _ := e["message"].(string)
	if !strings.HasPrefix(msg, "JSON could not be decoded: ") {
		t.Errorf("kit parse error message %q", msg)
	}
	e["message"] = "GOKIT"
}

func TestJSONRPCNotPost(t *testing.T) {
	t.Parallel()
	k := rpcRecord(kitRPCServer(new(events), rpcOpts{}), http.MethodGet, "")
	g := rpcRecord(gokitRPCServer(new(events), rpcOpts{}), http.MethodGet, "")
	t.Logf("kit:   %s", k.snapshot)
	t.Logf("gokit: %s", g.snapshot)
	// Documented: kit adds the Allow header RFC 9110 asks of a 405.
	same(t, "kit Allow", k.Header.Get("Allow"), "POST")
	k.Header.Del("Allow")
	same(t, "status", k.Code, g.Code)
	same(t, "header", k.Header, g.Header)
	same(t, "body", k.Body, g.Body)
}

var _ = bytes.MinRead
var _ = io.EOF
var _ = reflect.DeepEqual
var _ kithttp.StatusCoder
var _ gokithttp.StatusCoder

// invalidParamsCode checks kit's documented InvalidParamsError for params
// that do not decode, then lets the comparison take Go kit's code.
func invalidParamsCode(t *testing.T, k *rpcSnapshot) {
	e := rpcError(k.JSON)
	if fmt.Sprint(e["code"]) != "-32602" {
		t.Errorf("kit code %v, want -32602", e["code"])
	}
	e["code"] = "GOKIT"
}
