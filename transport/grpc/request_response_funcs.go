package grpc

import (
	"context"
	"encoding/base64"
	"strings"

	"google.golang.org/grpc/metadata"
)

const binHdrSuffix = "-bin"

// ClientRequestFunc may take information from the context and put it into
// the outgoing request metadata, which it receives by pointer. It runs on
// the client, after the request is encoded and before it is sent. See
// ClientBefore.
type ClientRequestFunc func(context.Context, *metadata.MD) context.Context

// ServerRequestFunc may take information from the incoming request metadata
// and put it into the request's context. It runs on the server before the
// request is decoded. See ServerBefore.
type ServerRequestFunc func(context.Context, metadata.MD) context.Context

// ServerResponseFunc may take information from the request's context and
// put it into the response header or trailer metadata, which it receives by
// pointer. It runs on the server after the endpoint succeeded and before the
// response is encoded. See ServerAfter.
type ServerResponseFunc func(ctx context.Context, header *metadata.MD, trailer *metadata.MD) context.Context

// ClientResponseFunc may take information from the reply's header and
// trailer metadata and put it into the context. It runs on the client after
// a successful call and before the reply is decoded. See ClientAfter.
type ClientResponseFunc func(ctx context.Context, header metadata.MD, trailer metadata.MD) context.Context

// SetRequestHeader returns a ClientRequestFunc that appends the pair
// EncodeKeyValue(key, val) to the outgoing metadata.
func SetRequestHeader(key, val string) ClientRequestFunc {
	key, val = EncodeKeyValue(key, val)
	return func(ctx context.Context, md *metadata.MD) context.Context {
		appendPair(md, key, val)
		return ctx
	}
}

// SetResponseHeader returns a ServerResponseFunc that appends the pair
// EncodeKeyValue(key, val) to the response header metadata.
func SetResponseHeader(key, val string) ServerResponseFunc {
	key, val = EncodeKeyValue(key, val)
	return func(ctx context.Context, header *metadata.MD, _ *metadata.MD) context.Context {
		appendPair(header, key, val)
		return ctx
	}
}

// SetResponseTrailer returns a ServerResponseFunc that appends the pair
// EncodeKeyValue(key, val) to the response trailer metadata.
func SetResponseTrailer(key, val string) ServerResponseFunc {
	key, val = EncodeKeyValue(key, val)
	return func(ctx context.Context, _ *metadata.MD, trailer *metadata.MD) context.Context {
		appendPair(trailer, key, val)
		return ctx
	}
}

// appendPair appends val to key in *md, making the map if *md is nil. A nil
// md is ignored.
func appendPair(md *metadata.MD, key, val string) {
	if md == nil {
		return
	}
	if *md == nil {
		*md = metadata.MD{}
	}
	(*md)[key] = append((*md)[key], val)
}

// EncodeKeyValue prepares a key/value pair for gRPC metadata, as the Set*
// functions use it: the key is lower-cased, and the value of a binary key
// (one ending in "-bin") is base64-encoded (standard encoding, padded), so
// the receiving side sees the base64 text, as in Go kit.
func EncodeKeyValue(key, val string) (string, string) {
	key = strings.ToLower(key)
	if strings.HasSuffix(key, binHdrSuffix) {
		val = base64.StdEncoding.EncodeToString([]byte(val))
	}
	return key, val
}

type contextKey int

const (
	// ContextKeyRequestMethod is the context key of the full gRPC method
	// name ("/package.Service/Method"), a string. Client endpoints set it
	// for their codecs and hooks; on the server, Interceptor sets it.
	ContextKeyRequestMethod contextKey = iota
)
