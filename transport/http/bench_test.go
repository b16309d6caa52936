package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	httptransport "github.com/seedkit/kit/transport/http"
)

type sumRequest struct {
	A int    `json:"a"`
	B int    `json:"b"`
	S string `json:"s"`
}

type sumResponse struct {
	V int    `json:"v"`
	S string `json:"s"`
}

func sum(req sumRequest) sumResponse { return sumResponse{V: req.A + req.B, S: req.S} }

// BenchmarkRoundTrip compares a kit server and client against the same work
// written directly with net/http and encoding/json, over loopback.
func BenchmarkRoundTrip(b *testing.B) {
	req := sumRequest{A: 1, B: 2, S: "the quick brown fox jumps over the lazy dog"}

	b.Run("kit", func(b *testing.B) {
		h := httptransport.NewServer(
			func(_ context.Context, r any) (any, error) { return sum(r.(sumRequest)), nil },
			func(_ context.Context, r *http.Request) (any, error) {
				var req sumRequest
				err := json.NewDecoder(r.Body).Decode(&req)
				return req, err
			},
			httptransport.EncodeJSONResponse,
		)
		srv := httptest.NewServer(h)
		defer srv.Close()
		u, _ := url.Parse(srv.URL)
		call := httptransport.NewClient(http.MethodPost, u, httptransport.EncodeJSONRequest,
			func(_ context.Context, resp *http.Response) (any, error) {
				var res sumResponse
				err := json.NewDecoder(resp.Body).Decode(&res)
				return res, err
			},
			httptransport.SetClient(srv.Client()),
		).Endpoint()
		ctx := context.Background()
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				res, err := call(ctx, req)
				if err != nil || res.(sumResponse).V != 3 {
					b.Errorf("%v %v", res, err)
					return
				}
			}
		})
	})

	b.Run("raw", func(b *testing.B) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var req sumRequest
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			_ = json.NewEncoder(w).Encode(sum(req))
		}))
		defer srv.Close()
		client := srv.Client()
		ctx := context.Background()
		call := func(req sumRequest) (sumResponse, error) {
			var buf bytes.Buffer
			if err := json.NewEncoder(&buf).Encode(req); err != nil {
				return sumResponse{}, err
			}
			r, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, &buf)
			if err != nil {
				return sumResponse{}, err
			}
			r.Header.Set("Content-Type", "application/json; charset=utf-8")
			resp, err := client.Do(r)
			if err != nil {
				return sumResponse{}, err
			}
			defer resp.Body.Close()
			var res sumResponse
			err = json.NewDecoder(resp.Body).Decode(&res)
			_, _ = io.Copy(io.Discard, resp.Body)
			return res, err
		}
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				res, err := call(req)
				if err != nil || res.V != 3 {
					b.Errorf("%v %v", res, err)
					return
				}
			}
		})
	})
}
