package jwt

import (
	"context"
	"errors"
	"fmt"

	"github.com/golang-jwt/jwt/v5"

	"github.com/seedkit/kit/endpoint"
)

type contextKey string

const (
	// JWTContextKey is the context key of the encoded token (a string): set
	// by NewSigner and the *ToContext request functions, read by NewParser
	// and the ContextTo* request functions.
	JWTContextKey contextKey = "JWTToken"

	// JWTTokenContextKey is the same key as JWTContextKey.
	//
	// Deprecated: use JWTContextKey.
	JWTTokenContextKey = JWTContextKey

	// JWTClaimsContextKey is the context key under which NewParser stores the
	// verified token's claims, as returned by its ClaimsFactory (for example
	// jwt.MapClaims or *jwt.RegisteredClaims).
	JWTClaimsContextKey contextKey = "JWTClaims"
)

var (
	// ErrTokenContextMissing is returned by NewParser when the context holds
	// no token string under JWTContextKey.
	ErrTokenContextMissing = errors.New("token up for parsing was not passed through the context")

	// ErrTokenInvalid is returned by NewParser for a token that failed
	// validation for a reason without its own error here; claims checks
	// configured with NewParserWithOptions wrap it.
	ErrTokenInvalid = errors.New("JWT was invalid")

	// ErrTokenExpired is returned by NewParser for a token whose exp claim
	// is in the past.
	ErrTokenExpired = errors.New("JWT is expired")

	// ErrTokenMalformed is returned by NewParser for a string that is not a
	// JWT (wrong number of segments, bad base64 or JSON).
	ErrTokenMalformed = errors.New("JWT is malformed")

	// ErrTokenNotActive is returned by NewParser for a token whose nbf claim
	// is in the future.
	ErrTokenNotActive = errors.New("token is not valid yet")

	// ErrUnexpectedSigningMethod is returned by NewParser for a token whose
	// alg header is not the configured signing method, "none" included.
	ErrUnexpectedSigningMethod = errors.New("unexpected signing method")
)

// errNoKeyfunc and errNilClaims report a parser built with nil arguments.
var (
	errNoKeyfunc = errors.New("jwt: NewParser was given a nil Keyfunc")
	errNilClaims = errors.New("jwt: the ClaimsFactory returned nil claims")
)

// NewSigner returns an endpoint.Middleware for clients that, on each call,
// signs a token holding claims with key and method, with header kid set to
// kid, and calls the endpoint with the token string stored in the context
// under JWTContextKey. If signing fails (for example because method needs a
// key that is not a []byte, such as RS256), the call fails with the error.
//
// The claims value is shared by all calls and must not be modified while the
// middleware is in use. A nil method fails every call with an error matching
// ErrUnexpectedSigningMethod.
func NewSigner(kid string, key []byte, method jwt.SigningMethod, claims jwt.Claims) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (any, error) {
			if method == nil {
				return nil, fmt.Errorf("%w: nil SigningMethod", ErrUnexpectedSigningMethod)
			}
			token := jwt.NewWithClaims(method, claims)
			token.Header["kid"] = kid
			signed, err := token.SignedString(key)
			if err != nil {
				return nil, err
			}
			return next(context.WithValue(ctx, JWTContextKey, signed), request)
		}
	}
}

// ClaimsFactory returns a new, empty claims value for NewParser to decode a
// token's claims into; it is called once per call.
type ClaimsFactory func() jwt.Claims

// MapClaimsFactory is a ClaimsFactory returning an empty jwt.MapClaims.
func MapClaimsFactory() jwt.Claims {
	return jwt.MapClaims{}
}

// StandardClaimsFactory is a ClaimsFactory returning an empty
// *jwt.RegisteredClaims.
//
// Go kit returns a v4 *jwt.StandardClaims, a type golang-jwt v5 removed;
// RegisteredClaims is its v5 replacement (see the package documentation).
func StandardClaimsFactory() jwt.Claims {
	return &jwt.RegisteredClaims{}
}

// NewParser returns an endpoint.Middleware for servers that verifies the
// token stored in the context under JWTContextKey and calls the endpoint with
// its claims stored under JWTClaimsContextKey.
//
// The token must be signed with method (compared by identity, so pass one of
// v5's SigningMethod variables such as jwt.SigningMethodRS256) and verify with
// the key keyFunc returns; its exp and nbf claims, when present, must hold
// now. Its claims are decoded into a value from newClaims (nil means
// MapClaimsFactory).
//
// The call fails without reaching the endpoint with: ErrTokenContextMissing
// if the context holds no token string; ErrTokenMalformed,
// ErrUnexpectedSigningMethod, ErrTokenExpired or ErrTokenNotActive (these
// values themselves); keyFunc's error unchanged; and for a bad signature,
// golang-jwt's error (errors.Is(err, jwt.ErrTokenSignatureInvalid)). A nil
// keyFunc fails every call.
func NewParser(keyFunc jwt.Keyfunc, method jwt.SigningMethod, newClaims ClaimsFactory) endpoint.Middleware {
	return NewParserWithOptions(keyFunc, method, newClaims)
}

// NewParserWithOptions is NewParser with golang-jwt v5 parser options, for
// example jwt.WithIssuer("https://issuer.example"), jwt.WithAudience("api"),
// jwt.WithExpirationRequired() or jwt.WithLeeway(5*time.Second). A token
// failing a claims check without its own error here fails with an error
// that matches both ErrTokenInvalid and golang-jwt's error (for example
// jwt.ErrTokenInvalidIssuer) under errors.Is.
func NewParserWithOptions(keyFunc jwt.Keyfunc, method jwt.SigningMethod, newClaims ClaimsFactory, opts ...jwt.ParserOption) endpoint.Middleware {
	if newClaims == nil {
		newClaims = MapClaimsFactory
	}
	parser := jwt.NewParser(opts...) // safe for concurrent use once built
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (any, error) {
			tokenString, ok := ctx.Value(JWTContextKey).(string)
			if !ok {
				return nil, ErrTokenContextMissing
			}
			if keyFunc == nil {
				return nil, errNoKeyfunc
			}
			claims := newClaims()
			if claims == nil {
				return nil, errNilClaims
			}
			var keyErr error
			token, err := parser.ParseWithClaims(tokenString, claims, func(token *jwt.Token) (any, error) {
				if token.Method != method {
					keyErr = ErrUnexpectedSigningMethod
					return nil, keyErr
				}
				key, err := keyFunc(token)
				keyErr = err
				return key, err
			})
			if err != nil {
				return nil, parseError(err, keyErr)
			}
			if !token.Valid {
				return nil, ErrTokenInvalid
			}
			return next(context.WithValue(ctx, JWTClaimsContextKey, token.Claims), request)
		}
	}
}

// parseError maps an error of golang-jwt's parser to this package's errors;
// keyErr is the error the key lookup returned, if it ran and failed.
func parseError(err, keyErr error) error {
	switch {
	case keyErr != nil:
		return keyErr
	case errors.Is(err, jwt.ErrTokenMalformed):
		return ErrTokenMalformed
	case errors.Is(err, jwt.ErrTokenExpired):
		return ErrTokenExpired
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return ErrTokenNotActive
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		// The only way to fail here without a key lookup: an unknown alg.
		return fmt.Errorf("%w: %w", ErrUnexpectedSigningMethod, err)
	case errors.Is(err, jwt.ErrTokenInvalidClaims):
		return fmt.Errorf("%w: %w", ErrTokenInvalid, err)
	default:
		return err
	}
}
