// Package jwt provides endpoint middlewares and transport request functions
// for JSON Web Tokens, mirroring Go kit's auth/jwt on top of
// github.com/golang-jwt/jwt/v5.
//
// A client signs: NewSigner creates a token per call and stores it in the
// context under JWTContextKey; ContextToHTTP or ContextToGRPC then writes it
// as an "Authorization: Bearer <token>" header or gRPC metadata entry. A
// server verifies: HTTPToContext or GRPCToContext moves the bearer token from
// the request into the context, and NewParser verifies it (signing method,
// signature, time claims) and stores the claims under JWTClaimsContextKey.
//
// # Difference from Go kit: golang-jwt v5 instead of v4
//
// Go kit v0.13.0 is built on github.com/golang-jwt/jwt/v4 (v4.0.0, which
// vulnerability scanners flag). kit uses github.com/golang-jwt/jwt/v5, so the
// jwt.Claims, jwt.SigningMethod, jwt.Keyfunc and jwt.MapClaims in this
// package's signatures are v5's types. This is the one intended
// incompatibility with Go kit: a program must import
// "github.com/golang-jwt/jwt/v5" where it imported v4, and adapt the v4 APIs
// that v5 changed:
//
//   - StandardClaimsFactory returns a *jwt.RegisteredClaims, v5's
//     replacement of v4's removed jwt.StandardClaims (Audience is a list;
//     times are *jwt.NumericDate instead of int64).
//   - Claims no longer have a Valid method: v5 validates exp, nbf (and, when
//     configured, iat, iss, aud, sub) itself.
//   - A custom SigningMethod's Sign returns []byte, and Verify takes []byte.
//
// Behaviour follows Go kit where v5 allows it: the same context keys and
// error values, returned themselves (so err == ErrTokenExpired keeps
// working) for a malformed, expired or not-yet-valid token and for a token
// whose alg is not the configured method (including "none"). An error
// returned by the Keyfunc is returned unchanged. One difference: v5 checks
// the signature before the claims, so a token that is both forged and
// expired fails with the signature error (jwt.ErrTokenSignatureInvalid),
// where Go kit returned ErrTokenExpired.
//
// # Beyond Go kit
//
//   - NewParserWithOptions passes v5 parser options, for example
//     jwt.WithIssuer, jwt.WithAudience or jwt.WithLeeway; a token failing
//     those checks fails with an error matching both ErrTokenInvalid and
//     v5's specific error (jwt.ErrTokenInvalidIssuer, ...) under errors.Is.
//   - A token whose alg is unknown fails with an error matching
//     ErrUnexpectedSigningMethod.
//   - GRPCToContext ignores an authorization entry with no values, and
//     ContextToGRPC accepts nil metadata, where Go kit panics; nil arguments
//     to NewSigner and NewParser give errors instead of panics.
//
// # Concurrency
//
// Everything here is safe for concurrent use, provided the Keyfunc, the
// ClaimsFactory and the signing key are.
//
// # Example
//
//	package main
//
//	import (
//		"context"
//		"fmt"
//
//		stdjwt "github.com/golang-jwt/jwt/v5"
//
//		"github.com/seedkit/kit/auth/jwt"
//		"github.com/seedkit/kit/endpoint"
//	)
//
//	func main() {
//		key := []byte("shared secret")
//		keyFunc := func(*stdjwt.Token) (any, error) { return key, nil }
//		whoami := func(ctx context.Context, _ any) (any, error) {
//			claims := ctx.Value(jwt.JWTClaimsContextKey).(stdjwt.MapClaims)
//			return claims["sub"], nil
//		}
//		server := jwt.NewParser(keyFunc, stdjwt.SigningMethodHS256, jwt.MapClaimsFactory)(whoami)
//		client := jwt.NewSigner("kid-1", key, stdjwt.SigningMethodHS256, stdjwt.MapClaims{"sub": "alice"})(server)
//		fmt.Println(client(context.Background(), nil)) // alice <nil>
//	}
package jwt
