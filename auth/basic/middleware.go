package basic

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"

	"github.com/seedkit/kit/endpoint"
	httptransport "github.com/seedkit/kit/transport/http"
)

// AuthError is the error of a call whose credentials are missing, malformed
// or wrong. It implements transport/http's StatusCoder (401 Unauthorized) and
// Headerer (a WWW-Authenticate challenge for Realm), so the default error
// encoder of a transport/http server writes the right response.
type AuthError struct {
	Realm string
}

// StatusCode returns http.StatusUnauthorized.
func (AuthError) StatusCode() int {
	return http.StatusUnauthorized
}

// Error returns "Unauthorized", whatever the realm.
func (AuthError) Error() string {
	return http.StatusText(http.StatusUnauthorized)
}

// Headers returns the headers of the 401 response: the challenge
// `WWW-Authenticate: Basic realm="<Realm>"` (the realm quoted and escaped as
// a Go string, so it cannot break the header), a plain-text Content-Type and
// X-Content-Type-Options: nosniff. Each call returns a new map; its keys are
// spelled as in Go kit ("WWW-Authenticate", not canonicalised), so index the
// map rather than calling Get.
func (e AuthError) Headers() http.Header {
	return http.Header{
		"Content-Type":           {"text/plain; charset=utf-8"},
		"X-Content-Type-Options": {"nosniff"},
		"WWW-Authenticate":       {fmt.Sprintf("Basic realm=%q", e.Realm)},
	}
}

// digest returns the SHA-256 digest of s: comparing digests takes the same
// time whatever the lengths of the values compared.
func digest(s []byte) [sha256.Size]byte { return sha256.Sum256(s) }

// parse splits an Authorization header value of the Basic scheme into user
// and password.
func parse(header string) (user, password []byte, ok bool) {
	const scheme = "basic "
	if len(header) < len(scheme) || !strings.EqualFold(header[:len(scheme)], scheme) {
		return nil, nil, false
	}
	decoded, err := base64.StdEncoding.DecodeString(header[len(scheme):])
	if err != nil {
		return nil, nil, false
	}
	u, p, ok := strings.Cut(string(decoded), ":")
	if !ok {
		return nil, nil, false
	}
	return []byte(u), []byte(p), true
}

// AuthMiddleware returns an endpoint.Middleware that lets a call through only
// if the context holds (under http.ContextKeyRequestAuthorization) a Basic
// Authorization header with exactly requiredUser and requiredPassword;
// otherwise the call fails with AuthError{Realm: realm} without reaching the
// endpoint. The user may not contain a colon (RFC 7617); the password may.
func AuthMiddleware(requiredUser, requiredPassword, realm string) endpoint.Middleware {
	wantUser := digest([]byte(requiredUser))
	wantPassword := digest([]byte(requiredPassword))
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (any, error) {
			header, _ := ctx.Value(httptransport.ContextKeyRequestAuthorization).(string)
			user, password, ok := parse(header)
			if !ok {
				return nil, AuthError{Realm: realm}
			}
			gotUser, gotPassword := digest(user), digest(password)
			// Both comparisons always run: a wrong user takes as long as a
			// wrong password.
			userOK := subtle.ConstantTimeCompare(gotUser[:], wantUser[:])
			passwordOK := subtle.ConstantTimeCompare(gotPassword[:], wantPassword[:])
			if userOK&passwordOK != 1 {
				return nil, AuthError{Realm: realm}
			}
			return next(ctx, request)
		}
	}
}
