package basic_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/seedkit/kit/auth/basic"
	httptransport "github.com/seedkit/kit/transport/http"
)

func ExampleAuthMiddleware() {
	hello := func(context.Context, any) (any, error) { return "hello", nil }
	e := basic.AuthMiddleware("admin", "s3cret", "example")(hello)
	srv := httptest.NewServer(httptransport.NewServer(e,
		httptransport.NopRequestDecoder,
		httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(httptransport.PopulateRequestContext), // puts Authorization in the context
	))
	defer srv.Close()

	for _, password := range []string{"guess", "s3cret"} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		req.SetBasicAuth("admin", password)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("%d %q %q\n", resp.StatusCode, resp.Header.Get("WWW-Authenticate"), strings.TrimSpace(string(body)))
	}
	// Output:
	// 401 "Basic realm=\"example\"" "Unauthorized"
	// 200 "" "\"hello\""
}
