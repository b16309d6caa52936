// Package http binds endpoints to HTTP: a Server turns an endpoint into an
// http.Handler, and a Client turns a remote HTTP endpoint into an
// endpoint.Endpoint. Users usually import it as httptransport.
//
// A Server runs, for every request, its ServerBefore functions, the
// DecodeRequestFunc, the endpoint, its ServerAfter functions and the
// EncodeResponseFunc; any error goes to the ErrorHandler and then the
// ErrorEncoder (DefaultErrorEncoder by default, which honours StatusCoder,
// Headerer and json.Marshaler errors, wrapped or not). A Client runs the
// mirror image: create or encode the request, ClientBefore, send,
// ClientAfter, decode. Finalizers on both sides see every call's outcome.
//
// The JSON helpers (EncodeJSONRequest, EncodeJSONResponse) cover the common
// case; decoding is left to the service, which knows its types:
//
//	package main
//
//	import (
//		"context"
//		"encoding/json"
//		"net/http"
//		"strings"
//
//		httptransport "github.com/seedkit/kit/transport/http"
//	)
//
//	type upperRequest struct{ S string }
//	type upperResponse struct{ V string }
//
//	func upper(_ context.Context, request any) (any, error) {
//		return upperResponse{strings.ToUpper(request.(upperRequest).S)}, nil
//	}
//
//	func decodeUpper(_ context.Context, r *http.Request) (any, error) {
//		var req upperRequest
//		// Limit what a client may send; DefaultErrorEncoder answers 413.
//		body := http.MaxBytesReader(nil, r.Body, 1<<20)
//		if err := json.NewDecoder(body).Decode(&req); err != nil {
//			return nil, err
//		}
//		return req, nil
//	}
//
//	func main() {
//		http.Handle("/upper", httptransport.NewServer(upper, decodeUpper, httptransport.EncodeJSONResponse))
//		_ = http.ListenAndServe(":8080", nil)
//	}
//
// Servers do not recover panics: net/http does, per request, and keeps
// serving; add a recovering endpoint middleware to answer with an error
// instead.
package http
