package transportdiff_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"

	gokithttp "github.com/go-kit/kit/transport/http"
	kithttp "github.com/seedkit/kit/transport/http"
)

// seen is what a backend observed of one request.
type seen struct {
	Method, Path, Query string
	Header              http.Header
	ContentLength       int64
	TransferEncoding    []string
	Body                string
}

// backend serves canned responses and reports each request it receives.
func backend(t *testing.T, code int, header http.Header, body string) (*url.URL, chan seen) {
	t.Helper()
	ch := make(chan seen, 4)
	u := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h := r.Header.Clone()
		h.Del("Accept-Encoding")
		h.Del("Content-Length")
		ch <- seen{r.Method, r.URL.Path, r.URL.RawQuery, h, r.ContentLength, r.TransferEncoding, string(b)}
		for k, vs := range header {
			w.Header()[k] = vs
		}
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}))
	return u, ch
}

type hdrReq struct {
	A string `json:"a" xml:"a"`
}

func (hdrReq) Headers() http.Header {
	return http.Header{"X-Req": {"1", "2"}, "content-type": {"application/x-own"}, "User-Agent": {"mine"}}
}

type xmlReq struct {
	XMLName xml.Name `xml:"req"`
	A       string   `xml:"a"`
}

func TestEncodeRequestSeenByServer(t *testing.T) {
	t.Parallel()
	type enc = func(context.Context, *http.Request, any) error
	cases := []struct {
		name       string
		kit, gokit enc
		req        any
	}{
		{"json struct", kithttp.EncodeJSONRequest, gokithttp.EncodeJSONRequest, plainResp{V: "x<&>"}},
		{"json nil", kithttp.EncodeJSONRequest, gokithttp.EncodeJSONRequest, nil},
		{"json headerer", kithttp.EncodeJSONRequest, gokithttp.EncodeJSONRequest, hdrReq{A: "h"}},
		{"xml struct", kithttp.EncodeXMLRequest, gokithttp.EncodeXMLRequest, xmlReq{A: "x<&>"}},
		{"xml headerer", kithttp.EncodeXMLRequest, gokithttp.EncodeXMLRequest, hdrReq{A: "h"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			u, ch := backend(t, 200, nil, "")
			send := func(e enc) seen {
				req, err := http.NewRequestWithContext(testContext(t), http.MethodPost, u.String()+"/x?q=1", nil)
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("X-Req", "pre")
				if err := e(context.Background(), req, tc.req); err != nil {
					t.Fatal(err)
				}
				c := &http.Client{Transport: &http.Transport{}}
				defer c.CloseIdleConnections()
				res, err := c.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				return <-ch
			}
			k, g := send(tc.kit), send(tc.gokit)
			// Documented kit improvement: the encoders buffer the body, so kit
			// sends a Content-Length where Go kit sends the body chunked.
			if k.ContentLength != int64(len(k.Body)) {
				t.Errorf("kit: content length %d for %d bytes", k.ContentLength, len(k.Body))
			}
			if g.ContentLength != -1 || fmt.Sprint(g.TransferEncoding) != "[chunked]" {
				t.Errorf("gokit: content length %d, transfer encoding %v", g.ContentLength, g.TransferEncoding)
			}
			k.ContentLength, g.ContentLength = 0, 0
			k.TransferEncoding, g.TransferEncoding = nil, nil
			if _, ok := tc.req.(hdrReq); ok {
				// Documented kit improvement: a Headerer's headers replace
				// those of the same name with all their values. Go kit sets
				// only the first value of each, and looks it up by the
				// canonical name, so a non-canonical key ("content-type")
				// becomes an empty header.
				same(t, "kit X-Req", k.Header["X-Req"], []string{"1", "2"})
				same(t, "kit Content-Type", k.Header["Content-Type"], []string{"application/x-own"})
				same(t, "gokit X-Req", g.Header["X-Req"], []string{"1"})
				same(t, "gokit Content-Type", g.Header["Content-Type"], []string{""})
				for _, h := range []http.Header{k.Header, g.Header} {
					h.Del("X-Req")
					h.Del("Content-Type")
				}
			}
			same(t, "request seen", fmt.Sprintf("%+v", k), fmt.Sprintf("%+v", g))
		})
	}
	t.Run("errors", func(t *testing.T) {
		t.Parallel()
		for _, e := range [][2]enc{{kithttp.EncodeJSONRequest, gokithttp.EncodeJSONRequest}, {kithttp.EncodeXMLRequest, gokithttp.EncodeXMLRequest}} {
			kr, _ := http.NewRequest(http.MethodPost, "http://h/", nil)
			gr, _ := http.NewRequest(http.MethodPost, "http://h/", nil)
			kerr := e[0](context.Background(), kr, make(chan int))
			gerr := e[1](context.Background(), gr, make(chan int))
			same(t, "error", fmt.Sprint(kerr), fmt.Sprint(gerr))
		}
	})
}

