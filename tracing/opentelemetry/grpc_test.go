package opentelemetry_test

import (
	"context"
	"errors"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	grpccodes "google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/tracing/internal/grpctest"
	"github.com/seedkit/kit/tracing/opentelemetry"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

func upper(_ context.Context, req any) (any, error) { return req.(string) + "!", nil }

// TraceClient + ContextToGRPC on the client, GRPCToContext + TraceServer on
// the server.
func TestGRPCPropagationHop(t *testing.T) {
	t.Parallel()
	tp, rec := newProvider(t)
	provider := opentelemetry.WithTracerProvider(tp)
	srv := kitgrpc.NewServer(opentelemetry.TraceServer("server", provider)(upper),
		grpctest.DecodeString, grpctest.EncodeString,
		kitgrpc.ServerBefore(opentelemetry.GRPCToContext()),
	)
	cc := grpctest.Start(t, srv)
	client := opentelemetry.TraceClient("client", provider)(grpctest.NewClient(cc,
		kitgrpc.ClientBefore(opentelemetry.ContextToGRPC()),
	).Endpoint())

	ctx, root := tp.Tracer("test").Start(testContext(t), "root")
	res, err := client(ctx, "hi")
	root.End()
	if err != nil || res != "hi!" {
		t.Fatalf("call: (%v, %v)", res, err)
	}
	clientSpan, serverSpan := spanNamed(t, rec, "client"), spanNamed(t, rec, "server")
	assertChild(t, spanNamed(t, rec, "root"), clientSpan)
	assertChild(t, clientSpan, serverSpan)
	for k, want := range map[string]string{"rpc.system": "grpc", "rpc.service": grpctest.Service, "rpc.method": grpctest.Method} {
		if v, _ := attr(serverSpan, attribute.Key(k)); v.AsString() != want {
			t.Errorf("server span %s = %q, want %q", k, v.AsString(), want)
		}
	}
}

// GRPCClientTrace and GRPCServerTrace, with an endpoint span inside.
func TestGRPCTraceOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name             string
		err              error
		wantCode         grpccodes.Code
		wantServerStatus codes.Code
	}{
		{"ok", nil, grpccodes.OK, codes.Unset},
		{"client fault", status.Error(grpccodes.InvalidArgument, "bad"), grpccodes.InvalidArgument, codes.Unset},
		{"server fault", errors.New("broken"), grpccodes.Unknown, codes.Error},
		{"wrapped status", errorsJoin(status.Error(grpccodes.Unavailable, "later")), grpccodes.Unavailable, codes.Error},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tp, rec := newProvider(t)
			provider := opentelemetry.WithTracerProvider(tp)
			e := opentelemetry.TraceEndpoint("endpoint", provider)(func(_ context.Context, req any) (any, error) {
				return req, tc.err
			})
			srv := kitgrpc.NewServer(e, grpctest.DecodeString, grpctest.EncodeString, opentelemetry.GRPCServerTrace(provider))
			cc := grpctest.Start(t, srv)
			client := grpctest.NewClient(cc, opentelemetry.GRPCClientTrace(provider, opentelemetry.WithName("client"))).Endpoint()

			_, err := client(testContext(t), "x")
			if got := status.Code(err); got != tc.wantCode {
				t.Fatalf("call error %v (code %v), want code %v", err, got, tc.wantCode)
			}
			clientSpan := spanNamed(t, rec, "client")
			serverSpan := spanNamed(t, rec, grpctest.Service+"/"+grpctest.Method)
			endpointSpan := spanNamed(t, rec, "endpoint")
			assertChild(t, clientSpan, serverSpan)
			assertChild(t, serverSpan, endpointSpan)
			if kindOf(clientSpan) != trace.SpanKindClient || kindOf(serverSpan) != trace.SpanKindServer {
				t.Errorf("kinds %v, %v", kindOf(clientSpan), kindOf(serverSpan))
			}
			if v, _ := attr(serverSpan, "rpc.grpc.status_code"); v.AsInt64() != int64(tc.wantCode) {
				t.Errorf("server rpc.grpc.status_code %d, want %d", v.AsInt64(), tc.wantCode)
			}
			if v, _ := attr(clientSpan, "rpc.grpc.status_code"); v.AsInt64() != int64(tc.wantCode) {
				t.Errorf("client rpc.grpc.status_code %d, want %d", v.AsInt64(), tc.wantCode)
			}
			if got := serverSpan.Status().Code; got != tc.wantServerStatus {
				t.Errorf("server status %v, want %v", got, tc.wantServerStatus)
			}
			wantClient := codes.Unset
			if tc.err != nil {
				wantClient = codes.Error
			}
			if got := clientSpan.Status().Code; got != wantClient {
				t.Errorf("client status %v, want %v", got, wantClient)
			}
			if v, ok := attr(endpointSpan, "rpc.method"); ok { // server spans only
				t.Errorf("internal endpoint span has rpc.method %q", v.AsString())
			}
		})
	}
}

