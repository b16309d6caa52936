package tracingdiff_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	gokitzipkin "github.com/go-kit/kit/tracing/zipkin"
	gokithttp "github.com/go-kit/kit/transport/http"
	"github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter/recorder"
	kitzipkin "github.com/seedkit/kit/tracing/zipkin"
	kithttp "github.com/seedkit/kit/transport/http"
)

func newZipkinTracer(t *testing.T) (*zipkin.Tracer, *recorder.ReporterRecorder) {
	t.Helper()
	rec := recorder.NewReporter()
	// Unshared spans: the server span gets its own ID, a child of the
	// client's, so parent links are unambiguous.
	tr, err := zipkin.NewTracer(rec, zipkin.WithSampler(zipkin.AlwaysSample), zipkin.WithSharedSpans(false))
	if err != nil {
		t.Fatal(err)
	}
	return tr, rec
}

func zipkinServer(tr *zipkin.Tracer) serverParts {
	tags := map[string]string{"env": "test"}
	return serverParts{
		kitMW:   kitzipkin.TraceEndpoint(tr, "server-endpoint"),
		kitOpts: []kithttp.ServerOption{kitzipkin.HTTPServerTrace(tr, kitzipkin.Name("server"), kitzipkin.Tags(tags))},
		gokitMW: gokitzipkin.TraceEndpoint(tr, "server-endpoint"),
		gkOpts:  []gokithttp.ServerOption{gokitzipkin.HTTPServerTrace(tr, gokitzipkin.Name("server"), gokitzipkin.Tags(tags))},
	}
}

func zipkinClient(tr *zipkin.Tracer) clientParts {
	tags := map[string]string{"side": "client"}
	return clientParts{
		kitMW:   kitzipkin.TraceEndpoint(tr, "client-endpoint"),
		kitOpts: []kithttp.ClientOption{kitzipkin.HTTPClientTrace(tr, kitzipkin.Tags(tags))},
		gokitMW: gokitzipkin.TraceEndpoint(tr, "client-endpoint"),
		gkOpts:  []gokithttp.ClientOption{gokitzipkin.HTTPClientTrace(tr, gokitzipkin.Tags(tags))},
	}
}

// zipkinSpans normalises recorded spans; every span must be of one trace.
func zipkinSpans(t *testing.T, ms []model.SpanModel, addr string) []span {
	t.Helper()
	names := map[model.ID]string{}
	for _, m := range ms {
		names[m.ID] = m.Name
		if m.TraceID != ms[0].TraceID {
			t.Errorf("span %s in trace %s, want %s", m.Name, m.TraceID, ms[0].TraceID)
		}
	}
	var out []span
	for _, m := range ms {
		s := span{Name: m.Name, Kind: string(m.Kind), Tags: map[string]string{}}
		if m.ParentID != nil {
			if s.Parent = names[*m.ParentID]; s.Parent == "" {
				s.Parent = "?"
			}
		}
		for k, v := range m.Tags {
			s.Tags[k] = scrub(v, addr)
		}
		if len(m.Annotations) > 0 {
			s.Extra = "annotations"
		}
		out = append(out, s)
	}
	return out
}

// runZipkin makes one call from a client of side c to a server of side s
// and returns the normalised spans.
func runZipkin(t *testing.T, c, s side, body string) []span {
	t.Helper()
	tr, rec := newZipkinTracer(t)
	srv := newServer(s, zipkinServer(tr))
	addr := strings.TrimPrefix(srv.URL, "http://")
	resp, err := call(t, context.Background(), c, zipkinClient(tr), srv, body)
	if err != nil {
		t.Fatalf("call: %v", err)
	}
	_ = resp
	return zipkinSpans(t, rec.Flush(), addr)
}

func TestZipkinHTTP(t *testing.T) {
	t.Parallel()
	for _, body := range []string{"ok", "fail"} {
		want := runZipkin(t, gokit, gokit, body)
		t.Logf("Go kit spans (%s):\n  %s", body, strings.Join(sortSpans(want), "\n  "))
		if len(want) != 4 {
			t.Fatalf("Go kit recorded %d spans, want 4: %v", len(want), sortSpans(want))
		}
		for _, c := range sides {
			for _, s := range sides {
				t.Run(body+"/client="+string(c)+"/server="+string(s), func(t *testing.T) {
					t.Parallel()
					got := runZipkin(t, c, s, body)
					exp := pinZipkin(want, s, body)
					sameSpans(t, "spans", got, exp)
				})
			}
		}
	}
}

// pinZipkin applies the differences kit documents to Go kit's spans: kit's
// TraceEndpoint tags an error.
func pinZipkin(want []span, s side, body string) []span {
	out := make([]span, len(want))
	for i, sp := range want {
		tags := map[string]string{}
		for k, v := range sp.Tags {
			tags[k] = v
		}
		if s == kit && body == "fail" && sp.Name == "server-endpoint" {
			tags[string(zipkin.TagError)] = errEndpoint.Error()
		}
		sp.Tags = tags
		out[i] = sp
	}
	return out
}

