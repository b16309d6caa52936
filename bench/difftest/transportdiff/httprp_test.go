package transportdiff_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	gokithttprp "github.com/go-kit/kit/transport/httprp"
	kithttprp "github.com/seedkit/kit/transport/httprp"
)

func TestHTTPRPProxiedRequest(t *testing.T) {
	t.Parallel()
	type incoming struct {
		method, path, host, body string
		header                   http.Header
	}
	reqs := []incoming{
		{"GET", "/", "", "", nil},
		{"GET", "/x/y?b=2&b=3", "front.example", "", http.Header{"X-Forwarded-For": {"9.9.9.9"}, "X-Custom": {"c1", "c2"}}},
		{"POST", "/p%20q/r", "", "payload", http.Header{"Connection": {"X-Hop"}, "X-Hop": {"drop me"}, "User-Agent": {"ua/1"}, "X-Forwarded-Proto": {"https"}, "Forwarded": {"for=1.1.1.1"}}},
		{"PUT", "/a//b/../c", "", "", http.Header{"X-Forwarded-Host": {"orig.example"}}},
	}
	bases := []string{"", "/base", "/base/", "/base?a=1", "/?a=1&b=0"}
	for _, base := range bases {
		for i, in := range reqs {
			t.Run(fmt.Sprintf("%q/%d", base, i), func(t *testing.T) {
				t.Parallel()
				got := make(chan string, 1)
				backend := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					b, _ := io.ReadAll(r.Body)
					h := r.Header.Clone()
					h.Del("Accept-Encoding")
					xff := h.Get("X-Forwarded-For")
					h.Del("X-Forwarded-For")
					host := r.Host
					if strings.HasPrefix(host, "127.0.0.1:") {
						host = "BACKEND"
					}
					got <- fmt.Sprintf("%s %s ?%s host=%s xff=%q body=%q header=%v", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, host, xff, b, h)
					w.Header().Set("X-Backend", "yes")
					w.WriteHeader(http.StatusAccepted)
					_, _ = io.WriteString(w, "from backend")
				}))
				bu, _ := url.Parse(backend.String() + base)
				before := func(ctx context.Context, r *http.Request) context.Context {
					r.Header.Set("X-Before", "set")
					return ctx
				}
				run := func(h http.Handler) (string, snapshot) {
					front := startServer(t, h)
					req, err := http.NewRequestWithContext(testContext(t), in.method, front.String()+in.path, strings.NewReader(in.body))
					if err != nil {
						t.Fatal(err)
					}
					for k, vs := range in.header {
						req.Header[k] = vs
					}
					if in.host != "" {
						req.Host = in.host
					}
					c := &http.Client{Transport: &http.Transport{}}
					defer c.CloseIdleConnections()
					res, err := c.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					defer res.Body.Close()
					b, _ := io.ReadAll(res.Body)
					res.Header.Del("Date")
					s := <-got
					s = strings.ReplaceAll(s, front.Host, "FRONT")
					return s, snapshot{res.StatusCode, res.Header, string(b)}
				}
				ks, kr := run(kithttprp.NewServer(bu, kithttprp.ServerBefore(before)))
				gs, gr := run(gokithttprp.NewServer(bu, gokithttprp.ServerBefore(before)))
				t.Logf("kit:   %s", ks)
				same(t, "request seen by backend", ks, gs)
				same(t, "response", kr.String(), gr.String())
			})
		}
	}
}
