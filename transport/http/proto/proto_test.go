package proto_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	pb "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"

	httptransport "github.com/seedkit/kit/transport/http"
	httpproto "github.com/seedkit/kit/transport/http/proto"
)

// statusMessage is a proto message that also chooses status and headers.
type statusMessage struct {
	*wrapperspb.StringValue
	code int
}

func (m statusMessage) StatusCode() int { return m.code }
func (m statusMessage) Headers() http.Header {
	return http.Header{"X-Multi": {"1", "2"}}
}

func TestEncodeProtoRequest(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		req     any
		wantErr bool
	}{
		{"message", wrapperspb.String("hello"), false},
		{"headerer", statusMessage{wrapperspb.String("hi"), 0}, false},
		{"not a message", "hello", true},
		{"nil", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, _ := http.NewRequest(http.MethodPost, "http://example.invalid", nil)
			err := httpproto.EncodeProtoRequest(context.Background(), r, tc.req)
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), "proto.Message") {
					t.Fatalf("err = %v, want a not-a-proto.Message error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ct := r.Header.Get("Content-Type"); ct != "application/x-protobuf" {
				t.Errorf("Content-Type %q", ct)
			}
			b, _ := io.ReadAll(r.Body)
			if int64(len(b)) != r.ContentLength {
				t.Errorf("ContentLength %d, body %d", r.ContentLength, len(b))
			}
			got := new(wrapperspb.StringValue)
			if err := pb.Unmarshal(b, got); err != nil || got.GetValue() == "" {
				t.Errorf("decoded %v, %v", got, err)
			}
			again, _ := r.GetBody()
			if b2, _ := io.ReadAll(again); string(b2) != string(b) {
				t.Error("GetBody differs")
			}
			if _, ok := tc.req.(statusMessage); ok && fmt.Sprint(r.Header["X-Multi"]) != "[1 2]" {
				t.Errorf("X-Multi %v", r.Header["X-Multi"])
			}
		})
	}
}

func TestEncodeProtoResponse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		res     any
		code    int
		value   string
		wantErr bool
	}{
		{"message", wrapperspb.String("v"), 200, "v", false},
		{"status and headers", statusMessage{wrapperspb.String("c"), 201}, 201, "c", false},
		{"no content", statusMessage{nil, 204}, 204, "", false},
		{"not a message", struct{}{}, 0, "", true},
		{"nil", nil, 0, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			err := httpproto.EncodeProtoResponse(context.Background(), rec, tc.res)
			if tc.wantErr {
				if err == nil {
					t.Fatal("want an error")
				}
				if len(rec.Header()) != 0 || rec.Body.Len() != 0 {
					t.Errorf("response written despite the error: %v %q", rec.Header(), rec.Body.String())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rec.Code != tc.code || rec.Header().Get("Content-Type") != "application/x-protobuf" {
				t.Errorf("code %d, headers %v", rec.Code, rec.Header())
			}
			if tc.code == 204 {
				if rec.Body.Len() != 0 {
					t.Error("204 with a body")
				}
				return
			}
			got := new(wrapperspb.StringValue)
			if err := pb.Unmarshal(rec.Body.Bytes(), got); err != nil || got.GetValue() != tc.value {
				t.Errorf("decoded %v, %v", got, err)
			}
		})
	}
}

func decodeString(body io.Reader) (*wrapperspb.StringValue, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	msg := new(wrapperspb.StringValue)
	return msg, pb.Unmarshal(b, msg)
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	h := httptransport.NewServer(
		func(_ context.Context, req any) (any, error) {
			v := req.(*wrapperspb.StringValue).GetValue()
			if v == "bad" {
				return "not a proto message", nil // the encoder reports it
			}
			return wrapperspb.String(strings.ToUpper(v)), nil
		},
		func(_ context.Context, r *http.Request) (any, error) { return decodeString(r.Body) },
		httpproto.EncodeProtoResponse,
	)
	srv := httptest.NewServer(h)
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	client := httptransport.NewClient(http.MethodPost, u, httpproto.EncodeProtoRequest,
		func(_ context.Context, resp *http.Response) (any, error) {
			if resp.StatusCode != http.StatusOK {
				b, _ := io.ReadAll(resp.Body)
				return nil, fmt.Errorf("status %d: %s", resp.StatusCode, b)
			}
			return decodeString(resp.Body)
		},
		httptransport.SetClient(srv.Client()),
	).Endpoint()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	res, err := client(ctx, wrapperspb.String("proto"))
	if err != nil || res.(*wrapperspb.StringValue).GetValue() != "PROTO" {
		t.Errorf("got %v, %v", res, err)
	}
	_, err = client(ctx, wrapperspb.String("bad"))
	if err == nil || !strings.Contains(err.Error(), "status 500") || !strings.Contains(err.Error(), "proto.Message") {
		t.Errorf("err = %v, want a 500 naming proto.Message", err)
	}
	if _, err := client(ctx, "plain string"); err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("non-proto request: err = %v", err)
	}
}
