package transportdiff_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	gokitrpc "github.com/go-kit/kit/transport/http/jsonrpc"
	kitrpc "github.com/seedkit/kit/transport/http/jsonrpc"
)

func TestJSONRPCConstants(t *testing.T) {
	t.Parallel()
	same(t, "codes",
		[]int{kitrpc.ParseError, kitrpc.InvalidRequestError, kitrpc.MethodNotFoundError, kitrpc.InvalidParamsError, kitrpc.InternalError},
		[]int{gokitrpc.ParseError, gokitrpc.InvalidRequestError, gokitrpc.MethodNotFoundError, gokitrpc.InvalidParamsError, gokitrpc.InternalError})
	same(t, "Version", kitrpc.Version, gokitrpc.Version)
	same(t, "ContentType", kitrpc.ContentType, gokitrpc.ContentType)
	same(t, "ContextKeyRequestMethod", fmt.Sprint(kitrpc.ContextKeyRequestMethod), fmt.Sprint(gokitrpc.ContextKeyRequestMethod))
}

func TestJSONRPCErrorMessage(t *testing.T) {
	t.Parallel()
	for _, code := range []int{-32700, -32600, -32601, -32602, -32603, -32000, -32001, -32050, -32099, -32100, -31999, -32768, -32604, 0, 1, 42} {
		same(t, fmt.Sprintf("ErrorMessage(%d)", code), kitrpc.ErrorMessage(code), gokitrpc.ErrorMessage(code))
	}
}

func TestJSONRPCErrorType(t *testing.T) {
	t.Parallel()
	for _, e := range []struct {
		code int
		msg  string
		data any
	}{
		{-32603, "boom", nil}, {-32601, "", nil}, {-32050, "", 1}, {7, "", nil}, {7, "seven", "d"},
	} {
		k := kitrpc.Error{Code: e.code, Message: e.msg, Data: e.data}
		g := gokitrpc.Error{Code: e.code, Message: e.msg, Data: e.data}
		same(t, fmt.Sprintf("Error() of %+v", e), k.Error(), g.Error())
		same(t, fmt.Sprintf("ErrorCode() of %+v", e), k.ErrorCode(), g.ErrorCode())
		kj, _ := json.Marshal(k)
		gj, _ := json.Marshal(g)
		same(t, fmt.Sprintf("JSON of %+v", e), string(kj), string(gj))
	}
	// Request and Response marshal alike.
	var kid, gid = new(kitrpc.RequestID), new(gokitrpc.RequestID)
	_ = kid.UnmarshalJSON([]byte(`3`))
	_ = gid.UnmarshalJSON([]byte(`3`))
	kr, _ := json.Marshal(kitrpc.Request{JSONRPC: "2.0", Method: "m", Params: json.RawMessage(`[1]`), ID: kid})
	gr, _ := json.Marshal(gokitrpc.Request{JSONRPC: "2.0", Method: "m", Params: json.RawMessage(`[1]`), ID: gid})
	same(t, "Request JSON", string(kr), string(gr))
	kr, _ = json.Marshal(kitrpc.Response{JSONRPC: "2.0", Result: json.RawMessage(`{"a":1}`), ID: kid})
	gr, _ = json.Marshal(gokitrpc.Response{JSONRPC: "2.0", Result: json.RawMessage(`{"a":1}`), ID: gid})
	same(t, "Response JSON", string(kr), string(gr))
	kr, _ = json.Marshal(kitrpc.Response{JSONRPC: "2.0", Error: &kitrpc.Error{Code: 1, Message: "m"}})
	gr, _ = json.Marshal(gokitrpc.Response{JSONRPC: "2.0", Error: &gokitrpc.Error{Code: 1, Message: "m"}})
	same(t, "error Response JSON", string(kr), string(gr))
}

// idView is everything observable about a RequestID.
type idView struct {
	UnmarshalOK bool
	Int         string
	Float32     string
	String      string
	JSON        string
}

func viewOf(err error, i int, ierr error, f float32, ferr error, s string, serr error, j []byte, jerr error) idView {
	v := idView{UnmarshalOK: err == nil}
	v.Int = "error"
	if ierr == nil {
		v.Int = fmt.Sprint(i)
	}
	v.Float32 = "error"
	if ferr == nil {
		v.Float32 = fmt.Sprint(f)
	}
	v.String = "error"
	if serr == nil {
		v.String = fmt.Sprintf("%q", s)
	}
	v.JSON = "error"
	if jerr == nil {
		var x any
		if json.Unmarshal(j, &x) == nil {
			if f, ok := x.(float64); ok {
				x = f + 0 // -0 and 0 are the same id
			}
			v.JSON = fmt.Sprintf("%#v", x) // semantic: 1 and 1.0 are the same number
		} else {
			v.JSON = "invalid " + string(j)
		}
	}
	return v
}

