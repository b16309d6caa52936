package http

import (
	"context"
	"net/http"
)

// RequestFunc is a hook on an *http.Request that returns the context to use
// from then on. A Server calls its RequestFuncs (ServerBefore) with the
// incoming request before decoding it, typically to copy headers into the
// context. A Client calls its RequestFuncs (ClientBefore) with the outgoing
// request just before sending it, typically to set headers from the
// context.
type RequestFunc func(context.Context, *http.Request) context.Context

// ServerResponseFunc is a hook a Server calls (ServerAfter) once the
// endpoint has succeeded and before the response is encoded. It usually sets
// response headers from the context; it must not write the status code or
// the body, which belong to the encoder.
type ServerResponseFunc func(context.Context, http.ResponseWriter) context.Context

// ClientResponseFunc is a hook a Client calls (ClientAfter) with the
// received response before decoding it, usually to move headers into the
// context. It must leave the body to the decoder.
type ClientResponseFunc func(context.Context, *http.Response) context.Context

// SetContentType returns a ServerResponseFunc that sets the Content-Type
// header to the provided value.
func SetContentType(contentType string) ServerResponseFunc {
	return SetResponseHeader("Content-Type", contentType)
}

// SetResponseHeader returns a ServerResponseFunc that sets the given header,
// replacing any value it had.
func SetResponseHeader(key, val string) ServerResponseFunc {
	return func(ctx context.Context, w http.ResponseWriter) context.Context {
		w.Header().Set(key, val)
		return ctx
	}
}

// SetRequestHeader returns a RequestFunc that sets the given header on the
// request, replacing any value it had.
func SetRequestHeader(key, val string) RequestFunc {
	return func(ctx context.Context, r *http.Request) context.Context {
		r.Header.Set(key, val)
		return ctx
	}
}

// PopulateRequestContext is a RequestFunc that copies request fields and
// headers into the context, one string value per ContextKeyRequest* key.
// Absent headers are stored as "". It is meant for ServerBefore.
func PopulateRequestContext(ctx context.Context, r *http.Request) context.Context {
	h := r.Header
	for _, kv := range [...]struct {
		k contextKey
		v string
	}{
		{ContextKeyRequestMethod, r.Method},
		{ContextKeyRequestURI, r.RequestURI},
		{ContextKeyRequestPath, r.URL.Path},
		{ContextKeyRequestProto, r.Proto},
		{ContextKeyRequestHost, r.Host},
		{ContextKeyRequestRemoteAddr, r.RemoteAddr},
		{ContextKeyRequestXForwardedFor, h.Get("X-Forwarded-For")},
		{ContextKeyRequestXForwardedProto, h.Get("X-Forwarded-Proto")},
		{ContextKeyRequestAuthorization, h.Get("Authorization")},
		{ContextKeyRequestReferer, h.Get("Referer")},
		{ContextKeyRequestUserAgent, h.Get("User-Agent")},
		{ContextKeyRequestXRequestID, h.Get("X-Request-Id")},
		{ContextKeyRequestAccept, h.Get("Accept")},
	} {
		ctx = context.WithValue(ctx, kv.k, kv.v)
	}
	return ctx
}

// contextKey is the type of this package's context keys; being unexported,
// it cannot collide with keys of other packages.
type contextKey int

// Context keys. The ContextKeyRequest* keys are set by
// PopulateRequestContext and hold strings. The ContextKeyResponse* keys are
// set for ServerFinalizer and ClientFinalizer functions.
const (
	// ContextKeyRequestMethod holds r.Method.
	ContextKeyRequestMethod contextKey = iota

	// ContextKeyRequestURI holds r.RequestURI.
	ContextKeyRequestURI

	// ContextKeyRequestPath holds r.URL.Path.
	ContextKeyRequestPath

	// ContextKeyRequestProto holds r.Proto.
	ContextKeyRequestProto

	// ContextKeyRequestHost holds r.Host.
	ContextKeyRequestHost

	// ContextKeyRequestRemoteAddr holds r.RemoteAddr.
	ContextKeyRequestRemoteAddr

	// ContextKeyRequestXForwardedFor holds the X-Forwarded-For header.
	ContextKeyRequestXForwardedFor

	// ContextKeyRequestXForwardedProto holds the X-Forwarded-Proto header.
	ContextKeyRequestXForwardedProto

	// ContextKeyRequestAuthorization holds the Authorization header.
	ContextKeyRequestAuthorization

	// ContextKeyRequestReferer holds the Referer header.
	ContextKeyRequestReferer

	// ContextKeyRequestUserAgent holds the User-Agent header.
	ContextKeyRequestUserAgent

	// ContextKeyRequestXRequestID holds the X-Request-Id header.
	ContextKeyRequestXRequestID

	// ContextKeyRequestAccept holds the Accept header.
	ContextKeyRequestAccept

	// ContextKeyResponseHeaders holds the response's http.Header. Servers set
	// it for finalizers (the headers as written) and so do clients when a
	// response was received.
	ContextKeyResponseHeaders

	// ContextKeyResponseSize holds the response size as an int64. For
	// servers it is the number of body bytes written; for clients it is the
	// response's ContentLength (-1 when unknown).
	ContextKeyResponseSize
)
