package thrift

import (
	"context"
	"slices"

	athrift "github.com/apache/thrift/lib/go/thrift"
)

// SetRequestHeader returns a ClientBefore hook that sends the THeader
// key: value with the call. It needs the THeader protocol on both ends.
func SetRequestHeader(key, value string) ClientRequestFunc {
	return func(ctx context.Context) context.Context {
		ctx = athrift.SetHeader(ctx, key, value)
		keys := athrift.GetWriteHeaderList(ctx)
		if !slices.Contains(keys, key) {
			keys = append(slices.Clip(keys), key)
		}
		return athrift.SetWriteHeaderList(ctx, keys)
	}
}

// ServerHeader returns the THeader key the client sent with the call being
// served, and whether it was sent.
func ServerHeader(ctx context.Context, key string) (string, bool) {
	return athrift.GetHeader(ctx, key)
}
