package apicompat_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seedkit/kit/transport/http/proto"
)

var (
	_ func(context.Context, *http.Request, any) error       = proto.EncodeProtoRequest
	_ func(context.Context, http.ResponseWriter, any) error = proto.EncodeProtoResponse
)

func TestProtoValues(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const want = "application/x-protobuf"
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	if err := proto.EncodeProtoRequest(ctx, r, wrapperspb.String("x")); err != nil {
		t.Fatal(err)
	}
	if got := r.Header.Get("Content-Type"); got != want {
		t.Errorf("EncodeProtoRequest: Content-Type %q, want %q", got, want)
	}
	w := httptest.NewRecorder()
	if err := proto.EncodeProtoResponse(ctx, w, wrapperspb.String("x")); err != nil {
		t.Fatal(err)
	}
	if got := w.Header().Get("Content-Type"); got != want {
		t.Errorf("EncodeProtoResponse: Content-Type %q, want %q", got, want)
	}
}
