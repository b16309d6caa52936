package opentelemetry_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/nats-io/nats.go"
	amqp "github.com/rabbitmq/amqp091-go"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/tracing/opentelemetry"
)

func TestCarriers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		carrier propagation.TextMapCarrier
		preset  func()
		get     string // key to read, in another case than written
		want    string
	}{
		{name: "metadata", carrier: opentelemetry.MetadataCarrier{MD: &metadata.MD{"traceparent": {"x"}}}, get: "TraceParent", want: "x"},
		{name: "nats exact", carrier: opentelemetry.NATSHeaderCarrier{Msg: &nats.Msg{Header: nats.Header{"traceparent": {"x"}}}}, get: "traceparent", want: "x"},
		{name: "nats other case", carrier: opentelemetry.NATSHeaderCarrier{Msg: &nats.Msg{Header: nats.Header{"Traceparent": {"x"}}}}, get: "traceparent", want: "x"},
		{name: "nats empty value", carrier: opentelemetry.NATSHeaderCarrier{Msg: &nats.Msg{Header: nats.Header{"Traceparent": {}}}}, get: "traceparent", want: ""},
		{name: "amqp string", carrier: opentelemetry.AMQPTableCarrier{Table: &amqp.Table{"traceparent": "x"}}, get: "traceparent", want: "x"},
		{name: "amqp bytes other case", carrier: opentelemetry.AMQPTableCarrier{Table: &amqp.Table{"TraceParent": []byte("x")}}, get: "traceparent", want: "x"},
		{name: "amqp other type", carrier: opentelemetry.AMQPTableCarrier{Table: &amqp.Table{"traceparent": int32(7)}}, get: "traceparent", want: ""},
		{name: "nil metadata", carrier: opentelemetry.MetadataCarrier{}, get: "traceparent", want: ""},
		{name: "nil nats message", carrier: opentelemetry.NATSHeaderCarrier{}, get: "traceparent", want: ""},
		{name: "nil amqp table", carrier: opentelemetry.AMQPTableCarrier{}, get: "traceparent", want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.carrier.Get(tc.get); got != tc.want {
				t.Errorf("Get(%q) = %q, want %q", tc.get, got, tc.want)
			}
			// Set then Get round-trips, and Keys lists the key (nil carriers
			// ignore Set).
			tc.carrier.Set("k", "v")
			if got := tc.carrier.Get("k"); got != "v" && got != "" {
				t.Errorf("after Set, Get = %q", got)
			} else if got == "v" && !slices.Contains(tc.carrier.Keys(), "k") {
				t.Errorf("Keys %q lack k", tc.carrier.Keys())
			}
		})
	}
}

func TestCarriersAllocate(t *testing.T) {
	t.Parallel()
	var md metadata.MD
	opentelemetry.MetadataCarrier{MD: &md}.Set("a", "1")
	msg := &nats.Msg{}
	opentelemetry.NATSHeaderCarrier{Msg: msg}.Set("a", "1")
	var table amqp.Table
	opentelemetry.AMQPTableCarrier{Table: &table}.Set("a", "1")
	if md.Get("a")[0] != "1" || msg.Header.Get("a") != "1" || table["a"] != "1" {
		t.Errorf("values not stored: %v %v %v", md, msg.Header, table)
	}
}

// Extraction never panics, and yields either nothing or a valid remote span
// context, whatever the headers hold.
func FuzzHTTPToContext(f *testing.F) {
	f.Add("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE", "user=alice")
	f.Add("", "", "")
	f.Add("ff-zz", "===", "%%%;;;")
	f.Add("00-00000000000000000000000000000000-0000000000000000-00", ",,,", "a=b;c")
	extract := opentelemetry.HTTPToContext()
	f.Fuzz(func(t *testing.T, traceparent, tracestate, baggage string) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("traceparent", traceparent)
		r.Header.Set("tracestate", tracestate)
		r.Header.Set("baggage", baggage)
		sc := trace.SpanContextFromContext(extract(t.Context(), r))
		if sc.IsValid() && !sc.IsRemote() {
			t.Errorf("extracted a valid non-remote span context %v", sc)
		}
	})
}
