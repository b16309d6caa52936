//lint:file-ignore SA1019 deprecated identifiers are part of the API being checked.

package apicompat_test

import (
	"context"
	"reflect"
	"testing"

	stdjwt "github.com/golang-jwt/jwt/v5"

	"github.com/seedkit/kit/auth/jwt"
	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/transport/grpc"
	"github.com/seedkit/kit/transport/http"
)

// Go kit exposes golang-jwt v4 types here; kit exposes v5's (the one
// intended incompatibility, documented in auth/jwt's package doc).

// var ErrTokenContextMissing, ErrTokenExpired, ErrTokenInvalid,
// ErrTokenMalformed, ErrTokenNotActive, ErrUnexpectedSigningMethod error
var (
	_ *error = &jwt.ErrTokenContextMissing
	_ *error = &jwt.ErrTokenExpired
	_ *error = &jwt.ErrTokenInvalid
	_ *error = &jwt.ErrTokenMalformed
	_ *error = &jwt.ErrTokenNotActive
	_ *error = &jwt.ErrUnexpectedSigningMethod
)

// type ClaimsFactory func() jwt.Claims
var (
	_ jwt.ClaimsFactory    = func() stdjwt.Claims { return nil }
	_ func() stdjwt.Claims = jwt.ClaimsFactory(nil)
)

func _(v any) {
	switch v.(type) {
	case jwt.ClaimsFactory:
	case func() stdjwt.Claims:
	}
}

// Functions.
var (
	_ func() grpc.ClientRequestFunc                                                     = jwt.ContextToGRPC
	_ func() http.RequestFunc                                                           = jwt.ContextToHTTP
	_ func() grpc.ServerRequestFunc                                                     = jwt.GRPCToContext
	_ func() http.RequestFunc                                                           = jwt.HTTPToContext
	_ func() stdjwt.Claims                                                              = jwt.MapClaimsFactory
	_ jwt.ClaimsFactory                                                                 = jwt.MapClaimsFactory
	_ func(stdjwt.Keyfunc, stdjwt.SigningMethod, jwt.ClaimsFactory) endpoint.Middleware = jwt.NewParser
	_ func(string, []byte, stdjwt.SigningMethod, stdjwt.Claims) endpoint.Middleware     = jwt.NewSigner
	_ func() stdjwt.Claims                                                              = jwt.StandardClaimsFactory
	_ jwt.ClaimsFactory                                                                 = jwt.StandardClaimsFactory
)

func TestJWTValues(t *testing.T) {
	t.Parallel()
	// const JWTClaimsContextKey, JWTContextKey contextKey; JWTTokenContextKey = JWTContextKey
	keys := map[string]any{
		"JWTClaimsContextKey": jwt.JWTClaimsContextKey,
		"JWTContextKey":       jwt.JWTContextKey,
		"JWTTokenContextKey":  jwt.JWTTokenContextKey,
	}
	for name, k := range keys {
		kt := reflect.TypeOf(k)
		if kt.Name() != "contextKey" || kt.PkgPath() != "github.com/seedkit/kit/auth/jwt" || kt.Kind() != reflect.String {
			t.Errorf("%s: type %s.%s (%v), want the unexported auth/jwt.contextKey string type", name, kt.PkgPath(), kt.Name(), kt.Kind())
		}
	}
	if jwt.JWTTokenContextKey != jwt.JWTContextKey || jwt.JWTContextKey == jwt.JWTClaimsContextKey {
		t.Error("JWTTokenContextKey must equal JWTContextKey, and differ from JWTClaimsContextKey")
	}
	for err, want := range map[error]string{
		jwt.ErrTokenContextMissing:     "token up for parsing was not passed through the context",
		jwt.ErrTokenExpired:            "JWT is expired",
		jwt.ErrTokenInvalid:            "JWT was invalid",
		jwt.ErrTokenMalformed:          "JWT is malformed",
		jwt.ErrTokenNotActive:          "token is not valid yet",
		jwt.ErrUnexpectedSigningMethod: "unexpected signing method",
	} {
		if err.Error() != want {
			t.Errorf("got %q, want %q", err, want)
		}
	}
	if _, ok := jwt.MapClaimsFactory().(stdjwt.MapClaims); !ok {
		t.Error("MapClaimsFactory must return a jwt.MapClaims")
	}
	if _, ok := jwt.StandardClaimsFactory().(*stdjwt.RegisteredClaims); !ok {
		t.Error("StandardClaimsFactory must return a *jwt.RegisteredClaims (v5's StandardClaims)")
	}
	_, err := jwt.NewParser(nil, stdjwt.SigningMethodHS256, jwt.MapClaimsFactory)(endpoint.Nop)(context.Background(), nil)
	if err != jwt.ErrTokenContextMissing {
		t.Errorf("no token: got %v, want ErrTokenContextMissing itself", err)
	}
}