// clientSpec is one client configuration both implementations accept.
type clientSpec struct {
	enc      func(context.Context, *http.Request, any) error // nil: the side's EncodeJSONRequest
	create   func(context.Context, any) (*http.Request, error)
	dec      func(context.Context, *http.Response) (any, error)
	buffered bool
	httpc    interface {
		Do(*http.Request) (*http.Response, error)
	}
	method    string
	finalizer bool
}

func decodeBody(_ context.Context, r *http.Response) (any, error) {
	b, err := io.ReadAll(r.Body)
	return fmt.Sprintf("%d %s", r.StatusCode, b), err
}

func clientBefore(ev *events) func(context.Context, *http.Request) context.Context {
	return func(ctx context.Context, r *http.Request) context.Context {
		r.Header.Set("X-Before", "1")
		ev.add("before %s %s ct=%q", r.Method, r.URL, r.Header.Get("Content-Type"))
		return context.WithValue(ctx, ctxKey("before"), "cb")
	}
}

func clientAfter(ev *events) func(context.Context, *http.Response) context.Context {
	return func(ctx context.Context, r *http.Response) context.Context {
		ev.add("after %d %q before=%v", r.StatusCode, r.Header.Get("X-Resp"), ctx.Value(ctxKey("before")))
		return context.WithValue(ctx, ctxKey("after"), "ca")
	}
}

func describeFinal(ev *events, ctx context.Context, err error, hk, sk any) {
	h, _ := ctx.Value(hk).(http.Header)
	var keys []string
	for k := range h {
		if k != "Date" {
			keys = append(keys, k+"="+strings.Join(h[k], ","))
		}
	}
	sort.Strings(keys)
	ev.add("final err=%v headers=%v size=%v before=%v after=%v", err, keys, ctx.Value(sk), ctx.Value(ctxKey("before")), ctx.Value(ctxKey("after")))
}

func kitClient(u *url.URL, s clientSpec, ev *events) func(context.Context, any) (any, error) {
	opts := []kithttp.ClientOption{kithttp.ClientBefore(clientBefore(ev)), kithttp.ClientAfter(clientAfter(ev)), kithttp.BufferedStream(s.buffered)}
	if s.finalizer {
		opts = append(opts, kithttp.ClientFinalizer(func(ctx context.Context, err error) {
			describeFinal(ev, ctx, err, kithttp.ContextKeyResponseHeaders, kithttp.ContextKeyResponseSize)
		}))
	}
	if s.httpc != nil {
		opts = append(opts, kithttp.SetClient(s.httpc))
	}
	if s.create != nil {
		return kithttp.NewExplicitClient(s.create, s.dec, opts...).Endpoint()
	}
	enc := kithttp.EncodeRequestFunc(kithttp.EncodeJSONRequest)
	if s.enc != nil {
		enc = s.enc
	}
	return kithttp.NewClient(s.method, u, enc, s.dec, opts...).Endpoint()
}

func gokitClient(u *url.URL, s clientSpec, ev *events) func(context.Context, any) (any, error) {
	opts := []gokithttp.ClientOption{gokithttp.ClientBefore(clientBefore(ev)), gokithttp.ClientAfter(clientAfter(ev)), gokithttp.BufferedStream(s.buffered)}
	if s.finalizer {
		opts = append(opts, gokithttp.ClientFinalizer(func(ctx context.Context, err error) {
			describeFinal(ev, ctx, err, gokithttp.ContextKeyResponseHeaders, gokithttp.ContextKeyResponseSize)
		}))
	}
	if s.httpc != nil {
		opts = append(opts, gokithttp.SetClient(s.httpc))
	}
	if s.create != nil {
		return gokithttp.NewExplicitClient(s.create, s.dec, opts...).Endpoint()
	}
	enc := gokithttp.EncodeRequestFunc(gokithttp.EncodeJSONRequest)
	if s.enc != nil {
		enc = s.enc
	}
	return gokithttp.NewClient(s.method, u, enc, s.dec, opts...).Endpoint()
}

// fakeDoer answers every request without a network.
type fakeDoer struct{ ev *events }

func (f fakeDoer) Do(r *http.Request) (*http.Response, error) {
	f.ev.add("do %s %s before-header=%q", r.Method, r.URL, r.Header.Get("X-Before"))
	return &http.Response{
		StatusCode:    299,
		Header:        http.Header{"X-Resp": {"fake"}},
		ContentLength: 4,
		Body:          io.NopCloser(strings.NewReader("fake")),
		Request:       r,
	}, nil
}

