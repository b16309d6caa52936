package tracingdiff_test

import (
	"context"
	"errors"
	"testing"

	gokitendpoint "github.com/go-kit/kit/endpoint"
	gokitlb "github.com/go-kit/kit/sd/lb"
	gokitoc "github.com/go-kit/kit/tracing/opencensus"
	gokitot "github.com/go-kit/kit/tracing/opentracing"
	gokitzipkin "github.com/go-kit/kit/tracing/zipkin"
	"github.com/opentracing/opentracing-go"
	"github.com/opentracing/opentracing-go/mocktracer"
	"github.com/openzipkin/zipkin-go"
	kitendpoint "github.com/seedkit/kit/endpoint"
	kitlb "github.com/seedkit/kit/sd/lb"
	kitoc "github.com/seedkit/kit/tracing/opencensus"
	kitot "github.com/seedkit/kit/tracing/opentracing"
	kitzipkin "github.com/seedkit/kit/tracing/zipkin"
	"go.opencensus.io/trace"
)

// failed is a response carrying a business error (endpoint.Failer of both
// libraries).
type failed struct{ err error }

func (f failed) Failed() error { return f.err }

var errBusiness = errors.New("business rule")

// endpointCase is one outcome of the traced endpoint.
type endpointCase struct {
	name string
	// kitResult and gokitResult are what the inner endpoint returns on each
	// side (the retry error types differ by library).
	kit, gokit func() (any, error)
}

var endpointCases = []endpointCase{
	{name: "ok", kit: func() (any, error) { return "ok", nil }, gokit: func() (any, error) { return "ok", nil }},
	{name: "error", kit: func() (any, error) { return nil, errEndpoint }, gokit: func() (any, error) { return nil, errEndpoint }},
	{name: "business error", kit: func() (any, error) { return failed{errBusiness}, nil }, gokit: func() (any, error) { return failed{errBusiness}, nil }},
	{name: "nil business error", kit: func() (any, error) { return failed{}, nil }, gokit: func() (any, error) { return failed{}, nil }},
	{
		name: "retry error",
		kit: func() (any, error) {
			return nil, kitlb.RetryError{RawErrors: []error{errors.New("one"), errors.New("two")}, Final: errors.New("two")}
		},
		gokit: func() (any, error) {
			return nil, gokitlb.RetryError{RawErrors: []error{errors.New("one"), errors.New("two")}, Final: errors.New("two")}
		},
	},
}

// TestOpenTracingEndpoint: TraceEndpoint, TraceServer and TraceClient with
// every option, below a parent span.
func TestOpenTracingEndpoint(t *testing.T) {
	t.Parallel()
	type mw struct {
		name string
		kit  func(opentracing.Tracer) kitendpoint.Middleware
		gk   func(opentracing.Tracer) gokitendpoint.Middleware
	}
	rename := func(_ context.Context, n string) string { return "renamed-" + n }
	empty := func(context.Context, string) string { return "" }
	tagsFn := func(context.Context) opentracing.Tags { return opentracing.Tags{"dyn": 7, "static": "overridden"} }
	mws := []mw{
		{"endpoint", func(tr opentracing.Tracer) kitendpoint.Middleware { return kitot.TraceEndpoint(tr, "op") },
			func(tr opentracing.Tracer) gokitendpoint.Middleware { return gokitot.TraceEndpoint(tr, "op") }},
		{"server", func(tr opentracing.Tracer) kitendpoint.Middleware { return kitot.TraceServer(tr, "op") },
			func(tr opentracing.Tracer) gokitendpoint.Middleware { return gokitot.TraceServer(tr, "op") }},
		{"client", func(tr opentracing.Tracer) kitendpoint.Middleware { return kitot.TraceClient(tr, "op") },
			func(tr opentracing.Tracer) gokitendpoint.Middleware { return gokitot.TraceClient(tr, "op") }},
		{"options", func(tr opentracing.Tracer) kitendpoint.Middleware {
			return kitot.TraceEndpoint(tr, "op", kitot.WithIgnoreBusinessError(true), kitot.WithOperationNameFunc(rename),
				kitot.WithTags(opentracing.Tags{"static": "s"}), kitot.WithTagsFunc(tagsFn))
		}, func(tr opentracing.Tracer) gokitendpoint.Middleware {
			return gokitot.TraceEndpoint(tr, "op", gokitot.WithIgnoreBusinessError(true), gokitot.WithOperationNameFunc(rename),
				gokitot.WithTags(opentracing.Tags{"static": "s"}), gokitot.WithTagsFunc(tagsFn))
		}},
		{"empty name func", func(tr opentracing.Tracer) kitendpoint.Middleware {
			return kitot.TraceServer(tr, "op", kitot.WithOperationNameFunc(empty))
		}, func(tr opentracing.Tracer) gokitendpoint.Middleware {
			return gokitot.TraceServer(tr, "op", gokitot.WithOperationNameFunc(empty))
		}},
	}
	for _, m := range mws {
		for _, ec := range endpointCases {
			for _, parent := range []bool{true, false} {
				name := m.name + "/" + ec.name
				if !parent {
					name += "/no parent"
				}
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					run := func(s side) []span {
						tr := mocktracer.New()
						ctx := context.Background()
						if parent {
							ctx = opentracing.ContextWithSpan(ctx, tr.StartSpan("parent"))
						}
						if s == kit {
							_, _ = m.kit(tr)(func(context.Context, any) (any, error) { return ec.kit() })(ctx, nil)
						} else {
							_, _ = m.gk(tr)(func(context.Context, any) (any, error) { return ec.gokit() })(ctx, nil)
						}
						return otSpans(t, tr.FinishedSpans(), "-")
					}
					sameSpans(t, "spans", run(kit), run(gokit))
				})
			}
		}
	}
}