func kitID(in string) idView {
	var id kitrpc.RequestID
	err := id.UnmarshalJSON([]byte(in))
	i, ierr := id.Int()
	f, ferr := id.Float32()
	s, serr := id.String()
	j, jerr := id.MarshalJSON()
	return viewOf(err, i, ierr, f, ferr, s, serr, j, jerr)
}

func gokitID(in string) idView {
	var id gokitrpc.RequestID
	err := id.UnmarshalJSON([]byte(in))
	i, ierr := id.Int()
	f, ferr := id.Float32()
	s, serr := id.String()
	j, jerr := id.MarshalJSON()
	return viewOf(err, i, ierr, f, ferr, s, serr, j, jerr)
}

func TestJSONRPCRequestID(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in string
		// kit documents a different result for input Go kit mishandles;
		// want is kit's then.
		want *idView
		why  string
	}{
		{in: `1`}, {in: `-1`}, {in: `0`}, {in: `42`}, {in: `2147483648`},
		{in: `"abc"`}, {in: `"1"`}, {in: `""`}, {in: `"\u00e9"`},
		{in: `1.5`}, {in: `-0.25`},
		{in: `1.0`}, {in: `1e2`}, {in: `-0`}, {in: ` 7 `},
		// Documented kit differences, for input Go kit mishandles:
		// Go kit keeps a number as a float32, so a large id loses digits and
		// is echoed as another number; kit echoes it exactly.
		{in: `12345678901234567890`, want: &idView{true, "error", "1.2345679e+19", "error", "1.2345678901234567e+19"}, why: "large id"},
		// Beyond float32 Go kit marshals the id as the string "".
		{in: `1e40`, want: &idView{true, "error", "error", "error", "1e+40"}, why: "id beyond float32"},
		// null: Go kit's id then reads as the number 0 (and the empty
		// string) and marshals as 0; kit's is the null id.
		{in: `null`, want: &idView{true, "error", "error", "error", "<nil>"}, why: "null id"},
		// Other JSON kinds are not ids: Go kit accepts them and marshals
		// them as the string ""; kit's UnmarshalJSON fails.
		{in: `true`, want: &idView{false, "error", "error", "error", "<nil>"}, why: "boolean id"},
		{in: `{}`, want: &idView{false, "error", "error", "error", "<nil>"}, why: "object id"},
		{in: `[1]`, want: &idView{false, "error", "error", "error", "<nil>"}, why: "array id"},
		{in: ``, want: &idView{false, "error", "error", "error", "<nil>"}, why: "empty input"},
	}
	for _, tc := range cases {
		k, g := kitID(tc.in), gokitID(tc.in)
		t.Logf("%-22s kit %+v gokit %+v", tc.in, k, g)
		if tc.want == nil {
			same(t, "RequestID "+tc.in, k, g)
			continue
		}
		if k != *tc.want {
			t.Errorf("kit RequestID %s (%s): %+v, want %+v", tc.in, tc.why, k, *tc.want)
		}
	}
	// A nil *RequestID: Go kit's MarshalJSON panics, kit's gives null.
	var kn *kitrpc.RequestID
	var gn *gokitrpc.RequestID
	kb, kerr := kn.MarshalJSON()
	if string(kb) != "null" || kerr != nil {
		t.Errorf("kit nil id: %s %v", kb, kerr)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Go kit's nil RequestID marshaled without a panic")
			}
		}()
		_, _ = gn.MarshalJSON()
	}()
}

// rpcBackend answers every JSON-RPC call with reply and records the
// requests it receives.
func rpcBackend(t *testing.T, status int, reply string) (*url.URL, func() []string) {
	var mu sync.Mutex
	var got []string
	u := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var v any
		_ = json.Unmarshal(b, &v)
		mu.Lock()
		got = append(got, fmt.Sprintf("%s %s ct=%q x=%q body=%#v", r.Method, r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("X-Before"), v))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Resp", "r")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, reply)
	}))
	return u, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), got...)
	}
}

type stringIDs struct{ n int }

func (g *stringIDs) Generate() any { g.n++; return fmt.Sprintf("id-%d", g.n) }

