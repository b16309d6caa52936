package jwt_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/auth/jwt"
)

func TestHTTPToContext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		header []string // Authorization values; nil: no header
		token  string
		ok     bool
	}{
		{"bearer", []string{"Bearer tok.en.x"}, "tok.en.x", true},
		{"lower-case scheme", []string{"bearer tok"}, "tok", true},
		{"upper-case scheme", []string{"BEARER tok"}, "tok", true},
		{"empty token", []string{"Bearer "}, "", true},
		{"first header wins", []string{"Bearer one", "Bearer two"}, "one", true},
		{"missing", nil, "", false},
		{"empty", []string{""}, "", false},
		{"scheme only", []string{"Bearer"}, "", false},
		{"two spaces", []string{"Bearer  tok"}, "", false},
		{"three parts", []string{"Bearer tok extra"}, "", false},
		{"other scheme", []string{"Basic dXNlcjpwYXNz"}, "", false},
		{"tab separator", []string{"Bearer\ttok"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := http.NewRequestWithContext(testContext(t), http.MethodGet, "http://example.invalid/", nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range tt.header {
				r.Header.Add("Authorization", v)
			}
			ctx := jwt.HTTPToContext()(r.Context(), r)
			token, ok := ctx.Value(jwt.JWTContextKey).(string)
			if ok != tt.ok || token != tt.token {
				t.Errorf("got %q, %v; want %q, %v", token, ok, tt.token, tt.ok)
			}
		})
	}
	if ctx := jwt.HTTPToContext()(context.Background(), nil); ctx.Value(jwt.JWTContextKey) != nil {
		t.Error("nil request: token found")
	}
}

func TestContextToHTTP(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		value any // in the context; nil: absent
		want  []string
	}{
		{"token", "abc.def.ghi", []string{"Bearer abc.def.ghi"}},
		{"no token", nil, nil},
		{"not a string", 42, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			if tt.value != nil {
				ctx = withToken(ctx, tt.value)
			}
			r := &http.Request{} // nil Header
			if got := jwt.ContextToHTTP()(ctx, r); got != ctx {
				t.Error("the context changed")
			}
			if got := r.Header.Values("Authorization"); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Authorization: got %q, want %q", got, tt.want)
			}
		})
	}
	jwt.ContextToHTTP()(withToken(context.Background(), "x"), nil) // must not panic
}

func TestGRPCToContext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		md    metadata.MD
		token string
		ok    bool
	}{
		{"bearer", metadata.Pairs("authorization", "Bearer tok"), "tok", true},
		{"first value wins", metadata.MD{"authorization": {"bearer one", "Bearer two"}}, "one", true},
		{"nil metadata", nil, "", false},
		{"no authorization", metadata.Pairs("other", "Bearer tok"), "", false},
		{"no values", metadata.MD{"authorization": {}}, "", false},
		{"upper-case key is not gRPC metadata", metadata.MD{"Authorization": {"Bearer tok"}}, "", false},
		{"other scheme", metadata.Pairs("authorization", "Basic abc"), "", false},
		{"three parts", metadata.Pairs("authorization", "Bearer a b"), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := jwt.GRPCToContext()(testContext(t), tt.md)
			token, ok := ctx.Value(jwt.JWTContextKey).(string)
			if ok != tt.ok || token != tt.token {
				t.Errorf("got %q, %v; want %q, %v", token, ok, tt.token, tt.ok)
			}
		})
	}
}

func TestContextToGRPC(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		value any
		md    metadata.MD
		want  []string
	}{
		{"token into nil metadata", "tok", nil, []string{"Bearer tok"}},
		{"replaces an earlier value", "tok", metadata.Pairs("authorization", "Bearer old", "x", "y"), []string{"Bearer tok"}},
		{"no token", nil, metadata.Pairs("authorization", "Bearer old"), []string{"Bearer old"}},
		{"not a string", 7, metadata.MD{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			if tt.value != nil {
				ctx = withToken(ctx, tt.value)
			}
			md := tt.md
			jwt.ContextToGRPC()(ctx, &md)
			if got := md["authorization"]; strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("authorization: got %q, want %q", got, tt.want)
			}
		})
	}
	jwt.ContextToGRPC()(withToken(context.Background(), "x"), nil) // must not panic
}
