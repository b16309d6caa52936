// Package jsonrpc carries endpoints over JSON-RPC 2.0 on HTTP
// (https://www.jsonrpc.org/specification).
//
// A Server is an http.Handler for a set of methods, each an EndpointCodec:
// an endpoint with a DecodeRequestFunc for its params and an
// EncodeResponseFunc for its result. Errors become JSON-RPC error
// responses with the standard codes (ParseError, InvalidRequestError,
// MethodNotFoundError, InvalidParamsError, InternalError) or the code of an
// error implementing ErrorCoder. Beyond Go kit, the Server validates the
// "jsonrpc": "2.0" member, answers notifications (requests without an id)
// with no response, and accepts batches (JSON arrays of requests).
//
// A Client calls one remote method; a JSON-RPC error response comes back
// as an Error value.
//
//	package main
//
//	import (
//		"context"
//		"encoding/json"
//		"fmt"
//		"net/http/httptest"
//		"net/url"
//
//		"github.com/seedkit/kit/transport/http/jsonrpc"
//	)
//
//	func main() {
//		sum := jsonrpc.EndpointCodec{
//			Endpoint: func(_ context.Context, req any) (any, error) {
//				ab := req.([2]int)
//				return ab[0] + ab[1], nil
//			},
//			Decode: func(_ context.Context, params json.RawMessage) (any, error) {
//				var ab [2]int
//				err := json.Unmarshal(params, &ab)
//				return ab, err
//			},
//			Encode: func(_ context.Context, res any) (json.RawMessage, error) {
//				return json.Marshal(res)
//			},
//		}
//		srv := httptest.NewServer(jsonrpc.NewServer(jsonrpc.EndpointCodecMap{"sum": sum}))
//		defer srv.Close()
//
//		u, _ := url.Parse(srv.URL)
//		call := jsonrpc.NewClient(u, "sum").Endpoint()
//		res, err := call(context.Background(), [2]int{2, 3})
//		fmt.Println(res, err) // 5 <nil>
//	}
package jsonrpc