func TestJSONRPCClient(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		status int
		reply  string
		req    any
		opts   string // "", "ids", "strings", "codec"
	}{
		{"result", 200, `{"jsonrpc":"2.0","result":{"a":[1,2.5,"x"]},"id":0}`, map[string]int{"a": 1}, ""},
		{"nil params", 200, `{"jsonrpc":"2.0","result":5,"id":0}`, nil, ""},
		{"auto increment", 200, `{"jsonrpc":"2.0","result":5,"id":0}`, []int{1, 2}, "ids"},
		{"string ids", 200, `{"jsonrpc":"2.0","result":"s","id":"id-1"}`, "p", "strings"},
		{"codec", 200, `{"jsonrpc":"2.0","result":[3],"id":0}`, 3, "codec"},
		{"error response", 200, `{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method m was not found."},"id":0}`, 1, ""},
		{"error response with data", 200, `{"jsonrpc":"2.0","error":{"code":7,"message":"","data":{"k":"v"}},"id":0}`, 1, ""},
		{"codec error response", 200, `{"jsonrpc":"2.0","error":{"code":7,"message":"e"},"id":0}`, 1, "codec"},
		{"unencodable params", 200, `{}`, make(chan int), ""},
		// Documented: for a reply that is not a JSON-RPC response kit wraps
		// the decoding error (errors.Is/As still reach it) with the HTTP
		// status; Go kit returns the bare decoding error.
		{"html error page", 502, `<html>bad gateway</html>`, 1, "wrapped"},
		{"empty reply", 200, ``, 1, "wrapped"},
		{"trailing data", 200, `{"jsonrpc":"2.0","result":1,"id":0} junk`, 1, ""},
		{"null result", 200, `{"jsonrpc":"2.0","result":null,"id":0}`, 1, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			run := func(kit bool) (string, []string, []string) {
				u, got := rpcBackend(t, tc.status, tc.reply)
				var ev events
				var call func(context.Context, any) (any, error)
				before := clientBefore(&ev)
				after := clientAfter(&ev)
				enc := func(_ context.Context, r any) (json.RawMessage, error) {
					ev.add("enc %v", r)
					return json.Marshal([]any{r})
				}
				if kit {
					opts := []kitrpc.ClientOption{kitrpc.ClientBefore(before), kitrpc.ClientAfter(after),
						kitrpc.ClientFinalizer(func(ctx context.Context, err error) { ev.add("final %v", err) })}
					switch tc.opts {
					case "ids":
						opts = append(opts, kitrpc.ClientRequestIDGenerator(kitrpc.NewAutoIncrementID(5)))
					case "strings":
						opts = append(opts, kitrpc.ClientRequestIDGenerator(&stringIDs{}))
					case "codec":
						opts = append(opts, kitrpc.ClientRequestEncoder(enc), kitrpc.ClientResponseDecoder(func(_ context.Context, r kitrpc.Response) (any, error) {
							id, _ := json.Marshal(r.ID)
							return fmt.Sprintf("dec %s %s %s %v", r.JSONRPC, r.Result, id, r.Error), nil
						}))
					}
					call = kitrpc.NewClient(u, "m", opts...).Endpoint()
				} else {
					opts := []gokitrpc.ClientOption{gokitrpc.ClientBefore(before), gokitrpc.ClientAfter(after),
						gokitrpc.ClientFinalizer(func(ctx context.Context, err error) { ev.add("final %v", err) })}
					switch tc.opts {
					case "ids":
						opts = append(opts, gokitrpc.ClientRequestIDGenerator(gokitrpc.NewAutoIncrementID(5)))
					case "strings":
						opts = append(opts, gokitrpc.ClientRequestIDGenerator(&stringIDs{}))
					case "codec":
						opts = append(opts, gokitrpc.ClientRequestEncoder(enc), gokitrpc.ClientResponseDecoder(func(_ context.Context, r gokitrpc.Response) (any, error) {
							id, _ := json.Marshal(r.ID)
							return fmt.Sprintf("dec %s %s %s %v", r.JSONRPC, r.Result, id, r.Error), nil
						}))
					}
					call = gokitrpc.NewClient(u, "m", opts...).Endpoint()
				}
				var out []string
				for range 2 {
					res, err := call(testContext(t), tc.req)
					out = append(out, fmt.Sprintf("%#v / %v / %T", res, err, err))
				}
				res := strings.Join(out, "\n")
				res = strings.ReplaceAll(res, "jsonrpc.Error", "ERR")
				evs := ev.get()
				for i := range evs {
					evs[i] = strings.ReplaceAll(evs[i], u.Host, "HOST")
				}
				return res, evs, got()
			}
			kres, kev, kgot := run(true)
			gres, gev, ggot := run(false)
			if tc.opts == "wrapped" {
				prefix := regexp.MustCompile(`jsonrpc: decode response \(HTTP status \d+\): `)
				if !prefix.MatchString(kres) {
					t.Errorf("kit error not wrapped: %s", kres)
				}
				kres = prefix.ReplaceAllString(kres, "")
				for i := range kev {
					kev[i] = prefix.ReplaceAllString(kev[i], "")
				}
				kres = strings.ReplaceAll(kres, "*fmt.wrapError", "T")
				gres = regexp.MustCompile(`(?m)\*[a-z]+\.[A-Za-z]+$`).ReplaceAllString(gres, "T")
			}
			t.Logf("kit: %s %q %q", kres, kev, kgot)
			same(t, "results", kres, gres)
			same(t, "hook events", kev, gev)
			same(t, "requests seen", kgot, ggot)
		})
	}
}
