//lint:file-ignore SA1019 deprecated identifiers are part of the API being checked.

package apicompat_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	httptransport "github.com/seedkit/kit/transport/http"
)

// Interfaces, checked both ways.
type (
	httpClient = interface {
		Do(req *http.Request) (*http.Response, error)
	}
	headerer    = interface{ Headers() http.Header }
	statusCoder = interface{ StatusCode() int }
)

var (
	_ httptransport.HTTPClient  = httpClient(nil)
	_ httpClient                = httptransport.HTTPClient(nil)
	_ httptransport.HTTPClient  = (*http.Client)(nil)
	_ httptransport.Headerer    = headerer(nil)
	_ headerer                  = httptransport.Headerer(nil)
	_ httptransport.StatusCoder = statusCoder(nil)
	_ statusCoder               = httptransport.StatusCoder(nil)
)

// Defined func types, converted both ways.
var (
	_ httptransport.ClientFinalizerFunc                          = func(context.Context, error) {}
	_ func(context.Context, error)                               = httptransport.ClientFinalizerFunc(nil)
	_ httptransport.ClientOption                                 = func(*httptransport.Client) {}
	_ func(*httptransport.Client)                                = httptransport.ClientOption(nil)
	_ httptransport.ClientResponseFunc                           = func(context.Context, *http.Response) context.Context { return nil }
	_ func(context.Context, *http.Response) context.Context      = httptransport.ClientResponseFunc(nil)
	_ httptransport.CreateRequestFunc                            = func(context.Context, any) (*http.Request, error) { return nil, nil }
	_ func(context.Context, any) (*http.Request, error)          = httptransport.CreateRequestFunc(nil)
	_ httptransport.DecodeRequestFunc                            = func(context.Context, *http.Request) (any, error) { return nil, nil }
	_ func(context.Context, *http.Request) (any, error)          = httptransport.DecodeRequestFunc(nil)
	_ httptransport.DecodeResponseFunc                           = func(context.Context, *http.Response) (any, error) { return nil, nil }
	_ func(context.Context, *http.Response) (any, error)         = httptransport.DecodeResponseFunc(nil)
	_ httptransport.EncodeRequestFunc                            = func(context.Context, *http.Request, any) error { return nil }
	_ func(context.Context, *http.Request, any) error            = httptransport.EncodeRequestFunc(nil)
	_ httptransport.EncodeResponseFunc                           = func(context.Context, http.ResponseWriter, any) error { return nil }
	_ func(context.Context, http.ResponseWriter, any) error      = httptransport.EncodeResponseFunc(nil)
	_ httptransport.ErrorEncoder                                 = func(context.Context, error, http.ResponseWriter) {}
	_ func(context.Context, error, http.ResponseWriter)          = httptransport.ErrorEncoder(nil)
	_ httptransport.RequestFunc                                  = func(context.Context, *http.Request) context.Context { return nil }
	_ func(context.Context, *http.Request) context.Context       = httptransport.RequestFunc(nil)
	_ httptransport.ServerFinalizerFunc                          = func(context.Context, int, *http.Request) {}
	_ func(context.Context, int, *http.Request)                  = httptransport.ServerFinalizerFunc(nil)
	_ httptransport.ServerOption                                 = func(*httptransport.Server) {}
	_ func(*httptransport.Server)                                = httptransport.ServerOption(nil)
	_ httptransport.ServerResponseFunc                           = func(context.Context, http.ResponseWriter) context.Context { return nil }
	_ func(context.Context, http.ResponseWriter) context.Context = httptransport.ServerResponseFunc(nil)
)

// Methods: value receivers, as listed.
var (
	_ func(httptransport.Client) endpoint.Endpoint                   = httptransport.Client.Endpoint
	_ func(httptransport.Server, http.ResponseWriter, *http.Request) = httptransport.Server.ServeHTTP
	_ http.Handler                                                   = httptransport.Server{}
	_ http.Handler                                                   = (*httptransport.Server)(nil)
)

// Functions.
var (
	_ func(bool) httptransport.ClientOption                                                                                                           = httptransport.BufferedStream
	_ func(...httptransport.ClientResponseFunc) httptransport.ClientOption                                                                            = httptransport.ClientAfter
	_ func(...httptransport.RequestFunc) httptransport.ClientOption                                                                                   = httptransport.ClientBefore
	_ func(...httptransport.ClientFinalizerFunc) httptransport.ClientOption                                                                           = httptransport.ClientFinalizer
	_ func(context.Context, error, http.ResponseWriter)                                                                                               = httptransport.DefaultErrorEncoder
	_ func(context.Context, *http.Request, any) error                                                                                                 = httptransport.EncodeJSONRequest
	_ func(context.Context, http.ResponseWriter, any) error                                                                                           = httptransport.EncodeJSONResponse
	_ func(context.Context, *http.Request, any) error                                                                                                 = httptransport.EncodeXMLRequest
	_ func(string, *url.URL, httptransport.EncodeRequestFunc, httptransport.DecodeResponseFunc, ...httptransport.ClientOption) *httptransport.Client  = httptransport.NewClient
	_ func(httptransport.CreateRequestFunc, httptransport.DecodeResponseFunc, ...httptransport.ClientOption) *httptransport.Client                    = httptransport.NewExplicitClient
	_ func(endpoint.Endpoint, httptransport.DecodeRequestFunc, httptransport.EncodeResponseFunc, ...httptransport.ServerOption) *httptransport.Server = httptransport.NewServer
	_ func(context.Context, *http.Request) (any, error)                                                                                               = httptransport.NopRequestDecoder
	_ func(context.Context, *http.Request) context.Context                                                                                            = httptransport.PopulateRequestContext
	_ func(...httptransport.ServerResponseFunc) httptransport.ServerOption                                                                            = httptransport.ServerAfter
	_ func(...httptransport.RequestFunc) httptransport.ServerOption                                                                                   = httptransport.ServerBefore
	_ func(httptransport.ErrorEncoder) httptransport.ServerOption                                                                                     = httptransport.ServerErrorEncoder
	_ func(transport.ErrorHandler) httptransport.ServerOption                                                                                         = httptransport.ServerErrorHandler
	_ func(log.Logger) httptransport.ServerOption                                                                                                     = httptransport.ServerErrorLogger
	_ func(...httptransport.ServerFinalizerFunc) httptransport.ServerOption                                                                           = httptransport.ServerFinalizer
	_ func(httptransport.HTTPClient) httptransport.ClientOption                                                                                       = httptransport.SetClient
	_ func(string) httptransport.ServerResponseFunc                                                                                                   = httptransport.SetContentType
	_ func(string, string) httptransport.RequestFunc                                                                                                  = httptransport.SetRequestHeader
	_ func(string, string) httptransport.ServerResponseFunc                                                                                           = httptransport.SetResponseHeader
)

