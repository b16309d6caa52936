package transportdiff_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	gokitproto "github.com/go-kit/kit/transport/http/proto"
	kitproto "github.com/seedkit/kit/transport/http/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// codedMsg is a proto message that also chooses status and headers.
type codedMsg struct {
	*wrapperspb.StringValue
	code int
	h    http.Header
}

func (m codedMsg) StatusCode() int      { return m.code }
func (m codedMsg) Headers() http.Header { return m.h }

func TestProtoEncodeResponse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		resp any
	}{
		{"message", wrapperspb.String("hello")},
		{"empty message", wrapperspb.String("")},
		{"int message", wrapperspb.Int64(-42)},
		{"status and headers", codedMsg{wrapperspb.String("c"), 201, http.Header{"X-P": {"1", "2"}}}},
		{"204", codedMsg{wrapperspb.String("c"), 204, nil}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kr, gr := httptest.NewRecorder(), httptest.NewRecorder()
			kerr := kitproto.EncodeProtoResponse(context.Background(), kr, tc.resp)
			gerr := gokitproto.EncodeProtoResponse(context.Background(), gr, tc.resp)
			same(t, "error", fmt.Sprint(kerr), fmt.Sprint(gerr))
			same(t, "code", kr.Code, gr.Code)
			if m, ok := tc.resp.(codedMsg); ok && m.h != nil {
				// Documented kit addition: a Headerer response's headers
				// are added, as EncodeJSONResponse does; Go kit's
				// EncodeProtoResponse ignores them.
				same(t, "kit X-P", kr.Header()["X-P"], []string{"1", "2"})
				kr.Header().Del("X-P")
			}
			same(t, "header", kr.Header(), gr.Header())
			same(t, "body", kr.Body.Bytes(), gr.Body.Bytes())
		})
	}
}

// A value that is not a proto.Message: both return an error (with
// different texts) and write nothing, so the Server's error encoder still
// owns the response.
func TestProtoEncodeResponseNotAMessage(t *testing.T) {
	t.Parallel()
	kr, gr := httptest.NewRecorder(), httptest.NewRecorder()
	kerr := kitproto.EncodeProtoResponse(context.Background(), kr, "not proto")
	gerr := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		return gokitproto.EncodeProtoResponse(context.Background(), gr, "not proto")
	}()
	t.Logf("kit: %v %d %v; gokit: %v %d %v", kerr, kr.Code, kr.Header(), gerr, gr.Code, gr.Header())
	if kerr == nil || gerr == nil {
		t.Errorf("errors: kit %v, gokit %v", kerr, gerr)
	}
	if kr.Header().Get("Content-Type") != "" || kr.Body.Len() != 0 {
		t.Errorf("kit wrote %v %q", kr.Header(), kr.Body)
	}
}

func TestProtoEncodeRequest(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		req  any
	}{
		{"message", wrapperspb.String("hello")},
		{"empty", wrapperspb.String("")},
		{"headers", codedMsg{wrapperspb.String("h"), 0, http.Header{"X-P": {"1"}, "Content-Type": {"application/x-own"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			u, ch := backend(t, 200, nil, "")
			send := func(enc func(context.Context, *http.Request, any) error) (seen, error) {
				req, _ := http.NewRequestWithContext(testContext(t), http.MethodPost, u.String(), nil)
				if err := enc(context.Background(), req, tc.req); err != nil {
					return seen{}, err
				}
				c := &http.Client{Transport: &http.Transport{}}
				defer c.CloseIdleConnections()
				res, err := c.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				s := <-ch
				s.ContentLength, s.TransferEncoding = 0, nil
				return s, nil
			}
			k, kerr := send(kitproto.EncodeProtoRequest)
			g, gerr := send(gokitproto.EncodeProtoRequest)
			same(t, "error", fmt.Sprint(kerr), fmt.Sprint(gerr))
			same(t, "request seen", fmt.Sprintf("%+v", k), fmt.Sprintf("%+v", g))
		})
	}
	t.Run("not a message", func(t *testing.T) {
		t.Parallel()
		kr, _ := http.NewRequest(http.MethodPost, "http://h/", nil)
		gr, _ := http.NewRequest(http.MethodPost, "http://h/", nil)
		kerr := kitproto.EncodeProtoRequest(context.Background(), kr, 1)
		gerr := gokitproto.EncodeProtoRequest(context.Background(), gr, 1)
		t.Logf("kit: %v; gokit: %v", kerr, gerr)
		if kerr == nil || gerr == nil {
			t.Errorf("errors: kit %v, gokit %v", kerr, gerr)
		}
	})
}
