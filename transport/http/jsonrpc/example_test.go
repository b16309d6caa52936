package jsonrpc_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/seedkit/kit/transport/http/jsonrpc"
)

func exampleCodecs() jsonrpc.EndpointCodecMap {
	return jsonrpc.EndpointCodecMap{
		"sum": {
			Endpoint: func(_ context.Context, req any) (any, error) {
				ab := req.([2]int)
				return ab[0] + ab[1], nil
			},
			Decode: func(_ context.Context, params json.RawMessage) (any, error) {
				var ab [2]int
				err := json.Unmarshal(params, &ab)
				return ab, err
			},
			Encode: func(_ context.Context, res any) (json.RawMessage, error) {
				return json.Marshal(res)
			},
		},
	}
}

// A server and a client over a local httptest server.
func Example() {
	srv := httptest.NewServer(jsonrpc.NewServer(exampleCodecs()))
	defer srv.Close()

	u, _ := url.Parse(srv.URL)
	sum := jsonrpc.NewClient(u, "sum").Endpoint()
	res, err := sum(context.Background(), [2]int{2, 3})
	fmt.Println(res, err)

	// Unknown methods come back as a jsonrpc.Error.
	_, err = jsonrpc.NewClient(u, "product").Endpoint()(context.Background(), [2]int{2, 3})
	var rpcErr jsonrpc.Error
	if errors.As(err, &rpcErr) {
		fmt.Println(rpcErr.Code, rpcErr.Message)
	}
	// Output:
	// 5 <nil>
	// -32601 Method product was not found.
}

// A batch holds several requests; notifications (no id) get no response.
func ExampleServer_batch() {
	h := jsonrpc.NewServer(exampleCodecs())
	body := `[
		{"jsonrpc": "2.0", "method": "sum", "params": [1, 2], "id": 1},
		{"jsonrpc": "2.0", "method": "sum", "params": [3, 4]},
		{"jsonrpc": "2.0", "method": "sum", "params": "oops", "id": "b"}
	]`
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)))
	fmt.Print(rec.Body.String())
	// Output:
	// [{"jsonrpc":"2.0","result":3,"id":1},{"jsonrpc":"2.0","error":{"code":-32602,"message":"json: cannot unmarshal string into Go value of type [2]int"},"id":"b"}]
}

// A service error chooses its code by implementing ErrorCoder.
func ExampleErrorCoder() {
	h := jsonrpc.NewServer(jsonrpc.EndpointCodecMap{
		"withdraw": {
			Endpoint: func(context.Context, any) (any, error) {
				return nil, fmt.Errorf("withdraw: %w", jsonrpc.Error{Code: 1001, Message: "insufficient funds", Data: map[string]int{"balance": 3}})
			},
			Decode: func(context.Context, json.RawMessage) (any, error) { return nil, nil },
			Encode: func(_ context.Context, res any) (json.RawMessage, error) { return json.Marshal(res) },
		},
	})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/",
		strings.NewReader(`{"jsonrpc":"2.0","method":"withdraw","id":"w1"}`)))
	b, _ := io.ReadAll(rec.Body)
	fmt.Print(rec.Code, " ", string(b))
	// Output:
	// 200 {"jsonrpc":"2.0","error":{"code":1001,"message":"withdraw: insufficient funds","data":{"balance":3}},"id":"w1"}
}

func ExampleRequestID() {
	var req jsonrpc.Request
	_ = json.Unmarshal([]byte(`{"jsonrpc":"2.0","method":"m","id":"req-7"}`), &req)
	s, err := req.ID.String()
	fmt.Println(s, err)
	_, err = req.ID.Int()
	fmt.Println(err != nil)
	// Output:
	// req-7 <nil>
	// true
}
