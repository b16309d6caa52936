package proto

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	pb "google.golang.org/protobuf/proto"

	httptransport "github.com/seedkit/kit/transport/http"
)

// contentType is the media type of binary protobuf messages.
const contentType = "application/x-protobuf"

// errNotProtoMessage is wrapped, with the offending type, in the error the
// encoders return for a value that is not a proto.Message.
var errNotProtoMessage = errors.New("value does not implement proto.Message")

// EncodeProtoRequest is an httptransport.EncodeRequestFunc that marshals a
// proto.Message into the request body, with Content-Type
// "application/x-protobuf", Content-Length and GetBody set. If preq
// implements httptransport.Headerer, its headers replace those of the same
// name. A value that is not a proto.Message is an error.
func EncodeProtoRequest(_ context.Context, r *http.Request, preq any) error {
	msg, ok := preq.(pb.Message)
	if !ok {
		return fmt.Errorf("proto: encode request: %T: %w", preq, errNotProtoMessage)
	}
	b, err := pb.Marshal(msg)
	if err != nil {
		return fmt.Errorf("proto: encode request: %w", err)
	}
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	r.Header.Set("Content-Type", contentType)
	if h, ok := preq.(httptransport.Headerer); ok {
		for k, vs := range h.Headers() {
			r.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
		}
	}
	r.ContentLength = int64(len(b))
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	return nil
}

// EncodeProtoResponse is an httptransport.EncodeResponseFunc that writes a
// proto.Message as the response body, with Content-Type
// "application/x-protobuf". If pres implements httptransport.Headerer its
// headers are added (an addition: Go kit's EncodeProtoResponse ignores
// Headerer, while its EncodeJSONResponse honours it); if it implements
// httptransport.StatusCoder its code is the status (200 otherwise), and with
// 204 No Content no body is written.
//
// The message is marshaled before anything is written, so a value that is
// not a proto.Message (or fails to marshal) returns an error and leaves the
// response untouched for the Server's error encoder.
func EncodeProtoResponse(ctx context.Context, w http.ResponseWriter, pres any) error {
	code := http.StatusOK
	if sc, ok := pres.(httptransport.StatusCoder); ok {
		code = sc.StatusCode()
	}
	var b []byte
	if code != http.StatusNoContent {
		msg, ok := pres.(pb.Message)
		if !ok {
			return fmt.Errorf("proto: encode response: %T: %w", pres, errNotProtoMessage)
		}
		var err error
		if b, err = pb.Marshal(msg); err != nil {
			return fmt.Errorf("proto: encode response: %w", err)
		}
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	if hr, ok := pres.(httptransport.Headerer); ok {
		for k, vs := range hr.Headers() {
			for _, v := range vs {
				h.Add(k, v)
			}
		}
	}
	w.WriteHeader(code)
	if code == http.StatusNoContent {
		return nil
	}
	_, err := w.Write(b)
	return err
}
