package apicompat_test

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/http/jsonrpc"
)

// Constants: a variable initialised from each has the listed type.
var (
	_ *string = ptr(jsonrpc.ContentType)
	_ *string = ptr(jsonrpc.Version)
	_ *int    = ptr(jsonrpc.InternalError)
	_ *int    = ptr(jsonrpc.InvalidParamsError)
	_ *int    = ptr(jsonrpc.InvalidRequestError)
	_ *int    = ptr(jsonrpc.MethodNotFoundError)
	_ *int    = ptr(jsonrpc.ParseError)
)

// Interfaces, checked both ways.
type (
	errorCoder         = interface{ ErrorCode() int }
	requestIDGenerator = interface{ Generate() any }
)

var (
	_ jsonrpc.ErrorCoder         = errorCoder(nil)
	_ errorCoder                 = jsonrpc.ErrorCoder(nil)
	_ jsonrpc.RequestIDGenerator = requestIDGenerator(nil)
	_ requestIDGenerator         = jsonrpc.RequestIDGenerator(nil)
)

// Structs whose fields are all exported: conversion from an anonymous struct
// proves field names, types and order, and that there are no other fields
// (tags are ignored by conversions).
var (
	_ = jsonrpc.EndpointCodec(struct {
		Endpoint endpoint.Endpoint
		Decode   jsonrpc.DecodeRequestFunc
		Encode   jsonrpc.EncodeResponseFunc
	}{})
	_ = jsonrpc.Error(struct {
		Code    int
		Message string
		Data    any
	}{})
	_ = jsonrpc.Request(struct {
		JSONRPC string
		Method  string
		Params  json.RawMessage
		ID      *jsonrpc.RequestID
	}{})
	_ = jsonrpc.Response(struct {
		JSONRPC string
		Result  json.RawMessage
		Error   *jsonrpc.Error
		ID      *jsonrpc.RequestID
	}{})
	_ = jsonrpc.Error{Code: 1, Message: "", Data: nil}
	_ = jsonrpc.EndpointCodecMap{"m": jsonrpc.EndpointCodec{Endpoint: endpoint.Nop}}
	// type EndpointCodecMap map[string]EndpointCodec
	_ = (*map[string]jsonrpc.EndpointCodec)((*jsonrpc.EndpointCodecMap)(nil))
)

// Defined func types, converted both ways.
var (
	_ jsonrpc.ClientOption                                                  = func(*jsonrpc.Client) {}
	_ func(*jsonrpc.Client)                                                 = jsonrpc.ClientOption(nil)
	_ jsonrpc.DecodeRequestFunc                                             = func(context.Context, json.RawMessage) (any, error) { return nil, nil }
	_ func(context.Context, json.RawMessage) (any, error)                   = jsonrpc.DecodeRequestFunc(nil)
	_ jsonrpc.DecodeResponseFunc                                            = func(context.Context, jsonrpc.Response) (any, error) { return nil, nil }
	_ func(context.Context, jsonrpc.Response) (any, error)                  = jsonrpc.DecodeResponseFunc(nil)
	_ jsonrpc.EncodeRequestFunc                                             = func(context.Context, any) (json.RawMessage, error) { return nil, nil }
	_ func(context.Context, any) (json.RawMessage, error)                   = jsonrpc.EncodeRequestFunc(nil)
	_ jsonrpc.EncodeResponseFunc                                            = func(context.Context, any) (json.RawMessage, error) { return nil, nil }
	_ func(context.Context, any) (json.RawMessage, error)                   = jsonrpc.EncodeResponseFunc(nil)
	_ jsonrpc.RequestFunc                                                   = func(context.Context, *http.Request, jsonrpc.Request) context.Context { return nil }
	_ func(context.Context, *http.Request, jsonrpc.Request) context.Context = jsonrpc.RequestFunc(nil)
	_ jsonrpc.ServerOption                                                  = func(*jsonrpc.Server) {}
	_ func(*jsonrpc.Server)                                                 = jsonrpc.ServerOption(nil)
)

// Methods.
var (
	_ func(jsonrpc.Client) endpoint.Endpoint                   = jsonrpc.Client.Endpoint
	_ func(jsonrpc.Error) string                               = jsonrpc.Error.Error
	_ func(jsonrpc.Error) int                                  = jsonrpc.Error.ErrorCode
	_ error                                                    = jsonrpc.Error{}
	_ jsonrpc.ErrorCoder                                       = jsonrpc.Error{}
	_ func(*jsonrpc.RequestID) (float32, error)                = (*jsonrpc.RequestID).Float32
	_ func(*jsonrpc.RequestID) (int, error)                    = (*jsonrpc.RequestID).Int
	_ func(*jsonrpc.RequestID) ([]byte, error)                 = (*jsonrpc.RequestID).MarshalJSON
	_ func(*jsonrpc.RequestID) (string, error)                 = (*jsonrpc.RequestID).String
	_ func(*jsonrpc.RequestID, []byte) error                   = (*jsonrpc.RequestID).UnmarshalJSON
	_ json.Marshaler                                           = (*jsonrpc.RequestID)(nil)
	_ json.Unmarshaler                                         = (*jsonrpc.RequestID)(nil)
	_ func(jsonrpc.Server, http.ResponseWriter, *http.Request) = jsonrpc.Server.ServeHTTP
	_ http.Handler                                             = jsonrpc.Server{}
)

