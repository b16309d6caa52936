package tracingdiff_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	gokitendpoint "github.com/go-kit/kit/endpoint"
	gokithttp "github.com/go-kit/kit/transport/http"
	kitendpoint "github.com/seedkit/kit/endpoint"
	kithttp "github.com/seedkit/kit/transport/http"
)

// side names which library builds one end of the call.
type side string

const (
	kit   side = "kit"
	gokit side = "gokit"
)

var sides = []side{kit, gokit}

// errEndpoint is what the server endpoint returns when a call asks it to
// fail.
var errEndpoint = errors.New("endpoint failed")

// serverEndpoint answers "ok", or fails with errEndpoint when the request
// body is "fail".
func serverEndpoint(_ context.Context, req any) (any, error) {
	if req.(string) == "fail" {
		return nil, errEndpoint
	}
	return "ok", nil
}

func decodeBody(_ context.Context, r *http.Request) (any, error) {
	b, err := io.ReadAll(r.Body)
	return string(b), err
}

func encodeText(_ context.Context, w http.ResponseWriter, resp any) error {
	_, err := io.WriteString(w, resp.(string))
	return err
}

func encodeBody(_ context.Context, r *http.Request, req any) error {
	r.Body = io.NopCloser(strings.NewReader(req.(string)))
	return nil
}

func decodeResponse(_ context.Context, r *http.Response) (any, error) {
	b, err := io.ReadAll(r.Body)
	return string(b), err
}

// serverParts are one library's tracing hooks for a server.
type serverParts struct {
	kitMW   kitendpoint.Middleware
	kitOpts []kithttp.ServerOption
	gokitMW gokitendpoint.Middleware
	gkOpts  []gokithttp.ServerOption
}

// clientParts are one library's tracing hooks for a client.
type clientParts struct {
	kitMW   kitendpoint.Middleware
	kitOpts []kithttp.ClientOption
	gokitMW gokitendpoint.Middleware
	gkOpts  []gokithttp.ClientOption
}

// newServer serves serverEndpoint with s's transport and hooks.
func newServer(s side, p serverParts) *httptest.Server {
	var h http.Handler
	if s == kit {
		e := kitendpoint.Endpoint(serverEndpoint)
		if p.kitMW != nil {
			e = p.kitMW(e)
		}
		h = kithttp.NewServer(e, decodeBody, encodeText, p.kitOpts...)
	} else {
		e := gokitendpoint.Endpoint(serverEndpoint)
		if p.gokitMW != nil {
			e = p.gokitMW(e)
		}
		h = gokithttp.NewServer(e, decodeBody, encodeText, p.gkOpts...)
	}
	return start(h)
}

// start serves h on loopback; the server's error log (Go kit's panics in
// the pinned tests) is discarded.
func start(h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = stdlog.New(io.Discard, "", 0)
	srv.Start()
	return srv
}

// call sends body from a client of side s to srv and waits for the server
// to finish handling it (Close waits for outstanding requests), so every
// span has ended when it returns. ctx carries the caller's parent span, if
// any.
func call(t *testing.T, ctx context.Context, s side, p clientParts, srv *httptest.Server, body string) (any, error) {
	t.Helper()
	defer srv.Close()
	u, err := url.Parse(srv.URL + "/path")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	client := srv.Client()
	defer client.CloseIdleConnections()
	if s == kit {
		opts := append([]kithttp.ClientOption{kithttp.SetClient(client)}, p.kitOpts...)
		e := kithttp.NewClient(http.MethodPost, u, encodeBody, decodeResponse, opts...).Endpoint()
		if p.kitMW != nil {
			e = p.kitMW(e)
		}
		return e(ctx, body)
	}
	opts := append([]gokithttp.ClientOption{gokithttp.SetClient(client)}, p.gkOpts...)
	e := gokithttp.NewClient(http.MethodPost, u, encodeBody, decodeResponse, opts...).Endpoint()
	if p.gokitMW != nil {
		e = p.gokitMW(e)
	}
	return e(ctx, body)
}

// span is a recorded span made comparable: IDs replaced by the names of
// the spans they point to, and addresses that change per run replaced.
type span struct {
	Name   string
	Kind   string
	Parent string // the parent's Name, "" for a root, "?" when not recorded
	Tags   map[string]string
	Extra  string // library-specific details (status, logs, links)
}

func (s span) String() string {
	keys := make([]string, 0, len(s.Tags))
	for k := range s.Tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%s kind=%s parent=%s", s.Name, s.Kind, s.Parent)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%q", k, s.Tags[k])
	}
	if s.Extra != "" {
		fmt.Fprintf(&b, " {%s}", s.Extra)
	}
	return b.String()
}

// sortSpans orders spans by their text.
func sortSpans(ss []span) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.String()
	}
	slices.Sort(out)
	return out
}

// scrub replaces the server's address in v.
func scrub(v, addr string) string {
	v = strings.ReplaceAll(v, addr, "HOST:PORT")
	host, port, _ := strings.Cut(addr, ":")
	if v == port {
		return "PORT"
	}
	if v == host {
		return "HOST"
	}
	return v
}

func sameSpans(t *testing.T, what string, got, want []span) {
	t.Helper()
	g, w := sortSpans(got), sortSpans(want)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s: spans differ\n  got:\n    %s\n  want:\n    %s", what, strings.Join(g, "\n    "), strings.Join(w, "\n    "))
	}
}

// newServerFunc serves f, for tests that look at what a client sent.
func newServerFunc(f http.HandlerFunc) *httptest.Server { return start(f) }

func sortStrings(s []string) []string {
	slices.Sort(s)
	return s
}
