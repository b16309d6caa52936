package apicompat_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/seedkit/kit/auth/basic"
	"github.com/seedkit/kit/endpoint"
	httptransport "github.com/seedkit/kit/transport/http"
)

// type AuthError struct { Realm string }
var _ = basic.AuthError(struct{ Realm string }{})

// func (AuthError) Error() string; func (e AuthError) Headers() http.Header; func (AuthError) StatusCode() int
var (
	_ func(basic.AuthError) string      = basic.AuthError.Error
	_ func(basic.AuthError) http.Header = basic.AuthError.Headers
	_ func(basic.AuthError) int         = basic.AuthError.StatusCode
	_ error                             = basic.AuthError{}
	_ httptransport.StatusCoder         = basic.AuthError{}
	_ httptransport.Headerer            = basic.AuthError{}
)

// func AuthMiddleware(requiredUser, requiredPassword, realm string) endpoint.Middleware
var _ func(string, string, string) endpoint.Middleware = basic.AuthMiddleware

func TestBasicValues(t *testing.T) {
	t.Parallel()
	e := basic.AuthError{Realm: "r"}
	// The key is spelled as in Go kit, not canonicalised (Get would miss it).
	//lint:ignore SA1008 Go kit's Headers map uses this exact key.
	if e.Error() != "Unauthorized" || e.StatusCode() != http.StatusUnauthorized || e.Headers()["WWW-Authenticate"][0] != `Basic realm="r"` {
		t.Errorf("AuthError: %q %d %v", e.Error(), e.StatusCode(), e.Headers())
	}
	_, err := basic.AuthMiddleware("u", "p", "r")(endpoint.Nop)(context.Background(), nil)
	if err != (basic.AuthError{Realm: "r"}) {
		t.Errorf("no credentials: got %#v, want AuthError{Realm: \"r\"}", err)
	}
}
