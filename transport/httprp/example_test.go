package httprp_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"

	httptransport "github.com/seedkit/kit/transport/http"
	"github.com/seedkit/kit/transport/httprp"
)

func ExampleNewServer() {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "backend got %s with X-Via=%s", r.URL.Path, r.Header.Get("X-Via"))
	}))
	defer backend.Close()

	base, _ := url.Parse(backend.URL + "/api")
	proxy := httptest.NewServer(httprp.NewServer(base,
		httprp.ServerBefore(httprp.RequestFunc(httptransport.SetRequestHeader("X-Via", "gateway"))),
	))
	defer proxy.Close()

	resp, err := http.Get(proxy.URL + "/users/1")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	fmt.Println(string(b))
	// Output: backend got /api/users/1 with X-Via=gateway
}
