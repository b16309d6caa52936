package proto_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	pb "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"

	httptransport "github.com/seedkit/kit/transport/http"
	httpproto "github.com/seedkit/kit/transport/http/proto"
)

// A server and a client exchanging protobuf messages (here a well-known
// wrapper type, so no code generation is needed).
func Example() {
	readString := func(r io.Reader) (any, error) {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		msg := new(wrapperspb.StringValue)
		return msg, pb.Unmarshal(b, msg)
	}
	srv := httptest.NewServer(httptransport.NewServer(
		func(_ context.Context, req any) (any, error) {
			return wrapperspb.String(strings.ToUpper(req.(*wrapperspb.StringValue).GetValue())), nil
		},
		func(_ context.Context, r *http.Request) (any, error) { return readString(r.Body) },
		httpproto.EncodeProtoResponse,
	))
	defer srv.Close()

	u, _ := url.Parse(srv.URL)
	upper := httptransport.NewClient(http.MethodPost, u, httpproto.EncodeProtoRequest,
		func(_ context.Context, resp *http.Response) (any, error) { return readString(resp.Body) },
	).Endpoint()
	res, err := upper(context.Background(), wrapperspb.String("protobuf"))
	fmt.Println(res.(*wrapperspb.StringValue).GetValue(), err)
	// Output: PROTOBUF <nil>
}