func TestClient(t *testing.T) {
	t.Parallel()
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL, _ := url.Parse(dead.URL)
	dead.Close()

	cases := []struct {
		name string
		spec func(ev *events) clientSpec
		req  any
		dead bool
	}{
		{"ok", func(*events) clientSpec { return clientSpec{dec: decodeBody, method: "POST", finalizer: true} }, plainResp{V: "x"}, false},
		{"get without finalizer", func(*events) clientSpec { return clientSpec{dec: decodeBody, method: "GET"} }, nil, false},
		{"decoder error", func(*events) clientSpec {
			return clientSpec{dec: func(context.Context, *http.Response) (any, error) { return nil, errors.New("dec failed") }, method: "PUT", finalizer: true}
		}, 1, false},
		{"encoder error", func(*events) clientSpec {
			return clientSpec{enc: func(context.Context, *http.Request, any) error { return errors.New("enc failed") }, dec: decodeBody, method: "POST", finalizer: true}
		}, 1, false},
		{"json encoder error", func(*events) clientSpec { return clientSpec{dec: decodeBody, method: "POST", finalizer: true} }, make(chan int), false},
		{"bad method", func(*events) clientSpec { return clientSpec{dec: decodeBody, method: "BAD METHOD", finalizer: true} }, 1, false},
		{"dead server", func(*events) clientSpec { return clientSpec{dec: decodeBody, method: "POST", finalizer: true} }, 1, true},
		{"explicit", func(*events) clientSpec {
			return clientSpec{create: func(ctx context.Context, req any) (*http.Request, error) {
				return http.NewRequestWithContext(ctx, http.MethodDelete, "PLACEHOLDER/explicit/"+fmt.Sprint(req), nil)
			}, dec: decodeBody, finalizer: true}
		}, "item", false},
		{"explicit error", func(*events) clientSpec {
			return clientSpec{create: func(context.Context, any) (*http.Request, error) { return nil, errors.New("create failed") }, dec: decodeBody, finalizer: true}
		}, 1, false},
		{"set client", func(ev *events) clientSpec {
			return clientSpec{dec: decodeBody, method: "POST", httpc: fakeDoer{ev}, finalizer: true}
		}, 1, false},
		{"buffered stream", func(*events) clientSpec {
			return clientSpec{dec: func(_ context.Context, r *http.Response) (any, error) { return r.Body, nil }, method: "POST", buffered: true, finalizer: true}
		}, 1, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			run := func(mk func(*url.URL, clientSpec, *events) func(context.Context, any) (any, error)) ([]string, string, seen) {
				u, ch := backend(t, 201, http.Header{"X-Resp": {"r1", "r2"}}, "resp body")
				if tc.dead {
					u = deadURL
				}
				var ev events
				spec := tc.spec(&ev)
				if spec.create != nil {
					create := spec.create
					spec.create = func(ctx context.Context, req any) (*http.Request, error) {
						r, err := create(ctx, req)
						if r != nil {
							r.URL, _ = url.Parse(strings.Replace(r.URL.String(), "PLACEHOLDER", u.String(), 1))
						}
						return r, err
					}
				}
				resp, err := mk(u, spec, &ev)(testContext(t), tc.req)
				if rc, ok := resp.(io.ReadCloser); ok {
					b, _ := io.ReadAll(rc)
					rc.Close()
					resp = "stream: " + string(b)
				}
				out := fmt.Sprintf("resp=%v err=%v", resp, err)
				out = strings.ReplaceAll(out, u.Host, "HOST")
				var s seen
				select {
				case s = <-ch:
					s.Header.Del("Content-Length")
					s.ContentLength, s.TransferEncoding = 0, nil
				default:
				}
				evs := ev.get()
				for i := range evs {
					evs[i] = strings.ReplaceAll(evs[i], u.Host, "HOST")
				}
				return evs, out, s
			}
			kev, kout, ks := run(kitClient)
			gev, gout, gs := run(gokitClient)
			t.Logf("kit: %s %q %+v", kout, kev, ks)
			same(t, "result", kout, gout)
			same(t, "hook events", kev, gev)
			same(t, "request seen", fmt.Sprintf("%+v", ks), fmt.Sprintf("%+v", gs))
		})
	}
}

// Go kit's client finalizers see a canceled context: Go kit cancels the
// call's context before its finalizers run. kit hands them the caller's
// context, still live, which is the documented difference pinned here.
func TestClientFinalizerContext(t *testing.T) {
	t.Parallel()
	u, _ := backend(t, 200, nil, "ok")
	var kerr, gerr error
	_, err := kithttp.NewClient("GET", u, func(context.Context, *http.Request, any) error { return nil }, decodeBody,
		kithttp.ClientFinalizer(func(ctx context.Context, _ error) { kerr = ctx.Err() })).Endpoint()(testContext(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = gokithttp.NewClient("GET", u, func(context.Context, *http.Request, any) error { return nil }, decodeBody,
		gokithttp.ClientFinalizer(func(ctx context.Context, _ error) { gerr = ctx.Err() })).Endpoint()(testContext(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if kerr != nil || !errors.Is(gerr, context.Canceled) {
		t.Errorf("finalizer ctx.Err(): kit %v, gokit %v", kerr, gerr)
	}
}

var _ = bytes.MinRead
