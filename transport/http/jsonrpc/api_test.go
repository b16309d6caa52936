package jsonrpc_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/http/jsonrpc"
)

// Compile-time checks that the exported API keeps Go kit's signatures.
var (
	_ string                                                                  = jsonrpc.ContentType
	_ string                                                                  = jsonrpc.Version
	_ func(*url.URL, string, ...jsonrpc.ClientOption) *jsonrpc.Client         = jsonrpc.NewClient
	_ func(jsonrpc.EndpointCodecMap, ...jsonrpc.ServerOption) *jsonrpc.Server = jsonrpc.NewServer
	_ func(jsonrpc.Client) endpoint.Endpoint                                  = jsonrpc.Client.Endpoint
	_ func(jsonrpc.Server, http.ResponseWriter, *http.Request)                = jsonrpc.Server.ServeHTTP
	_ func(bool) jsonrpc.ClientOption                                         = jsonrpc.BufferedStream
	_ func(...httptransport.ClientResponseFunc) jsonrpc.ClientOption          = jsonrpc.ClientAfter
	_ func(...httptransport.RequestFunc) jsonrpc.ClientOption                 = jsonrpc.ClientBefore
	_ func(httptransport.ClientFinalizerFunc) jsonrpc.ClientOption            = jsonrpc.ClientFinalizer
	_ func(jsonrpc.EncodeRequestFunc) jsonrpc.ClientOption                    = jsonrpc.ClientRequestEncoder
	_ func(jsonrpc.RequestIDGenerator) jsonrpc.ClientOption                   = jsonrpc.ClientRequestIDGenerator
	_ func(jsonrpc.DecodeResponseFunc) jsonrpc.ClientOption                   = jsonrpc.ClientResponseDecoder
	_ httptransport.ErrorEncoder                                              = jsonrpc.DefaultErrorEncoder
	_ jsonrpc.EncodeRequestFunc                                               = jsonrpc.DefaultRequestEncoder
	_ jsonrpc.DecodeResponseFunc                                              = jsonrpc.DefaultResponseDecoder
	_ func(int) string                                                        = jsonrpc.ErrorMessage
	_ func(uint64) jsonrpc.RequestIDGenerator                                 = jsonrpc.NewAutoIncrementID
	_ func(...httptransport.ServerResponseFunc) jsonrpc.ServerOption          = jsonrpc.ServerAfter
	_ func(...httptransport.RequestFunc) jsonrpc.ServerOption                 = jsonrpc.ServerBefore
	_ func(...jsonrpc.RequestFunc) jsonrpc.ServerOption                       = jsonrpc.ServerBeforeCodec
	_ func(httptransport.ErrorEncoder) jsonrpc.ServerOption                   = jsonrpc.ServerErrorEncoder
	_ func(log.Logger) jsonrpc.ServerOption                                   = jsonrpc.ServerErrorLogger
	_ func(httptransport.ServerFinalizerFunc) jsonrpc.ServerOption            = jsonrpc.ServerFinalizer
	_ func(*jsonrpc.RequestID) (float32, error)                               = (*jsonrpc.RequestID).Float32
	_ func(*jsonrpc.RequestID) (int, error)                                   = (*jsonrpc.RequestID).Int
	_ func(*jsonrpc.RequestID) (string, error)                                = (*jsonrpc.RequestID).String
	_ json.Marshaler                                                          = (*jsonrpc.RequestID)(nil)
	_ json.Unmarshaler                                                        = (*jsonrpc.RequestID)(nil)
	_ func(context.Context, json.RawMessage) (any, error)                     = jsonrpc.DecodeRequestFunc(nil)
	_ error                                                                   = jsonrpc.Error{}
	_                                                                         = jsonrpc.Request{JSONRPC: "", Method: "", Params: nil, ID: nil}
	_                                                                         = jsonrpc.Response{JSONRPC: "", Result: nil, Error: nil, ID: nil}
	_                                                                         = jsonrpc.EndpointCodec{Endpoint: nil, Decode: nil, Encode: nil}
)