// TestZipkinB3Headers compares the B3 headers each client writes.
func TestZipkinB3Headers(t *testing.T) {
	t.Parallel()
	headers := func(c side) map[string]int {
		tr, _ := newZipkinTracer(t)
		got := make(chan http.Header, 1)
		srv := newServerFunc(func(w http.ResponseWriter, r *http.Request) {
			got <- r.Header.Clone()
		})
		p := zipkinClient(tr)
		p.kitMW, p.gokitMW = nil, nil
		if _, err := call(t, context.Background(), c, p, srv, "ok"); err != nil {
			t.Fatal(err)
		}
		h := <-got
		out := map[string]int{}
		for k := range h {
			if strings.HasPrefix(strings.ToLower(k), "x-b3-") || strings.EqualFold(k, "b3") {
				out[k] = len(h.Get(k))
				if k == "X-B3-Sampled" {
					out[k+"="+h.Get(k)] = 1
				}
			}
		}
		return out
	}
	k, g := headers(kit), headers(gokit)
	t.Logf("kit %v, gokit %v", k, g)
	if len(g) == 0 {
		t.Fatal("Go kit wrote no B3 header")
	}
	if len(k) != len(g) {
		t.Errorf("B3 headers: kit %v, gokit %v", k, g)
	}
	for name, n := range g {
		if k[name] != n {
			t.Errorf("B3 header %s: kit %d bytes, gokit %d", name, k[name], n)
		}
	}
}

// TestZipkinHTTPOptions: the transport options that change what is
// propagated and recorded, in every pairing.
func TestZipkinHTTPOptions(t *testing.T) {
	t.Parallel()
	type opts struct {
		kitServer   []kitzipkin.TracerOption
		gokitServer []gokitzipkin.TracerOption
		kitClient   []kitzipkin.TracerOption
		gokitClient []gokitzipkin.TracerOption
	}
	never := func(*http.Request) bool { return false }
	cases := []struct {
		name string
		o    opts
	}{
		{"client does not propagate", opts{kitClient: []kitzipkin.TracerOption{kitzipkin.AllowPropagation(false)},
			gokitClient: []gokitzipkin.TracerOption{gokitzipkin.AllowPropagation(false)}}},
		{"server does not propagate", opts{kitServer: []kitzipkin.TracerOption{kitzipkin.AllowPropagation(false)},
			gokitServer: []gokitzipkin.TracerOption{gokitzipkin.AllowPropagation(false)}}},
		{"request sampler, no client context", opts{
			kitServer:   []kitzipkin.TracerOption{kitzipkin.RequestSampler(never)},
			gokitServer: []gokitzipkin.TracerOption{gokitzipkin.RequestSampler(never)},
			kitClient:   []kitzipkin.TracerOption{kitzipkin.AllowPropagation(false)},
			gokitClient: []gokitzipkin.TracerOption{gokitzipkin.AllowPropagation(false)},
		}},
		{"request sampler, client context", opts{
			kitServer:   []kitzipkin.TracerOption{kitzipkin.RequestSampler(never)},
			gokitServer: []gokitzipkin.TracerOption{gokitzipkin.RequestSampler(never)},
		}},
	}
	run := func(t *testing.T, o opts, c, s side) []span {
		tr, rec := newZipkinTracer(t)
		srv := newServer(s, serverParts{
			kitOpts: []kithttp.ServerOption{kitzipkin.HTTPServerTrace(tr, o.kitServer...)},
			gkOpts:  []gokithttp.ServerOption{gokitzipkin.HTTPServerTrace(tr, o.gokitServer...)},
		})
		addr := strings.TrimPrefix(srv.URL, "http://")
		if _, err := call(t, context.Background(), c, clientParts{
			kitOpts: []kithttp.ClientOption{kitzipkin.HTTPClientTrace(tr, o.kitClient...)},
			gkOpts:  []gokithttp.ClientOption{gokitzipkin.HTTPClientTrace(tr, o.gokitClient...)},
		}, srv, "ok"); err != nil {
			t.Fatal(err)
		}
		// Spans of separate traces are fine here: list them without the
		// one-trace check.
		var all []span
		for _, m := range rec.Flush() {
			all = append(all, zipkinSpans(t, []model.SpanModel{m}, addr)...)
		}
		return all
	}
	for _, tc := range cases {
		want := run(t, tc.o, gokit, gokit)
		for _, c := range sides {
			for _, s := range sides {
				t.Run(tc.name+"/client="+string(c)+"/server="+string(s), func(t *testing.T) {
					t.Parallel()
					sameSpans(t, "spans", run(t, tc.o, c, s), want)
				})
			}
		}
	}
}

// TestZipkinClientError: the server is unreachable; the client span is
// tagged with the transport error by both, and kit's TraceEndpoint span as
// well.
func TestZipkinClientError(t *testing.T) {
	t.Parallel()
	run := func(c side) []span {
		tr, rec := newZipkinTracer(t)
		srv := newServerFunc(func(http.ResponseWriter, *http.Request) {})
		addr := strings.TrimPrefix(srv.URL, "http://")
		srv.Close()
		if _, err := call(t, context.Background(), c, zipkinClient(tr), srv, "ok"); err == nil {
			t.Fatal("no error from a closed server")
		}
		return zipkinSpans(t, rec.Flush(), addr)
	}
	k, g := run(kit), run(gokit)
	t.Logf("Go kit: %v", sortSpans(g))
	// kit's TraceEndpoint tags the error too (documented).
	for i := range g {
		if g[i].Name == "client-endpoint" {
			for _, sp := range g {
				if sp.Name == http.MethodPost {
					g[i].Tags[string(zipkin.TagError)] = sp.Tags[string(zipkin.TagError)]
				}
			}
		}
	}
	sameSpans(t, "spans", k, g)
}
