package opentelemetry_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/tracing/internal/grpctest"
	"github.com/seedkit/kit/tracing/opentelemetry"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
	httptransport "github.com/seedkit/kit/transport/http"
	natstransport "github.com/seedkit/kit/transport/nats"
)

// A trace started by an HTTP client crosses HTTP -> gRPC -> NATS hops of
// kit transports, is exported over OTLP/gRPC to a collector, and comes out
// of the collector's file exporter as one trace with the expected
// parent/child links.
func TestIntegrationOTLPAcrossTransports(t *testing.T) {
	t.Parallel()
	otlpAddr, exportFile, natsURL := integration.Addr(t, "OTLP_GRPC_ADDR"), integration.Addr(t, "OTEL_FILE_EXPORT"), integration.Addr(t, "NATS_URL")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// Only lines appended from now on can hold this test's trace.
	var offset int64
	if fi, err := os.Stat(exportFile); err == nil {
		offset = fi.Size()
	}

	exp, err := otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(otlpAddr), otlptracegrpc.WithInsecure())
	if err != nil {
		t.Fatal(err)
	}
	unique := strconv.FormatInt(time.Now().UnixNano(), 36)
	res := resource.NewSchemaless(attribute.String("service.name", "kit-tracing-it-"+unique))
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp), sdktrace.WithResource(res), sdktrace.WithSampler(sdktrace.AlwaysSample()))
	defer func() {
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		_ = tp.Shutdown(sctx)
	}()
	provider := opentelemetry.WithTracerProvider(tp)

	// NATS: the last hop.
	nc, err := nats.Connect(natsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	subject := "kit.tracing.it." + unique
	natsSub := natstransport.NewSubscriber(
		opentelemetry.TraceServer("nats.consume", provider)(func(context.Context, any) (any, error) { return "stored", nil }),
		natstransport.NopRequestDecoder, natstransport.EncodeJSONResponse,
		natstransport.SubscriberBefore(opentelemetry.NATSToContext()),
	)
	sub, err := nc.Subscribe(subject, natsSub.ServeMsg(nc))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sub.Unsubscribe() }()
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	publish := opentelemetry.TraceClient("nats.publish", provider)(natstransport.NewPublisher(nc, subject,
		natstransport.EncodeJSONRequest,
		func(context.Context, *nats.Msg) (any, error) { return "stored", nil },
		natstransport.PublisherBefore(opentelemetry.ContextToNATS()),
	).Endpoint())

	// gRPC: its endpoint publishes to NATS.
	grpcSrv := kitgrpc.NewServer(
		func(ctx context.Context, req any) (any, error) { return publish(ctx, req) },
		grpctest.DecodeString, grpctest.EncodeString,
		opentelemetry.GRPCServerTrace(provider, opentelemetry.WithName("grpc.server")),
	)
	cc := grpctest.Start(t, grpcSrv)
	grpcCall := grpctest.NewClient(cc, opentelemetry.GRPCClientTrace(provider, opentelemetry.WithName("grpc.client"))).Endpoint()

	// HTTP: its endpoint calls gRPC.
	httpSrv := httptest.NewServer(httptransport.NewServer(
		func(ctx context.Context, _ any) (any, error) { return grpcCall(ctx, "order") },
		httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		opentelemetry.HTTPServerTrace(provider, opentelemetry.WithName("http.server")),
	))
	defer httpSrv.Close()
	target, _ := url.Parse(httpSrv.URL)
	httpCall := httptransport.NewClient(http.MethodPost, target, httptransport.EncodeJSONRequest,
		func(_ context.Context, r *http.Response) (any, error) {
			var s any
			return s, json.NewDecoder(r.Body).Decode(&s)
		},
		opentelemetry.HTTPClientTrace(provider, opentelemetry.WithName("http.client")),
	).Endpoint()

	rctx, root := tp.Tracer("integration").Start(ctx, "root")
	out, err := httpCall(rctx, nil)
	root.End()
	if err != nil || out != "stored" {
		t.Fatalf("call: (%v, %v)", out, err)
	}
	if err := tp.ForceFlush(ctx); err != nil {
		t.Fatal(err)
	}

	// Every span's parent, by name.
	wantParent := map[string]string{
		"root":         "",
		"http.client":  "root",
		"http.server":  "http.client",
		"grpc.client":  "http.server",
		"grpc.server":  "grpc.client",
		"nats.publish": "grpc.server",
		"nats.consume": "nats.publish",
	}
	traceID := root.SpanContext().TraceID().String()
	spans := waitForTrace(ctx, t, exportFile, offset, traceID, len(wantParent))
	byName := map[string]otlpSpan{}
	for _, s := range spans {
		byName[s.Name] = s
	}
	for name, parent := range wantParent {
		s, ok := byName[name]
		if !ok {
			t.Errorf("span %q missing from the exported trace", name)
			continue
		}
		want := ""
		if parent != "" {
			want = byName[parent].SpanID
		}
		if s.ParentSpanID != want {
			t.Errorf("span %q: parentSpanId %q, want %q (%s)", name, s.ParentSpanID, want, parent)
		}
	}
}

type otlpSpan struct {
	TraceID      string `json:"traceId"`
	SpanID       string `json:"spanId"`
	ParentSpanID string `json:"parentSpanId"`
	Name         string `json:"name"`
}

type otlpLine struct {
	ResourceSpans []struct {
		ScopeSpans []struct {
			Spans []otlpSpan `json:"spans"`
		} `json:"scopeSpans"`
	} `json:"resourceSpans"`
}

// waitForTrace reads the collector's JSONL export from offset until it
// holds want spans of the trace, or ctx ends.
func waitForTrace(ctx context.Context, t *testing.T, path string, offset int64, traceID string, want int) []otlpSpan {
	t.Helper()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		spans, err := readTrace(path, offset, traceID)
		if err != nil {
			t.Fatal(err)
		}
		if len(spans) >= want {
			return spans
		}
		select {
		case <-ctx.Done():
			t.Fatalf("trace %s: %d of %d spans in %s before the deadline", traceID, len(spans), want, path)
		case <-tick.C:
		}
	}
}

func readTrace(path string, offset int64, traceID string) ([]otlpSpan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil, err
	}
	var spans []otlpSpan
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var line otlpLine
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			continue // a line being written, or not ours
		}
		for _, rs := range line.ResourceSpans {
			for _, ss := range rs.ScopeSpans {
				for _, s := range ss.Spans {
					if s.TraceID == traceID {
						spans = append(spans, s)
					}
				}
			}
		}
	}
	return spans, sc.Err()
}
