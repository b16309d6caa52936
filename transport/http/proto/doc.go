// Package proto provides Protocol Buffers encoders for transport/http:
// EncodeProtoRequest for clients and EncodeProtoResponse for servers, both
// using the binary wire format with Content-Type "application/x-protobuf".
// Decoding is left to the service, which knows its message types (see the
// package example).
//
//	package main
//
//	import (
//		"context"
//		"io"
//		"net/http"
//		"strings"
//
//		"google.golang.org/protobuf/proto"
//		"google.golang.org/protobuf/types/known/wrapperspb"
//
//		httptransport "github.com/seedkit/kit/transport/http"
//		httpproto "github.com/seedkit/kit/transport/http/proto"
//	)
//
//	func main() {
//		upper := func(_ context.Context, req any) (any, error) {
//			return wrapperspb.String(strings.ToUpper(req.(*wrapperspb.StringValue).GetValue())), nil
//		}
//		decode := func(_ context.Context, r *http.Request) (any, error) {
//			b, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, 1<<20))
//			if err != nil {
//				return nil, err
//			}
//			msg := new(wrapperspb.StringValue)
//			return msg, proto.Unmarshal(b, msg)
//		}
//		http.Handle("/upper", httptransport.NewServer(upper, decode, httpproto.EncodeProtoResponse))
//		_ = http.ListenAndServe(":8080", nil)
//	}
package proto
