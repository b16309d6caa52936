package jwt_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/auth/jwt"
)

var authorizationSeeds = []string{
	"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig",
	"bearer x",
	"Bearer ",
	"Bearer",
	"Bearer  x",
	"Bearer a b",
	"Basic dXNlcjpwYXNz",
	"",
	" ",
	"BEARER\x00 \xff",
	"Bearer\tx",
}

// checkExtraction verifies what a *ToContext function did with value: it
// found a token exactly when value is "<bearer, any case> <token without
// spaces>", and a found token survives a round trip through send and
// receive.
func checkExtraction(ctx context.Context, t *testing.T, value string, roundTrip func(context.Context) context.Context) {
	t.Helper()
	token, found := ctx.Value(jwt.JWTContextKey).(string)
	scheme, rest, hasSpace := strings.Cut(value, " ")
	want := hasSpace && strings.EqualFold(scheme, "bearer") && !strings.Contains(rest, " ")
	if found != want {
		t.Fatalf("%q: found=%v, want %v", value, found, want)
	}
	if !found {
		return
	}
	if token != rest {
		t.Fatalf("%q: token %q, want %q", value, token, rest)
	}
	again, ok := roundTrip(ctx).Value(jwt.JWTContextKey).(string)
	if !ok || again != token {
		t.Fatalf("%q: round trip gave %q, %v; want %q", value, again, ok, token)
	}
}

func FuzzHTTPToContext(f *testing.F) {
	for _, s := range authorizationSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		r := &http.Request{Header: http.Header{"Authorization": {value}}}
		ctx := jwt.HTTPToContext()(context.Background(), r)
		checkExtraction(ctx, t, value, func(ctx context.Context) context.Context {
			out := &http.Request{Header: http.Header{}}
			jwt.ContextToHTTP()(ctx, out)
			return jwt.HTTPToContext()(context.Background(), out)
		})
	})
}

func FuzzGRPCToContext(f *testing.F) {
	for _, s := range authorizationSeeds {
		f.Add(s, "Bearer second")
	}
	f.Fuzz(func(t *testing.T, first, second string) {
		md := metadata.MD{"authorization": {first, second}}
		ctx := jwt.GRPCToContext()(context.Background(), md)
		checkExtraction(ctx, t, first, func(ctx context.Context) context.Context {
			var out metadata.MD
			jwt.ContextToGRPC()(ctx, &out)
			return jwt.GRPCToContext()(context.Background(), out)
		})
	})
}
