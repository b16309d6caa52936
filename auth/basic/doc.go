// Package basic provides an endpoint middleware for HTTP Basic
// authentication (RFC 7617) against one fixed user and password, as Go kit's
// auth/basic does.
//
// The middleware reads the request's Authorization header from the context,
// where transport/http's PopulateRequestContext puts it (under
// http.ContextKeyRequestAuthorization), so the server must be built with
// httptransport.ServerBefore(httptransport.PopulateRequestContext). A missing,
// malformed or wrong credential fails the call with an AuthError, which the
// transport/http server's default error encoder turns into a 401 response
// with a WWW-Authenticate challenge naming the realm.
//
// Credentials are compared in constant time: both sides are hashed with
// SHA-256 and the digests compared with crypto/subtle, so the time taken
// reveals neither the expected values nor their lengths.
//
// Beyond Go kit: the "Basic" scheme name is matched case-insensitively, as
// RFC 7235 requires (Go kit accepts only "Basic").
//
// # Concurrency
//
// The middleware is safe for concurrent use.
//
// # Example
//
//	package main
//
//	import (
//		"context"
//		"net/http"
//
//		"github.com/seedkit/kit/auth/basic"
//		"github.com/seedkit/kit/endpoint"
//		httptransport "github.com/seedkit/kit/transport/http"
//	)
//
//	func main() {
//		hello := func(context.Context, any) (any, error) { return "hello", nil }
//		e := basic.AuthMiddleware("admin", "s3cret", "example")(endpoint.Endpoint(hello))
//		srv := httptransport.NewServer(e,
//			func(context.Context, *http.Request) (any, error) { return nil, nil },
//			httptransport.EncodeJSONResponse,
//			httptransport.ServerBefore(httptransport.PopulateRequestContext),
//		)
//		http.ListenAndServe("localhost:8080", srv)
//	}
package basic
