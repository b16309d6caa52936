package jwt_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	stdjwt "github.com/golang-jwt/jwt/v5"

	"github.com/seedkit/kit/auth/jwt"
	"github.com/seedkit/kit/endpoint"
	httptransport "github.com/seedkit/kit/transport/http"
)

// A client signs a token, sends it as a bearer token over HTTP, and the
// server verifies it and reads its claims.
func Example() {
	key := []byte("shared secret, at least 32 bytes")
	keyFunc := func(*stdjwt.Token) (any, error) { return key, nil }

	whoami := func(ctx context.Context, _ any) (any, error) {
		claims := ctx.Value(jwt.JWTClaimsContextKey).(*stdjwt.RegisteredClaims)
		return "hello, " + claims.Subject, nil
	}
	server := httptest.NewServer(httptransport.NewServer(
		jwt.NewParser(keyFunc, stdjwt.SigningMethodHS256, jwt.StandardClaimsFactory)(whoami),
		httptransport.NopRequestDecoder,
		httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(jwt.HTTPToContext()),
		// The errors of this package carry no HTTP status: map them.
		httptransport.ServerErrorEncoder(func(_ context.Context, err error, w http.ResponseWriter) {
			w.WriteHeader(http.StatusUnauthorized)
		}),
	))
	defer server.Close()

	target, _ := url.Parse(server.URL)
	client := httptransport.NewClient(http.MethodGet, target,
		func(context.Context, *http.Request, any) error { return nil },
		func(_ context.Context, r *http.Response) (any, error) { return r.Status, nil },
		httptransport.ClientBefore(jwt.ContextToHTTP()),
	).Endpoint()
	claims := &stdjwt.RegisteredClaims{Subject: "alice", ExpiresAt: stdjwt.NewNumericDate(time.Now().Add(time.Hour))}

	signed := jwt.NewSigner("key-1", key, stdjwt.SigningMethodHS256, claims)(client)
	fmt.Println(signed(context.Background(), nil))
	fmt.Println(client(context.Background(), nil)) // no token
	// Output:
	// 200 OK <nil>
	// 401 Unauthorized <nil>
}

func ExampleNewParser() {
	key := []byte("shared secret, at least 32 bytes")
	parse := jwt.NewParser(func(*stdjwt.Token) (any, error) { return key, nil }, stdjwt.SigningMethodHS256, jwt.MapClaimsFactory)
	e := parse(func(ctx context.Context, _ any) (any, error) {
		return ctx.Value(jwt.JWTClaimsContextKey).(stdjwt.MapClaims)["sub"], nil
	})
	expired, _ := stdjwt.NewWithClaims(stdjwt.SigningMethodHS256, stdjwt.MapClaims{"exp": 1}).SignedString(key)
	none, _ := stdjwt.NewWithClaims(stdjwt.SigningMethodNone, stdjwt.MapClaims{"sub": "mallory"}).SignedString(stdjwt.UnsafeAllowNoneSignatureType)
	good, _ := stdjwt.NewWithClaims(stdjwt.SigningMethodHS256, stdjwt.MapClaims{"sub": "alice"}).SignedString(key)
	for _, token := range []string{"garbage", expired, none, good} {
		ctx := context.WithValue(context.Background(), jwt.JWTContextKey, token)
		fmt.Println(e(ctx, nil))
	}
	// Output:
	// <nil> JWT is malformed
	// <nil> JWT is expired
	// <nil> unexpected signing method
	// alice <nil>
}

func ExampleNewParserWithOptions() {
	key := []byte("shared secret, at least 32 bytes")
	e := jwt.NewParserWithOptions(func(*stdjwt.Token) (any, error) { return key, nil },
		stdjwt.SigningMethodHS256, jwt.MapClaimsFactory,
		stdjwt.WithIssuer("https://auth.example"), stdjwt.WithAudience("orders"),
	)(endpoint.Nop)
	token, _ := stdjwt.NewWithClaims(stdjwt.SigningMethodHS256, stdjwt.MapClaims{"iss": "https://evil.example", "aud": "orders"}).SignedString(key)
	_, err := e(context.WithValue(context.Background(), jwt.JWTContextKey, token), nil)
	fmt.Println(errors.Is(err, jwt.ErrTokenInvalid), errors.Is(err, stdjwt.ErrTokenInvalidIssuer))
	// Output:
	// true true
}