func errorsJoin(err error) error { return errors.Join(errors.New("context"), err) }

func TestGRPCMetadataRoundTrip(t *testing.T) {
	t.Parallel()
	tp, _ := newProvider(t)
	ctx, span := tp.Tracer("test").Start(testContext(t), "s")
	defer span.End()

	var md metadata.MD // nil: the hook allocates it
	opentelemetry.ContextToGRPC()(ctx, &md)
	if len(md.Get("traceparent")) != 1 {
		t.Fatalf("metadata %v has no traceparent", md)
	}
	got := trace.SpanContextFromContext(opentelemetry.GRPCToContext()(context.Background(), md))
	if got.TraceID() != span.SpanContext().TraceID() || got.SpanID() != span.SpanContext().SpanID() || !got.IsRemote() {
		t.Errorf("extracted %v, want remote %v", got, span.SpanContext())
	}
	// A nil *MD is ignored.
	opentelemetry.ContextToGRPC()(ctx, nil)
	// Public endpoints neither inject nor extract.
	var md2 metadata.MD
	opentelemetry.ContextToGRPC(opentelemetry.WithPublicEndpoint(true))(ctx, &md2)
	if len(md2) != 0 {
		t.Errorf("public client injected %v", md2)
	}
	if sc := trace.SpanContextFromContext(opentelemetry.GRPCToContext(opentelemetry.WithPublicEndpoint(true))(context.Background(), md)); sc.IsValid() {
		t.Errorf("public server extracted %v", sc)
	}
}

// TestRPCAttributesStayOnServerSpan is a regression test: the inbound
// method's rpc.* attributes left in the context by GRPCToContext used to be
// set on every span started from it, including the client span of an
// outgoing call made while serving.
func TestRPCAttributesStayOnServerSpan(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		wrap   func(opts ...opentelemetry.Option) endpoint.Middleware // what the server endpoint calls downstream
		client bool                                                   // downstream span is TraceClient's
	}{
		{"client span", func(opts ...opentelemetry.Option) endpoint.Middleware {
			return opentelemetry.TraceClient("downstream", opts...)
		}, true},
		{"internal span", func(opts ...opentelemetry.Option) endpoint.Middleware {
			return opentelemetry.TraceEndpoint("downstream", opts...)
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tp, rec := newProvider(t)
			provider := opentelemetry.WithTracerProvider(tp)
			downstream := tc.wrap(provider)(func(context.Context, any) (any, error) { return "ok", nil })
			server := opentelemetry.TraceServer("inbound", provider)(downstream)
			ctx := context.WithValue(testContext(t), kitgrpc.ContextKeyRequestMethod, "/inbound.Svc/Get")
			ctx = opentelemetry.GRPCToContext()(ctx, metadata.MD{})
			if _, err := server(ctx, nil); err != nil {
				t.Fatal(err)
			}
			in, out := spanNamed(t, rec, "inbound"), spanNamed(t, rec, "downstream")
			if v, _ := attr(in, "rpc.method"); v.AsString() != "Get" {
				t.Errorf("server span rpc.method %q, want Get", v.AsString())
			}
			for _, k := range []attribute.Key{"rpc.system", "rpc.service", "rpc.method"} {
				if v, ok := attr(out, k); ok {
					t.Errorf("downstream span carries the inbound %s=%q", k, v.String())
				}
			}
			if tc.client && kindOf(out) != trace.SpanKindClient {
				t.Errorf("downstream kind %v", kindOf(out))
			}
		})
	}
}
