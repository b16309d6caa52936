package tracingdiff_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	gokitoc "github.com/go-kit/kit/tracing/opencensus"
	gokithttp "github.com/go-kit/kit/transport/http"
	kitoc "github.com/seedkit/kit/tracing/opencensus"
	kithttp "github.com/seedkit/kit/transport/http"
	"go.opencensus.io/plugin/ochttp/propagation/b3"
	"go.opencensus.io/trace"
)

// ocExporter keeps every exported span; runs find theirs by trace ID.
// trace.RegisterExporter is process-wide, so there is one.
type ocExporter struct {
	mu    sync.Mutex
	spans []*trace.SpanData
}

func (e *ocExporter) ExportSpan(s *trace.SpanData) {
	e.mu.Lock()
	e.spans = append(e.spans, s)
	e.mu.Unlock()
}

func (e *ocExporter) trace(id trace.TraceID) []*trace.SpanData {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []*trace.SpanData
	for _, s := range e.spans {
		if s.TraceID == id {
			out = append(out, s)
		}
	}
	return out
}

var (
	ocOnce sync.Once
	ocExp  = &ocExporter{}
)

func ocSetup() { ocOnce.Do(func() { trace.RegisterExporter(ocExp) }) }

func ocServer() serverParts {
	return serverParts{
		kitMW:   kitoc.TraceEndpoint("server-endpoint"),
		kitOpts: []kithttp.ServerOption{kitoc.HTTPServerTrace(kitoc.WithSampler(trace.AlwaysSample()))},
		gokitMW: gokitoc.TraceEndpoint("server-endpoint"),
		gkOpts:  []gokithttp.ServerOption{gokitoc.HTTPServerTrace(gokitoc.WithSampler(trace.AlwaysSample()))},
	}
}

func ocClient() clientParts {
	return clientParts{
		kitMW:   kitoc.TraceEndpoint("client-endpoint"),
		kitOpts: []kithttp.ClientOption{kitoc.HTTPClientTrace(kitoc.WithSampler(trace.AlwaysSample()), kitoc.WithName("client"))},
		gokitMW: gokitoc.TraceEndpoint("client-endpoint"),
		gkOpts:  []gokithttp.ClientOption{gokitoc.HTTPClientTrace(gokitoc.WithSampler(trace.AlwaysSample()), gokitoc.WithName("client"))},
	}
}

func ocSpans(ds []*trace.SpanData, addr string) []span {
	names := map[trace.SpanID]string{}
	for _, d := range ds {
		names[d.SpanID] = d.Name
	}
	var out []span
	for _, d := range ds {
		s := span{Name: d.Name, Kind: fmt.Sprint(d.SpanKind), Tags: map[string]string{}}
		if d.ParentSpanID != (trace.SpanID{}) {
			if s.Parent = names[d.ParentSpanID]; s.Parent == "" {
				s.Parent = "?"
			}
		}
		for k, v := range d.Attributes {
			s.Tags[k] = fmt.Sprintf("%T:%s", v, scrub(fmt.Sprint(v), addr))
		}
		var ann []string
		for _, a := range d.Annotations {
			ann = append(ann, fmt.Sprintf("%s %v", a.Message, a.Attributes))
		}
		s.Extra = fmt.Sprintf("status=%d:%q remote=%v links=%d annotations=%v", d.Code, d.Message, d.HasRemoteParent, len(d.Links), ann)
		out = append(out, s)
	}
	return out
}

func runOC(t *testing.T, c, s side, body string) []span {
	t.Helper()
	ocSetup()
	ctx, root := trace.StartSpan(context.Background(), "root", trace.WithSampler(trace.AlwaysSample()))
	srv := newServer(s, ocServer())
	addr := strings.TrimPrefix(srv.URL, "http://")
	if _, err := call(t, ctx, c, ocClient(), srv, body); err != nil {
		t.Fatalf("call: %v", err)
	}
	root.End()
	return ocSpans(ocExp.trace(root.SpanContext().TraceID), addr)
}

func TestOpenCensusHTTP(t *testing.T) {
	t.Parallel()
	for _, body := range []string{"ok", "fail"} {
		want := runOC(t, gokit, gokit, body)
		t.Logf("Go kit spans (%s):\n  %s", body, strings.Join(sortSpans(want), "\n  "))
		if len(want) != 5 {
			t.Fatalf("Go kit recorded %d spans, want 5", len(want))
		}
		for _, c := range sides {
			for _, s := range sides {
				t.Run(body+"/client="+string(c)+"/server="+string(s), func(t *testing.T) {
					t.Parallel()
					sameSpans(t, "spans", runOC(t, c, s, body), want)
				})
			}
		}
	}
}

