package http_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	httptransport "github.com/seedkit/kit/transport/http"
)

type headeredRequest struct {
	S string `json:"s" xml:"s"`
}

func (headeredRequest) Headers() http.Header {
	return http.Header{"X-Multi": {"1", "2"}, "x-lower": {"v"}}
}

func TestEncodeRequests(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		enc         httptransport.EncodeRequestFunc
		contentType string
		decode      func([]byte, any) error
	}{
		{"json", httptransport.EncodeJSONRequest, "application/json; charset=utf-8", json.Unmarshal},
		{"xml", httptransport.EncodeXMLRequest, "text/xml; charset=utf-8", xml.Unmarshal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := http.NewRequest(http.MethodPost, "http://example.invalid/", nil)
			if err != nil {
				t.Fatal(err)
			}
			r.Header.Set("X-Multi", "old")
			if err := tc.enc(context.Background(), r, headeredRequest{S: "hi"}); err != nil {
				t.Fatal(err)
			}
			if got := r.Header.Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type = %q", got)
			}
			if got := r.Header["X-Multi"]; fmt.Sprint(got) != "[1 2]" {
				t.Errorf("X-Multi = %v", got)
			}
			if got := r.Header.Get("X-Lower"); got != "v" {
				t.Errorf("X-Lower = %q", got)
			}
			body, err := io.ReadAll(r.Body)
			if err != nil {
				t.Fatal(err)
			}
			if r.ContentLength != int64(len(body)) || r.ContentLength == 0 {
				t.Errorf("ContentLength = %d, body %d bytes", r.ContentLength, len(body))
			}
			var back headeredRequest
			if err := tc.decode(body, &back); err != nil || back.S != "hi" {
				t.Errorf("decoded %+v, %v", back, err)
			}
			if r.GetBody == nil {
				t.Fatal("GetBody not set")
			}
			again, err := r.GetBody()
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := io.ReadAll(again); string(b) != string(body) {
				t.Errorf("GetBody replay = %q, want %q", b, body)
			}
		})
	}
}

func TestEncodeRequestErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		enc  httptransport.EncodeRequestFunc
		req  any
	}{
		{"json channel", httptransport.EncodeJSONRequest, make(chan int)},
		{"xml map", httptransport.EncodeXMLRequest, map[string]int{"a": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := &http.Request{} // no Header map: must not panic
			if err := tc.enc(context.Background(), r, tc.req); err == nil {
				t.Error("want an error")
			}
		})
	}
}

type statusResponse struct {
	code int
	V    string `json:"v"`
}

func (s statusResponse) StatusCode() int { return s.code }
func (s statusResponse) Headers() http.Header {
	return http.Header{"X-A": {"1", "2"}}
}

func TestEncodeJSONResponse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		res  any
		code int
		body string
		xa   string
	}{
		{"plain", map[string]int{"a": 1}, 200, `{"a":1}` + "\n", ""},
		{"status and headers", statusResponse{201, "x"}, 201, `{"v":"x"}` + "\n", "[1 2]"},
		{"no content", statusResponse{204, "x"}, 204, "", "[1 2]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			if err := httptransport.EncodeJSONResponse(context.Background(), rec, tc.res); err != nil {
				t.Fatal(err)
			}
			if rec.Code != tc.code || rec.Body.String() != tc.body {
				t.Errorf("got %d %q, want %d %q", rec.Code, rec.Body.String(), tc.code, tc.body)
			}
			if got := rec.Header().Get("Content-Type"); got != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", got)
			}
			if tc.xa != "" && fmt.Sprint(rec.Header()["X-A"]) != tc.xa {
				t.Errorf("X-A = %v", rec.Header()["X-A"])
			}
		})
	}
	if err := httptransport.EncodeJSONResponse(context.Background(), httptest.NewRecorder(), func() {}); err == nil {
		t.Error("unencodable response: want an error")
	}
}