// TestOpenCensusEndpoint: TraceEndpoint with every option, below a parent.
func TestOpenCensusEndpoint(t *testing.T) {
	t.Parallel()
	ocSetup()
	rename := func(_ context.Context, n string) string { return "renamed-" + n }
	attrs := func(context.Context) []trace.Attribute { return []trace.Attribute{trace.Int64Attribute("dyn", 7)} }
	opts := []struct {
		name string
		kit  []kitoc.EndpointOption
		gk   []gokitoc.EndpointOption
	}{
		{name: "none"},
		{
			name: "all",
			kit: []kitoc.EndpointOption{kitoc.WithIgnoreBusinessError(true), kitoc.WithSpanName(rename),
				kitoc.WithEndpointAttributes(trace.StringAttribute("static", "s")), kitoc.WithSpanAttributes(attrs)},
			gk: []gokitoc.EndpointOption{gokitoc.WithIgnoreBusinessError(true), gokitoc.WithSpanName(rename),
				gokitoc.WithEndpointAttributes(trace.StringAttribute("static", "s")), gokitoc.WithSpanAttributes(attrs)},
		},
	}
	for _, o := range opts {
		for _, ec := range endpointCases {
			t.Run(o.name+"/"+ec.name, func(t *testing.T) {
				t.Parallel()
				run := func(s side) []span {
					ctx, root := trace.StartSpan(context.Background(), "parent", trace.WithSampler(trace.AlwaysSample()))
					if s == kit {
						_, _ = kitoc.TraceEndpoint("op", o.kit...)(func(context.Context, any) (any, error) { return ec.kit() })(ctx, nil)
					} else {
						_, _ = gokitoc.TraceEndpoint("op", o.gk...)(func(context.Context, any) (any, error) { return ec.gokit() })(ctx, nil)
					}
					root.End()
					return ocSpans(ocExp.trace(root.SpanContext().TraceID), "-")
				}
				sameSpans(t, "spans", run(kit), run(gokit))
			})
		}
	}
}

// TestZipkinEndpoint: TraceEndpoint below a parent and as a root. kit tags
// the span with the error (documented); Go kit does not tag it.
func TestZipkinEndpoint(t *testing.T) {
	t.Parallel()
	for _, ec := range endpointCases {
		for _, parent := range []bool{true, false} {
			t.Run(ec.name+map[bool]string{true: "", false: "/no parent"}[parent], func(t *testing.T) {
				t.Parallel()
				run := func(s side) []span {
					tr, rec := newZipkinTracer(t)
					ctx := context.Background()
					var p zipkin.Span
					if parent {
						p = tr.StartSpan("parent")
						ctx = zipkin.NewContext(ctx, p)
					}
					if s == kit {
						_, _ = kitzipkin.TraceEndpoint(tr, "op")(func(context.Context, any) (any, error) { return ec.kit() })(ctx, nil)
					} else {
						_, _ = gokitzipkin.TraceEndpoint(tr, "op")(func(context.Context, any) (any, error) { return ec.gokit() })(ctx, nil)
					}
					if p != nil {
						p.Finish()
					}
					return zipkinSpans(t, rec.Flush(), "-")
				}
				got, want := run(kit), run(gokit)
				for i := range want {
					if want[i].Name != "op" {
						continue
					}
					switch ec.name {
					case "error":
						want[i].Tags[string(zipkin.TagError)] = errEndpoint.Error()
					case "retry error":
						// kit's tag is the RetryError's message.
						_, kerr := ec.kit()
						want[i].Tags[string(zipkin.TagError)] = kerr.Error()
					}
				}
				sameSpans(t, "spans", got, want)
			})
		}
	}
}

// TestOpenTracingOperationNameFunc: Go kit's middleware stores the renamed
// operation name, so its second call renames the renamed name; kit names
// each call separately (documented).
func TestOpenTracingOperationNameFunc(t *testing.T) {
	t.Parallel()
	rename := func(_ context.Context, n string) string { return "renamed-" + n }
	names := func(s side) []string {
		tr := mocktracer.New()
		var e func(context.Context, any) (any, error)
		inner := func(context.Context, any) (any, error) { return nil, nil }
		if s == kit {
			e = kitot.TraceEndpoint(tr, "op", kitot.WithOperationNameFunc(rename))(inner)
		} else {
			e = gokitot.TraceEndpoint(tr, "op", gokitot.WithOperationNameFunc(rename))(inner)
		}
		_, _ = e(context.Background(), nil)
		_, _ = e(context.Background(), nil)
		var ns []string
		for _, sp := range tr.FinishedSpans() {
			ns = append(ns, sp.OperationName)
		}
		return ns
	}
	if got := names(kit); len(got) != 2 || got[0] != "renamed-op" || got[1] != "renamed-op" {
		t.Errorf("kit: %v", got)
	}
	if got := names(gokit); len(got) != 2 || got[1] != "renamed-renamed-op" {
		t.Errorf("Go kit: %v", got)
	}
}
