package apicompat_test

import (
	"context"
	"net/http"
	"net/url"

	"github.com/seedkit/kit/transport/httprp"
)

var (
	// type RequestFunc func(context.Context, *http.Request) context.Context
	_ httprp.RequestFunc                                   = func(context.Context, *http.Request) context.Context { return nil }
	_ func(context.Context, *http.Request) context.Context = httprp.RequestFunc(nil)
	// type Server struct { _ unexported }; func (s Server) ServeHTTP(w http.ResponseWriter, r *http.Request)
	_ func(httprp.Server, http.ResponseWriter, *http.Request) = httprp.Server.ServeHTTP
	_ http.Handler                                            = httprp.Server{}
	// type ServerOption func(*Server)
	_ httprp.ServerOption  = func(*httprp.Server) {}
	_ func(*httprp.Server) = httprp.ServerOption(nil)

	_ func(*url.URL, ...httprp.ServerOption) *httprp.Server = httprp.NewServer
	_ func(...httprp.RequestFunc) httprp.ServerOption       = httprp.ServerBefore
)

func _(v any) {
	switch v.(type) {
	case httprp.RequestFunc:
	case func(context.Context, *http.Request) context.Context:
	case httprp.ServerOption:
	case func(*httprp.Server):
	}
}
