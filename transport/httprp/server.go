package httprp

import (
	"context"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
)

// RequestFunc may read and change the incoming request (its headers above
// all) before it is proxied, and returns the context to proxy it with.
type RequestFunc func(context.Context, *http.Request) context.Context

// Server is an http.Handler that proxies requests to a base URL. Build it
// with NewServer; the zero value is not usable. It is safe for concurrent
// use as long as its RequestFuncs are.
type Server struct {
	proxy  *httputil.ReverseProxy
	before []RequestFunc
}

// ServerOption sets an optional parameter for servers.
type ServerOption func(*Server)

// ServerBefore appends functions run, in order, on every incoming request
// before it is proxied. The first receives the request's own context; the
// request is proxied with the context the last one returns.
func ServerBefore(before ...RequestFunc) ServerOption {
	return func(s *Server) { s.before = append(s.before, before...) }
}

// NewServer returns a Server proxying to baseURL, with the behaviour of
// httputil.NewSingleHostReverseProxy: the scheme and host come from
// baseURL, the path is baseURL's path joined with the request's, the query
// strings are merged, and the incoming Host header is kept. The client's
// address is appended to X-Forwarded-For, and X-Forwarded-* headers the
// client sent are passed on. It is built on ReverseProxy's Rewrite hook
// (Director is deprecated), so hop-by-hop headers cannot strip the headers
// it sets.
//
// If the backend cannot be reached the client gets 502 Bad Gateway; the
// error is not logged (net/http/httputil would log it to the standard
// logger).
func NewServer(baseURL *url.URL, options ...ServerOption) *Server {
	target := *baseURL // a private copy: later changes to baseURL do not matter
	s := &Server{
		proxy: &httputil.ReverseProxy{
			Rewrite: func(pr *httputil.ProxyRequest) { rewrite(pr, &target) },
			ErrorHandler: func(w http.ResponseWriter, _ *http.Request, _ error) {
				w.WriteHeader(http.StatusBadGateway)
			},
		},
	}
	for _, option := range options {
		option(s)
	}
	return s
}

// forwardedHeaders are dropped from the outgoing request by ReverseProxy
// before Rewrite runs; rewrite restores what the client sent.
var forwardedHeaders = []string{"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto"}

func rewrite(pr *httputil.ProxyRequest, target *url.URL) {
	pr.SetURL(target)
	pr.Out.Host = pr.In.Host
	for _, h := range forwardedHeaders {
		if vs, ok := pr.In.Header[h]; ok {
			pr.Out.Header[h] = vs
		}
	}
	if ip, _, err := net.SplitHostPort(pr.In.RemoteAddr); err == nil {
		prior, ok := pr.Out.Header["X-Forwarded-For"]
		if !ok || prior != nil { // a nil value means: do not add
			if len(prior) > 0 {
				ip = strings.Join(prior, ", ") + ", " + ip
			}
			pr.Out.Header.Set("X-Forwarded-For", ip)
		}
	}
	if _, ok := pr.Out.Header["User-Agent"]; !ok {
		pr.Out.Header.Set("User-Agent", "") // do not send Go's default
	}
}

// ServeHTTP implements http.Handler: it runs the ServerBefore functions on
// r and then proxies r, with the context they returned, to the base URL.
func (s Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if len(s.before) > 0 {
		ctx := r.Context()
		for _, f := range s.before {
			ctx = f(ctx, r)
		}
		if ctx != r.Context() {
			r = r.WithContext(ctx)
		}
	}
	s.proxy.ServeHTTP(w, r)
}
