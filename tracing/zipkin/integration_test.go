package zipkin_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go"
	zipkinhttp "github.com/openzipkin/zipkin-go/reporter/http"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/internal/integration"
	kitzipkin "github.com/seedkit/kit/tracing/zipkin"
	httptransport "github.com/seedkit/kit/transport/http"
)

// Spans of a kit HTTP client -> server hop, reported to a real Zipkin
// receiver (the session's OpenTelemetry Collector), come out of the
// collector's file export as one trace with the client span as the server
// span's parent.
func TestIntegrationZipkinReceiver(t *testing.T) {
	t.Parallel()
	zipkinURL, exportFile := integration.Addr(t, "ZIPKIN_URL"), integration.Addr(t, "OTEL_FILE_EXPORT")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var offset int64
	if fi, err := os.Stat(exportFile); err == nil {
		offset = fi.Size()
	}

	reporter := zipkinhttp.NewReporter(zipkinURL, zipkinhttp.BatchSize(1))
	ep, err := zipkin.NewEndpoint("kit-zipkin-it", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tracer, err := zipkin.NewTracer(reporter, zipkin.WithLocalEndpoint(ep), zipkin.WithSampler(zipkin.AlwaysSample), zipkin.WithSharedSpans(false), zipkin.WithTraceID128Bit(true))
	if err != nil {
		t.Fatal(err)
	}

	srv := httptest.NewServer(httptransport.NewServer(endpoint.Nop, httptransport.NopRequestDecoder, httptransport.EncodeJSONResponse,
		kitzipkin.HTTPServerTrace(tracer, kitzipkin.Name("it.server"))))
	defer srv.Close()
	target, _ := url.Parse(srv.URL)
	client := httptransport.NewClient(http.MethodGet, target, httptransport.EncodeJSONRequest,
		func(context.Context, *http.Response) (any, error) { return nil, nil },
		kitzipkin.HTTPClientTrace(tracer, kitzipkin.Name("it.client")),
	).Endpoint()
	root, rctx := tracer.StartSpanFromContext(ctx, "it.root")
	if _, err := client(rctx, nil); err != nil {
		t.Fatal(err)
	}
	root.Finish()
	if err := reporter.Close(); err != nil { // flushes
		t.Fatal(err)
	}

	traceID := root.Context().TraceID.String()
	spans := waitForTrace(ctx, t, exportFile, offset, traceID, 3)
	byName := map[string]otlpSpan{}
	for _, s := range spans {
		byName[s.Name] = s
	}
	for name, parent := range map[string]string{"it.client": "it.root", "it.server": "it.client"} {
		if got, want := byName[name].ParentSpanID, byName[parent].SpanID; got == "" || got != want {
			t.Errorf("span %q: parent %q, want %q (%s)", name, got, want, parent)
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
			continue
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
