package jwt_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	stdjwt "github.com/golang-jwt/jwt/v5"

	"github.com/seedkit/kit/auth/jwt"
	"github.com/seedkit/kit/endpoint"
)

var (
	secret  = []byte("kit test secret, 32 bytes long!!")
	rsaKey  = sync.OnceValue(func() *rsa.PrivateKey { k, _ := rsa.GenerateKey(rand.Reader, 2048); return k })
	hmacKey = func(*stdjwt.Token) (any, error) { return secret, nil }
)

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// sign returns claims signed with method and key, failing the test on error.
func sign(t *testing.T, method stdjwt.SigningMethod, key any, claims stdjwt.Claims) string {
	t.Helper()
	s, err := stdjwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// claimsEndpoint returns the claims NewParser stored in the context.
func claimsEndpoint(ctx context.Context, _ any) (any, error) {
	return ctx.Value(jwt.JWTClaimsContextKey), nil
}

func withToken(ctx context.Context, token any) context.Context {
	return context.WithValue(ctx, jwt.JWTContextKey, token)
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestSignerParserRoundTrip(t *testing.T) {
	t.Parallel()
	rsaPub := func(*stdjwt.Token) (any, error) { return &rsaKey().PublicKey, nil }
	tests := []struct {
		name      string
		method    stdjwt.SigningMethod
		keyFunc   stdjwt.Keyfunc
		factory   jwt.ClaimsFactory
		claims    stdjwt.Claims
		signerKey []byte // nil: sign the token directly with the RSA key
		check     func(t *testing.T, claims any)
	}{
		{"HS256 map claims", stdjwt.SigningMethodHS256, hmacKey, jwt.MapClaimsFactory, stdjwt.MapClaims{"sub": "alice", "n": 1.0}, secret, func(t *testing.T, c any) {
			m, ok := c.(stdjwt.MapClaims)
			if !ok || m["sub"] != "alice" || m["n"] != 1.0 {
				t.Errorf("claims: %#v", c)
			}
		}},
		{"HS512 registered claims", stdjwt.SigningMethodHS512, hmacKey, jwt.StandardClaimsFactory, &stdjwt.RegisteredClaims{Subject: "bob", ExpiresAt: stdjwt.NewNumericDate(time.Now().Add(time.Hour))}, secret, func(t *testing.T, c any) {
			r, ok := c.(*stdjwt.RegisteredClaims)
			if !ok || r.Subject != "bob" {
				t.Errorf("claims: %#v", c)
			}
		}},
		{"nil factory means map claims", stdjwt.SigningMethodHS256, hmacKey, nil, stdjwt.MapClaims{"sub": "carol"}, secret, func(t *testing.T, c any) {
			if m, ok := c.(stdjwt.MapClaims); !ok || m["sub"] != "carol" {
				t.Errorf("claims: %#v", c)
			}
		}},
		{"RS256", stdjwt.SigningMethodRS256, rsaPub, jwt.MapClaimsFactory, stdjwt.MapClaims{"sub": "dave"}, nil, func(t *testing.T, c any) {
			if m, ok := c.(stdjwt.MapClaims); !ok || m["sub"] != "dave" {
				t.Errorf("claims: %#v", c)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			parser := jwt.NewParser(tt.keyFunc, tt.method, tt.factory)(claimsEndpoint)
			var got any
			var err error
			if tt.signerKey != nil {
				var seenKid any
				e := jwt.NewSigner("kid-7", tt.signerKey, tt.method, tt.claims)(func(ctx context.Context, req any) (any, error) {
					tok, _, _ := stdjwt.NewParser().ParseUnverified(ctx.Value(jwt.JWTContextKey).(string), stdjwt.MapClaims{})
					if tok != nil {
						seenKid = tok.Header["kid"]
					}
					return parser(ctx, req)
				})
				got, err = e(ctx, nil)
				if seenKid != "kid-7" {
					t.Errorf("kid header: got %v, want kid-7", seenKid)
				}
			} else {
				got, err = parser(withToken(ctx, sign(t, tt.method, rsaKey(), tt.claims)), nil)
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
		})
	}
}

// TestParserRejects covers the attacks and invalid tokens a server must
// refuse, each with its documented error.
func TestParserRejects(t *testing.T) {
	t.Parallel()
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: func() []byte {
		der, err := x509.MarshalPKIXPublicKey(&rsaKey().PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}()})
	rsaPub := func(*stdjwt.Token) (any, error) { return &rsaKey().PublicKey, nil }
	hour := time.Hour
	now := time.Now()
	valid := sign(t, stdjwt.SigningMethodHS256, secret, stdjwt.MapClaims{"sub": "alice"})
	parts := strings.Split(valid, ".")
	errKeyLookup := errors.New("no key for this kid")

	tests := []struct {
		name    string
		token   any // nil: no token in the context
		method  stdjwt.SigningMethod
		keyFunc stdjwt.Keyfunc
		opts    []stdjwt.ParserOption
		same    error   // the exact error value expected (==), as Go kit returns it
		is      []error // errors the result must match under errors.Is
	}{
		{name: "no token in context", method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenContextMissing},
		{name: "token is not a string", token: []byte(valid), method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenContextMissing},
		{name: "alg none", token: sign(t, stdjwt.SigningMethodNone, stdjwt.UnsafeAllowNoneSignatureType, stdjwt.MapClaims{"sub": "mallory"}),
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrUnexpectedSigningMethod},
		{name: "alg none, hand-made with NONE", token: b64(`{"alg":"NONE","typ":"JWT"}`) + "." + parts[1] + ".",
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, is: []error{jwt.ErrUnexpectedSigningMethod}},
		{name: "algorithm confusion: HS256 signed with the RSA public key", token: sign(t, stdjwt.SigningMethodHS256, pubPEM, stdjwt.MapClaims{"sub": "mallory"}),
			method: stdjwt.SigningMethodRS256, keyFunc: rsaPub, same: jwt.ErrUnexpectedSigningMethod},
		{name: "algorithm confusion against a keyfunc returning PEM bytes", token: sign(t, stdjwt.SigningMethodHS256, pubPEM, stdjwt.MapClaims{"sub": "mallory"}),
			method: stdjwt.SigningMethodRS256, keyFunc: func(*stdjwt.Token) (any, error) { return pubPEM, nil }, same: jwt.ErrUnexpectedSigningMethod},
		{name: "other HMAC strength", token: sign(t, stdjwt.SigningMethodHS384, secret, stdjwt.MapClaims{}),
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrUnexpectedSigningMethod},
		{name: "unknown alg", token: b64(`{"alg":"XX999","typ":"JWT"}`) + "." + parts[1] + "." + parts[2],
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, is: []error{jwt.ErrUnexpectedSigningMethod}},
		{name: "expired", token: sign(t, stdjwt.SigningMethodHS256, secret, stdjwt.MapClaims{"exp": now.Add(-hour).Unix()}),
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenExpired},
		{name: "expired, registered claims", token: sign(t, stdjwt.SigningMethodHS256, secret, &stdjwt.RegisteredClaims{ExpiresAt: stdjwt.NewNumericDate(now.Add(-hour))}),
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenExpired},
		{name: "not valid yet", token: sign(t, stdjwt.SigningMethodHS256, secret, stdjwt.MapClaims{"nbf": now.Add(hour).Unix()}),
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenNotActive},
		{name: "wrong issuer", token: sign(t, stdjwt.SigningMethodHS256, secret, stdjwt.MapClaims{"iss": "evil"}),
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, opts: []stdjwt.ParserOption{stdjwt.WithIssuer("kit")},
			is: []error{jwt.ErrTokenInvalid, stdjwt.ErrTokenInvalidIssuer}},
		{name: "missing issuer", token: valid, method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, opts: []stdjwt.ParserOption{stdjwt.WithIssuer("kit")},
			is: []error{jwt.ErrTokenInvalid, stdjwt.ErrTokenRequiredClaimMissing}},
		{name: "wrong audience", token: sign(t, stdjwt.SigningMethodHS256, secret, stdjwt.MapClaims{"aud": []string{"other"}}),
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, opts: []stdjwt.ParserOption{stdjwt.WithAudience("api")},
			is: []error{jwt.ErrTokenInvalid, stdjwt.ErrTokenInvalidAudience}},
		{name: "expiry required", token: valid, method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, opts: []stdjwt.ParserOption{stdjwt.WithExpirationRequired()},
			is: []error{jwt.ErrTokenInvalid, stdjwt.ErrTokenRequiredClaimMissing}},
		{name: "malformed: one segment", token: "abc", method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenMalformed},
		{name: "malformed: empty", token: "", method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenMalformed},
		{name: "malformed: header not base64", token: "!!!." + parts[1] + "." + parts[2], method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenMalformed},
		{name: "malformed: header not JSON", token: b64("alg=HS256") + "." + parts[1] + "." + parts[2], method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenMalformed},
		{name: "malformed: header JSON not an object", token: b64(`["HS256"]`) + "." + parts[1] + "." + parts[2], method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenMalformed},
		{name: "malformed: claims not JSON", token: parts[0] + "." + b64("{") + "." + parts[2], method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, same: jwt.ErrTokenMalformed},
		{name: "tampered claims", token: parts[0] + "." + b64(`{"sub":"admin"}`) + "." + parts[2],
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, is: []error{stdjwt.ErrTokenSignatureInvalid}},
		{name: "wrong key", token: sign(t, stdjwt.SigningMethodHS256, []byte("another secret"), stdjwt.MapClaims{}),
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, is: []error{stdjwt.ErrTokenSignatureInvalid}},
		{name: "forged and expired: signature first", token: sign(t, stdjwt.SigningMethodHS256, []byte("another secret"), stdjwt.MapClaims{"exp": now.Add(-hour).Unix()}),
			method: stdjwt.SigningMethodHS256, keyFunc: hmacKey, is: []error{stdjwt.ErrTokenSignatureInvalid}},
		{name: "keyfunc error is returned unchanged", token: valid, method: stdjwt.SigningMethodHS256,
			keyFunc: func(*stdjwt.Token) (any, error) { return nil, errKeyLookup }, same: errKeyLookup},
		{name: "nil keyfunc", token: valid, method: stdjwt.SigningMethodHS256},
		{name: "nil method", token: valid, keyFunc: hmacKey, same: jwt.ErrUnexpectedSigningMethod},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			if tt.token != nil {
				ctx = withToken(ctx, tt.token)
			}
			called := false
			e := jwt.NewParserWithOptions(tt.keyFunc, tt.method, jwt.MapClaimsFactory, tt.opts...)(func(context.Context, any) (any, error) {
				called = true
				return nil, nil
			})
			_, err := e(ctx, nil)
			if err == nil || called {
				t.Fatalf("got %v (endpoint called: %v), want an error", err, called)
			}
			if tt.same != nil && err != tt.same {
				t.Errorf("got %v, want exactly %v", err, tt.same)
			}
			for _, want := range tt.is {
				if !errors.Is(err, want) {
					t.Errorf("got %v, want it to match %v", err, want)
				}
			}
		})
	}
}

func TestParserNilClaims(t *testing.T) {
	t.Parallel()
	ctx := withToken(testContext(t), sign(t, stdjwt.SigningMethodHS256, secret, stdjwt.MapClaims{}))
	e := jwt.NewParser(hmacKey, stdjwt.SigningMethodHS256, func() stdjwt.Claims { return nil })(endpoint.Nop)
	if _, err := e(ctx, nil); err == nil {
		t.Error("a factory returning nil claims: got nil error")
	}
}

func TestSignerErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		method stdjwt.SigningMethod
		is     error
	}{
		{"nil method", nil, jwt.ErrUnexpectedSigningMethod},
		{"RSA method with a []byte key", stdjwt.SigningMethodRS256, stdjwt.ErrInvalidKeyType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			called := false
			e := jwt.NewSigner("kid", secret, tt.method, stdjwt.MapClaims{})(func(context.Context, any) (any, error) {
				called = true
				return nil, nil
			})
			if _, err := e(testContext(t), nil); !errors.Is(err, tt.is) || called {
				t.Errorf("got %v (endpoint called: %v), want %v", err, called, tt.is)
			}
		})
	}
}

func TestContextKeysAndErrors(t *testing.T) {
	t.Parallel()
	if jwt.JWTTokenContextKey != jwt.JWTContextKey {
		t.Error("JWTTokenContextKey must equal JWTContextKey")
	}
	if jwt.JWTContextKey == jwt.JWTClaimsContextKey {
		t.Error("token and claims keys must differ")
	}
	// A key of another type with the same text must not collide.
	type otherKey string
	ctx := context.WithValue(context.Background(), otherKey("JWTToken"), "x")
	if ctx.Value(jwt.JWTContextKey) != nil {
		t.Error("the context key collides with a string key")
	}
	for err, want := range map[error]string{
		jwt.ErrTokenContextMissing:     "token up for parsing was not passed through the context",
		jwt.ErrTokenInvalid:            "JWT was invalid",
		jwt.ErrTokenExpired:            "JWT is expired",
		jwt.ErrTokenMalformed:          "JWT is malformed",
		jwt.ErrTokenNotActive:          "token is not valid yet",
		jwt.ErrUnexpectedSigningMethod: "unexpected signing method",
	} {
		if err.Error() != want {
			t.Errorf("got %q, want %q", err, want)
		}
	}
}
