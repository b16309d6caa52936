package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	gokithttp "github.com/go-kit/kit/transport/http"
	httptransport "github.com/seedkit/kit/transport/http"
)

// The HTTP cases do one JSON request/response round trip over loopback:
// the client encodes {"a":2,"b":3}, the server decodes it, sums, encodes
// {"v":5}, the client decodes that. Each contender has its own server and a
// keep-alive client.

type sumReq struct {
	A int `json:"a"`
	B int `json:"b"`
}

type sumResp struct {
	V int `json:"v"`
}

func sumEndpoint(_ context.Context, req any) (any, error) {
	r := req.(sumReq)
	return sumResp{V: r.A + r.B}, nil
}

func decodeSumReq(_ context.Context, r *http.Request) (any, error) {
	var req sumReq
	err := json.NewDecoder(r.Body).Decode(&req)
	return req, err
}

func decodeSumResp(_ context.Context, r *http.Response) (any, error) {
	var resp sumResp
	err := json.NewDecoder(r.Body).Decode(&resp)
	return resp, err
}

func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
}

// runRoundTrips serves h and calls the function that mk builds once, for
// the client c and the server's /sum URL, b.N times.
func runRoundTrips(b *testing.B, h http.Handler, mk func(c *http.Client, u *url.URL) func(context.Context) error) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := newClient()
	defer c.CloseIdleConnections()
	u, _ := url.Parse(srv.URL + "/sum")
	call := mk(c, u)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := call(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func rawHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req sumReq
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		resp, _ := sumEndpoint(r.Context(), req)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_ = json.NewEncoder(w).Encode(resp)
	})
}

func rawCall(c *http.Client, u *url.URL) func(context.Context) error {
	target := u.String()
	return func(ctx context.Context) error { return rawRoundTrip(ctx, c, target) }
}

func rawRoundTrip(ctx context.Context, c *http.Client, target string) error {
	body, err := json.Marshal(sumReq{A: 2, B: 3})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var out sumResp
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body) // let the connection be reused
	return check(out)
}

func check(resp any) error {
	if r, ok := resp.(sumResp); !ok || r.V != 5 {
		return fmt.Errorf("bad response %#v", resp)
	}
	return nil
}

func httpGroup() Group {
	return Group{
		Name:     "http: JSON round trip over loopback",
		Baseline: "net/http + encoding/json",
		Target:   "kit <= 1.05x raw (Go kit 1.35x)",
		Cases: []Case{
			{"net/http + encoding/json", func(b *testing.B) {
				runRoundTrips(b, rawHandler(), rawCall)
			}},
			{"kit", func(b *testing.B) {
				h := httptransport.NewServer(sumEndpoint, decodeSumReq, httptransport.EncodeJSONResponse)
				runRoundTrips(b, h, func(c *http.Client, u *url.URL) func(context.Context) error {
					e := httptransport.NewClient(http.MethodPost, u, httptransport.EncodeJSONRequest, decodeSumResp,
						httptransport.SetClient(c)).Endpoint()
					return func(ctx context.Context) error {
						resp, err := e(ctx, sumReq{A: 2, B: 3})
						if err != nil {
							return err
						}
						return check(resp)
					}
				})
			}},
			{"go-kit", func(b *testing.B) {
				h := gokithttp.NewServer(sumEndpoint, decodeSumReq, gokithttp.EncodeJSONResponse)
				runRoundTrips(b, h, func(c *http.Client, u *url.URL) func(context.Context) error {
					e := gokithttp.NewClient(http.MethodPost, u, gokithttp.EncodeJSONRequest, decodeSumResp,
						gokithttp.SetClient(c)).Endpoint()
					return func(ctx context.Context) error {
						resp, err := e(ctx, sumReq{A: 2, B: 3})
						if err != nil {
							return err
						}
						return check(resp)
					}
				})
			}},
		},
	}
}