// TestOpenCensusB3Headers compares the B3 headers each client writes with
// the default propagation format.
func TestOpenCensusB3Headers(t *testing.T) {
	t.Parallel()
	ocSetup()
	headers := func(c side) []string {
		got := make(chan http.Header, 1)
		srv := newServerFunc(func(w http.ResponseWriter, r *http.Request) { got <- r.Header.Clone() })
		p := ocClient()
		p.kitMW, p.gokitMW = nil, nil
		if _, err := call(t, context.Background(), c, p, srv, "ok"); err != nil {
			t.Fatal(err)
		}
		h := <-got
		var out []string
		for k := range h {
			if strings.HasPrefix(strings.ToLower(k), "x-b3-") {
				out = append(out, fmt.Sprintf("%s:%d", k, len(h.Get(k))))
			}
		}
		return sortStrings(out)
	}
	k, g := headers(kit), headers(gokit)
	if len(g) == 0 {
		t.Fatal("Go kit wrote no B3 header")
	}
	if strings.Join(k, " ") != strings.Join(g, " ") {
		t.Errorf("B3 headers: kit %v, gokit %v", k, g)
	}
}

// TestOpenCensusPublicServer: a public server starts a new trace linked to
// the caller's span. With an explicit propagation format both libraries
// do the same; without one Go kit dereferences a nil format (the request
// fails) and kit uses B3 (documented).
func TestOpenCensusPublicServer(t *testing.T) {
	t.Parallel()
	ocSetup()
	run := func(t *testing.T, c, s side, explicit bool) ([]span, error) {
		ctx, root := trace.StartSpan(context.Background(), "root", trace.WithSampler(trace.AlwaysSample()))
		kopts := []kitoc.TracerOption{kitoc.IsPublic(true), kitoc.WithSampler(trace.AlwaysSample()), kitoc.WithName("public")}
		gopts := []gokitoc.TracerOption{gokitoc.IsPublic(true), gokitoc.WithSampler(trace.AlwaysSample()), gokitoc.WithName("public")}
		if explicit {
			kopts = append(kopts, kitoc.WithHTTPPropagation(&b3.HTTPFormat{}))
			gopts = append(gopts, gokitoc.WithHTTPPropagation(&b3.HTTPFormat{}))
		}
		var serverTrace trace.TraceID
		var mu sync.Mutex
		grab := func(ctx context.Context, _ *http.Request) context.Context {
			if sp := trace.FromContext(ctx); sp != nil {
				mu.Lock()
				serverTrace = sp.SpanContext().TraceID
				mu.Unlock()
			}
			return ctx
		}
		srv := newServer(s, serverParts{
			kitOpts: []kithttp.ServerOption{kitoc.HTTPServerTrace(kopts...), kithttp.ServerBefore(grab)},
			gkOpts:  []gokithttp.ServerOption{gokitoc.HTTPServerTrace(gopts...), gokithttp.ServerBefore(grab)},
		})
		addr := strings.TrimPrefix(srv.URL, "http://")
		p := ocClient()
		p.kitMW, p.gokitMW = nil, nil
		_, err := call(t, ctx, c, p, srv, "ok")
		root.End()
		mu.Lock()
		defer mu.Unlock()
		if serverTrace == root.SpanContext().TraceID {
			t.Errorf("the public server continued the caller's trace")
		}
		ss := ocSpans(ocExp.trace(root.SpanContext().TraceID), addr)
		ss = append(ss, ocSpans(ocExp.trace(serverTrace), addr)...)
		return ss, err
	}
	want, err := run(t, gokit, gokit, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Go kit spans:\n  %s", strings.Join(sortSpans(want), "\n  "))
	for _, c := range sides {
		for _, s := range sides {
			t.Run("client="+string(c)+"/server="+string(s), func(t *testing.T) {
				t.Parallel()
				got, err := run(t, c, s, true)
				if err != nil {
					t.Fatal(err)
				}
				sameSpans(t, "spans", got, want)
				if s == kit {
					got, err := run(t, c, s, false)
					if err != nil {
						t.Fatalf("kit public server without a format: %v", err)
					}
					sameSpans(t, "spans without an explicit format", got, want)
				} else if _, err := run(t, c, s, false); err == nil {
					t.Error("Go kit's public server without a format did not fail")
				}
			})
		}
	}
}
