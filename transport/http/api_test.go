package http_test

import (
	"context"
	"net/http"
	"net/url"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

// Compile-time checks that the exported API keeps Go kit's signatures.
var (
	_ func(endpoint.Endpoint, httptransport.DecodeRequestFunc, httptransport.EncodeResponseFunc, ...httptransport.ServerOption) *httptransport.Server = httptransport.NewServer
	_ func(string, *url.URL, httptransport.EncodeRequestFunc, httptransport.DecodeResponseFunc, ...httptransport.ClientOption) *httptransport.Client  = httptransport.NewClient
	_ func(httptransport.CreateRequestFunc, httptransport.DecodeResponseFunc, ...httptransport.ClientOption) *httptransport.Client                    = httptransport.NewExplicitClient
	_ func(httptransport.Server, http.ResponseWriter, *http.Request)                                                                                  = httptransport.Server.ServeHTTP
	_ func(httptransport.Client) endpoint.Endpoint                                                                                                    = httptransport.Client.Endpoint
	_ http.Handler                                                                                                                                    = httptransport.Server{}
	_ func(bool) httptransport.ClientOption                                                                                                           = httptransport.BufferedStream
	_ func(...httptransport.ClientResponseFunc) httptransport.ClientOption                                                                            = httptransport.ClientAfter
	_ func(...httptransport.RequestFunc) httptransport.ClientOption                                                                                   = httptransport.ClientBefore
	_ func(...httptransport.ClientFinalizerFunc) httptransport.ClientOption                                                                           = httptransport.ClientFinalizer
	_ func(httptransport.HTTPClient) httptransport.ClientOption                                                                                       = httptransport.SetClient
	_ func(context.Context, error, http.ResponseWriter)                                                                                               = httptransport.DefaultErrorEncoder
	_ httptransport.EncodeRequestFunc                                                                                                                 = httptransport.EncodeJSONRequest
	_ httptransport.EncodeRequestFunc                                                                                                                 = httptransport.EncodeXMLRequest
	_ httptransport.EncodeResponseFunc                                                                                                                = httptransport.EncodeJSONResponse
	_ httptransport.DecodeRequestFunc                                                                                                                 = httptransport.NopRequestDecoder
	_ httptransport.RequestFunc                                                                                                                       = httptransport.PopulateRequestContext
	_ func(...httptransport.ServerResponseFunc) httptransport.ServerOption                                                                            = httptransport.ServerAfter
	_ func(...httptransport.RequestFunc) httptransport.ServerOption                                                                                   = httptransport.ServerBefore
	_ func(httptransport.ErrorEncoder) httptransport.ServerOption                                                                                     = httptransport.ServerErrorEncoder
	_ func(transport.ErrorHandler) httptransport.ServerOption                                                                                         = httptransport.ServerErrorHandler
	_ func(log.Logger) httptransport.ServerOption                                                                                                     = httptransport.ServerErrorLogger
	_ func(...httptransport.ServerFinalizerFunc) httptransport.ServerOption                                                                           = httptransport.ServerFinalizer
	_ func(string) httptransport.ServerResponseFunc                                                                                                   = httptransport.SetContentType
	_ func(string, string) httptransport.RequestFunc                                                                                                  = httptransport.SetRequestHeader
	_ func(string, string) httptransport.ServerResponseFunc                                                                                           = httptransport.SetResponseHeader
	_ httptransport.HTTPClient                                                                                                                        = http.DefaultClient
)
