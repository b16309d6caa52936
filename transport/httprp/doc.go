// Package httprp provides an HTTP reverse-proxy transport: a Server that
// forwards every request to a base URL, after running ServerBefore
// functions on it (typically to set headers). It is a thin layer over
// net/http/httputil.ReverseProxy.
//
//	package main
//
//	import (
//		"net/http"
//		"net/url"
//
//		httptransport "github.com/seedkit/kit/transport/http"
//		"github.com/seedkit/kit/transport/httprp"
//	)
//
//	func main() {
//		backend, _ := url.Parse("http://localhost:9000/api")
//		proxy := httprp.NewServer(backend,
//			httprp.ServerBefore(httprp.RequestFunc(httptransport.SetRequestHeader("X-Via", "gateway"))),
//		)
//		// GET /users/1 is forwarded as GET http://localhost:9000/api/users/1.
//		_ = http.ListenAndServe(":8080", proxy)
//	}
package httprp