func TestPopulateRequestContext(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest(http.MethodPatch, "http://example.com/some/path?q=1", nil)
	r.RemoteAddr = "10.0.0.1:1234"
	for k, v := range map[string]string{
		"X-Forwarded-For":   "1.2.3.4",
		"X-Forwarded-Proto": "https",
		"Authorization":     "Bearer x",
		"Referer":           "http://ref",
		"User-Agent":        "ua/1",
		"X-Request-Id":      "rid",
		"Accept":            "application/json",
	} {
		r.Header.Set(k, v)
	}
	ctx := httptransport.PopulateRequestContext(context.Background(), r)
	for _, tc := range []struct {
		key  any
		want string
	}{
		{httptransport.ContextKeyRequestMethod, "PATCH"},
		{httptransport.ContextKeyRequestURI, "http://example.com/some/path?q=1"},
		{httptransport.ContextKeyRequestPath, "/some/path"},
		{httptransport.ContextKeyRequestProto, "HTTP/1.1"},
		{httptransport.ContextKeyRequestHost, "example.com"},
		{httptransport.ContextKeyRequestRemoteAddr, "10.0.0.1:1234"},
		{httptransport.ContextKeyRequestXForwardedFor, "1.2.3.4"},
		{httptransport.ContextKeyRequestXForwardedProto, "https"},
		{httptransport.ContextKeyRequestAuthorization, "Bearer x"},
		{httptransport.ContextKeyRequestReferer, "http://ref"},
		{httptransport.ContextKeyRequestUserAgent, "ua/1"},
		{httptransport.ContextKeyRequestXRequestID, "rid"},
		{httptransport.ContextKeyRequestAccept, "application/json"},
	} {
		if got, _ := ctx.Value(tc.key).(string); got != tc.want {
			t.Errorf("key %v = %q, want %q", tc.key, got, tc.want)
		}
	}
	// Absent headers are stored as empty strings.
	empty := httptransport.PopulateRequestContext(context.Background(), httptest.NewRequest(http.MethodGet, "/", nil))
	if v, ok := empty.Value(httptransport.ContextKeyRequestXRequestID).(string); !ok || v != "" {
		t.Errorf("absent header = %q, %v", v, ok)
	}
}

func TestContextKeysDistinct(t *testing.T) {
	t.Parallel()
	keys := []any{
		httptransport.ContextKeyRequestMethod, httptransport.ContextKeyRequestURI,
		httptransport.ContextKeyRequestPath, httptransport.ContextKeyRequestProto,
		httptransport.ContextKeyRequestHost, httptransport.ContextKeyRequestRemoteAddr,
		httptransport.ContextKeyRequestXForwardedFor, httptransport.ContextKeyRequestXForwardedProto,
		httptransport.ContextKeyRequestAuthorization, httptransport.ContextKeyRequestReferer,
		httptransport.ContextKeyRequestUserAgent, httptransport.ContextKeyRequestXRequestID,
		httptransport.ContextKeyRequestAccept, httptransport.ContextKeyResponseHeaders,
		httptransport.ContextKeyResponseSize,
	}
	seen := map[any]bool{}
	for _, k := range keys {
		if seen[k] {
			t.Errorf("duplicate key %v", k)
		}
		seen[k] = true
	}
}

func TestHeaderHelpers(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	ctx := context.Background()
	httptransport.SetContentType("text/csv")(ctx, rec)
	httptransport.SetResponseHeader("X-A", "1")(ctx, rec)
	httptransport.SetResponseHeader("X-A", "2")(ctx, rec)
	if rec.Header().Get("Content-Type") != "text/csv" || fmt.Sprint(rec.Header()["X-A"]) != "[2]" {
		t.Errorf("response headers %v", rec.Header())
	}
	r := httptest.NewRequest(http.MethodGet, "/", strings.NewReader(""))
	if got := httptransport.SetRequestHeader("X-B", "3")(ctx, r); got != ctx {
		t.Error("SetRequestHeader must return the context unchanged")
	}
	if r.Header.Get("X-B") != "3" {
		t.Errorf("request headers %v", r.Header)
	}
	if req, err := httptransport.NopRequestDecoder(ctx, r); req != nil || err != nil {
		t.Errorf("NopRequestDecoder = %v, %v", req, err)
	}
}
