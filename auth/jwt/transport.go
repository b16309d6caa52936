package jwt

import (
	"context"
	stdhttp "net/http"
	"strings"

	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/transport/grpc"
	"github.com/seedkit/kit/transport/http"
)

const bearer = "bearer"

// HTTPToContext returns a transport/http RequestFunc for servers that stores
// the token of the request's "Authorization: Bearer <token>" header in the
// context under JWTContextKey. The scheme is matched case-insensitively; a
// header that is missing or not exactly "<scheme> <token>" (one space) leaves
// the context unchanged.
func HTTPToContext() http.RequestFunc {
	return func(ctx context.Context, r *stdhttp.Request) context.Context {
		if r == nil {
			return ctx
		}
		token, ok := bearerToken(r.Header.Get("Authorization"))
		if !ok {
			return ctx
		}
		return context.WithValue(ctx, JWTContextKey, token)
	}
}

// ContextToHTTP returns a transport/http RequestFunc for clients that adds
// an "Authorization: Bearer <token>" header to the request if the context
// holds a token string under JWTContextKey.
func ContextToHTTP() http.RequestFunc {
	return func(ctx context.Context, r *stdhttp.Request) context.Context {
		token, ok := ctx.Value(JWTContextKey).(string)
		if ok && r != nil {
			if r.Header == nil {
				r.Header = stdhttp.Header{}
			}
			r.Header.Add("Authorization", authorization(token))
		}
		return ctx
	}
}

// GRPCToContext returns a transport/grpc ServerRequestFunc for servers that
// stores the bearer token of the first "authorization" metadata value in the
// context under JWTContextKey, parsed as HTTPToContext parses the header.
// Missing metadata leaves the context unchanged.
func GRPCToContext() grpc.ServerRequestFunc {
	return func(ctx context.Context, md metadata.MD) context.Context {
		// gRPC metadata keys are lower case.
		values := md["authorization"]
		if len(values) == 0 {
			return ctx
		}
		token, ok := bearerToken(values[0])
		if !ok {
			return ctx
		}
		return context.WithValue(ctx, JWTContextKey, token)
	}
}

// ContextToGRPC returns a transport/grpc ClientRequestFunc for clients that
// sets the "authorization" metadata to "Bearer <token>" if the context holds
// a token string under JWTContextKey, replacing any earlier value.
func ContextToGRPC() grpc.ClientRequestFunc {
	return func(ctx context.Context, md *metadata.MD) context.Context {
		token, ok := ctx.Value(JWTContextKey).(string)
		if ok && md != nil {
			if *md == nil {
				*md = metadata.MD{}
			}
			(*md)["authorization"] = []string{authorization(token)}
		}
		return ctx
	}
}

// bearerToken returns the token of an Authorization value "Bearer <token>".
func bearerToken(value string) (string, bool) {
	scheme, token, ok := strings.Cut(value, " ")
	if !ok || !strings.EqualFold(scheme, bearer) || strings.Contains(token, " ") {
		return "", false
	}
	return token, true
}

func authorization(token string) string { return "Bearer " + token }