// The named func types are defined types, not aliases. (Interfaces are not
// checked this way: for them only the method set matters.)
func _(v any) {
	switch v.(type) {
	case httptransport.ClientFinalizerFunc:
	case func(context.Context, error):
	case httptransport.RequestFunc:
	case func(context.Context, *http.Request) context.Context:
	case httptransport.ErrorEncoder:
	case func(context.Context, error, http.ResponseWriter):
	}
}

// httpContextKeys are the ContextKey* constants, which share one unexported
// type.
var httpContextKeys = map[string]any{
	"ContextKeyRequestAccept":          httptransport.ContextKeyRequestAccept,
	"ContextKeyRequestAuthorization":   httptransport.ContextKeyRequestAuthorization,
	"ContextKeyRequestHost":            httptransport.ContextKeyRequestHost,
	"ContextKeyRequestMethod":          httptransport.ContextKeyRequestMethod,
	"ContextKeyRequestPath":            httptransport.ContextKeyRequestPath,
	"ContextKeyRequestProto":           httptransport.ContextKeyRequestProto,
	"ContextKeyRequestReferer":         httptransport.ContextKeyRequestReferer,
	"ContextKeyRequestRemoteAddr":      httptransport.ContextKeyRequestRemoteAddr,
	"ContextKeyRequestURI":             httptransport.ContextKeyRequestURI,
	"ContextKeyRequestUserAgent":       httptransport.ContextKeyRequestUserAgent,
	"ContextKeyRequestXForwardedFor":   httptransport.ContextKeyRequestXForwardedFor,
	"ContextKeyRequestXForwardedProto": httptransport.ContextKeyRequestXForwardedProto,
	"ContextKeyRequestXRequestID":      httptransport.ContextKeyRequestXRequestID,
	"ContextKeyResponseHeaders":        httptransport.ContextKeyResponseHeaders,
	"ContextKeyResponseSize":           httptransport.ContextKeyResponseSize,
}

// All ContextKey* constants have one type (assignable to each other).
func _() {
	k := httptransport.ContextKeyRequestAccept
	k = httptransport.ContextKeyRequestAuthorization
	k = httptransport.ContextKeyRequestHost
	k = httptransport.ContextKeyRequestMethod
	k = httptransport.ContextKeyRequestPath
	k = httptransport.ContextKeyRequestProto
	k = httptransport.ContextKeyRequestReferer
	k = httptransport.ContextKeyRequestRemoteAddr
	k = httptransport.ContextKeyRequestURI
	k = httptransport.ContextKeyRequestUserAgent
	k = httptransport.ContextKeyRequestXForwardedFor
	k = httptransport.ContextKeyRequestXForwardedProto
	k = httptransport.ContextKeyRequestXRequestID
	k = httptransport.ContextKeyResponseHeaders
	k = httptransport.ContextKeyResponseSize
	_ = k
}

func TestHTTPValues(t *testing.T) {
	t.Parallel()
	seen := map[any]string{}
	for name, k := range httpContextKeys {
		kt := reflect.TypeOf(k)
		if kt.Name() != "contextKey" || kt.PkgPath() != "github.com/seedkit/kit/transport/http" {
			t.Errorf("%s: type %s.%s, want the unexported transport/http.contextKey", name, kt.PkgPath(), kt.Name())
		}
		if kt.Kind() != reflect.Int {
			t.Errorf("%s: kind %v, want int (iota constants)", name, kt.Kind())
		}
		if other, dup := seen[k]; dup {
			t.Errorf("%s and %s have the same value %v", name, other, k)
		}
		seen[k] = name
	}

	// PopulateRequestContext stores the request's fields under the keys.
	r, err := http.NewRequest(http.MethodPost, "http://example.com/a/b?c=d", nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Authorization", "Bearer t")
	r.Header.Set("X-Request-Id", "id-1")
	ctx := httptransport.PopulateRequestContext(context.Background(), r)
	for _, tc := range []struct {
		key  any
		want string
	}{
		{httptransport.ContextKeyRequestMethod, http.MethodPost},
		{httptransport.ContextKeyRequestPath, "/a/b"},
		{httptransport.ContextKeyRequestHost, "example.com"},
		{httptransport.ContextKeyRequestAuthorization, "Bearer t"},
		{httptransport.ContextKeyRequestXRequestID, "id-1"},
	} {
		if got, _ := ctx.Value(tc.key).(string); got != tc.want {
			t.Errorf("%s: got %q, want %q", seen[tc.key], got, tc.want)
		}
	}
}