// Functions.
var (
	_ func(bool) jsonrpc.ClientOption                                         = jsonrpc.BufferedStream
	_ func(...httptransport.ClientResponseFunc) jsonrpc.ClientOption          = jsonrpc.ClientAfter
	_ func(...httptransport.RequestFunc) jsonrpc.ClientOption                 = jsonrpc.ClientBefore
	_ func(httptransport.ClientFinalizerFunc) jsonrpc.ClientOption            = jsonrpc.ClientFinalizer
	_ func(jsonrpc.EncodeRequestFunc) jsonrpc.ClientOption                    = jsonrpc.ClientRequestEncoder
	_ func(jsonrpc.RequestIDGenerator) jsonrpc.ClientOption                   = jsonrpc.ClientRequestIDGenerator
	_ func(jsonrpc.DecodeResponseFunc) jsonrpc.ClientOption                   = jsonrpc.ClientResponseDecoder
	_ func(context.Context, error, http.ResponseWriter)                       = jsonrpc.DefaultErrorEncoder
	_ func(context.Context, any) (json.RawMessage, error)                     = jsonrpc.DefaultRequestEncoder
	_ func(context.Context, jsonrpc.Response) (any, error)                    = jsonrpc.DefaultResponseDecoder
	_ func(int) string                                                        = jsonrpc.ErrorMessage
	_ func(uint64) jsonrpc.RequestIDGenerator                                 = jsonrpc.NewAutoIncrementID
	_ func(*url.URL, string, ...jsonrpc.ClientOption) *jsonrpc.Client         = jsonrpc.NewClient
	_ func(jsonrpc.EndpointCodecMap, ...jsonrpc.ServerOption) *jsonrpc.Server = jsonrpc.NewServer
	_ func(...httptransport.ServerResponseFunc) jsonrpc.ServerOption          = jsonrpc.ServerAfter
	_ func(...httptransport.RequestFunc) jsonrpc.ServerOption                 = jsonrpc.ServerBefore
	_ func(...jsonrpc.RequestFunc) jsonrpc.ServerOption                       = jsonrpc.ServerBeforeCodec
	_ func(httptransport.ErrorEncoder) jsonrpc.ServerOption                   = jsonrpc.ServerErrorEncoder
	_ func(log.Logger) jsonrpc.ServerOption                                   = jsonrpc.ServerErrorLogger
	_ func(httptransport.ServerFinalizerFunc) jsonrpc.ServerOption            = jsonrpc.ServerFinalizer
	_ func(httptransport.HTTPClient) jsonrpc.ClientOption                     = jsonrpc.SetClient
)

// The jsonrpc func types are distinct from transport/http's.
func _(v any) {
	switch v.(type) {
	case httptransport.ClientFinalizerFunc:
	case func(context.Context, error):
	case jsonrpc.RequestFunc:
	case func(context.Context, *http.Request, jsonrpc.Request) context.Context:
	case jsonrpc.EndpointCodecMap:
	case map[string]jsonrpc.EndpointCodec:
	}
}

func TestJSONRPCValues(t *testing.T) {
	t.Parallel()
	// The codes are those of the JSON-RPC 2.0 specification.
	for _, tc := range []struct {
		name string
		got  int
		want int
	}{
		{"ParseError", jsonrpc.ParseError, -32700},
		{"InvalidRequestError", jsonrpc.InvalidRequestError, -32600},
		{"MethodNotFoundError", jsonrpc.MethodNotFoundError, -32601},
		{"InvalidParamsError", jsonrpc.InvalidParamsError, -32602},
		{"InternalError", jsonrpc.InternalError, -32603},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.name, tc.got, tc.want)
		}
		if jsonrpc.ErrorMessage(tc.got) == "" {
			t.Errorf("ErrorMessage(%s) is empty", tc.name)
		}
	}
	if got, want := jsonrpc.Version, "2.0"; got != want {
		t.Errorf("Version: got %q, want %q", got, want)
	}
	// The media type is application/json (parameters such as charset are
	// allowed by the listing, which gives no value).
	if mt, _, err := mime.ParseMediaType(jsonrpc.ContentType); err != nil || mt != "application/json" {
		t.Errorf("ContentType %q: media type %q (%v), want application/json", jsonrpc.ContentType, mt, err)
	}
	e := jsonrpc.Error{Code: jsonrpc.ParseError, Message: "m"}
	if got := e.ErrorCode(); got != jsonrpc.ParseError {
		t.Errorf("Error.ErrorCode: got %d, want %d", got, jsonrpc.ParseError)
	}
	kt := reflect.TypeOf(jsonrpc.ContextKeyRequestMethod)
	if kt.Name() != "contextKey" || kt.PkgPath() != "github.com/seedkit/kit/transport/http/jsonrpc" || kt.Kind() != reflect.Int {
		t.Errorf("ContextKeyRequestMethod: type %s.%s (%v), want the unexported jsonrpc.contextKey (int)", kt.PkgPath(), kt.Name(), kt.Kind())
	}
	if reflect.TypeOf(jsonrpc.ContextKeyRequestMethod) == reflect.TypeOf(httptransport.ContextKeyRequestMethod) {
		t.Error("jsonrpc.ContextKeyRequestMethod shares transport/http's key type")
	}
}
