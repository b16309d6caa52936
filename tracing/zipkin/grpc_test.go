package zipkin_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/openzipkin/zipkin-go/model"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seedkit/kit/tracing/internal/grpctest"
	kitzipkin "github.com/seedkit/kit/tracing/zipkin"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

func TestGRPCHop(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		err      error
		wantCode string
	}{
		{"ok", nil, ""},
		{"not found", status.Error(codes.NotFound, "nothing"), strconv.Itoa(int(codes.NotFound))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tracer, rec := newTracer(t)
			srv := kitgrpc.NewServer(
				kitzipkin.TraceEndpoint(tracer, "server-endpoint")(func(_ context.Context, req any) (any, error) { return req, tc.err }),
				grpctest.DecodeString, grpctest.EncodeString,
				kitzipkin.GRPCServerTrace(tracer),
			)
			cc := grpctest.Start(t, srv)
			client := kitzipkin.TraceEndpoint(tracer, "client-endpoint")(grpctest.NewClient(cc,
				kitzipkin.GRPCClientTrace(tracer, kitzipkin.Name("client")),
			).Endpoint())
			if _, err := client(testContext(t), "x"); status.Code(err) != status.Code(tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			spans := rec.Flush()
			clientSpan := byName(t, spans, "client")
			serverSpan := byName(t, spans, grpctest.FullMethod)
			assertChild(t, byName(t, spans, "client-endpoint"), clientSpan)
			assertChild(t, clientSpan, serverSpan)
			assertChild(t, serverSpan, byName(t, spans, "server-endpoint"))
			if clientSpan.Kind != model.Client || serverSpan.Kind != model.Server {
				t.Errorf("kinds %q, %q", clientSpan.Kind, serverSpan.Kind)
			}
			if got := serverSpan.Tags["grpc.method"]; got != grpctest.FullMethod {
				t.Errorf("grpc.method %q", got)
			}
			if got := serverSpan.Tags["grpc.status_code"]; got != tc.wantCode {
				t.Errorf("grpc.status_code %q, want %q", got, tc.wantCode)
			}
			if (clientSpan.Tags["error"] != "") != (tc.err != nil) {
				t.Errorf("client error tag %q with call error %v", clientSpan.Tags["error"], tc.err)
			}
		})
	}
}

// Without propagation the server starts its own trace.
func TestGRPCNoPropagation(t *testing.T) {
	t.Parallel()
	tracer, rec := newTracer(t)
	srv := kitgrpc.NewServer(func(_ context.Context, req any) (any, error) { return req, nil },
		grpctest.DecodeString, grpctest.EncodeString,
		kitzipkin.GRPCServerTrace(tracer, kitzipkin.Name("server")),
	)
	cc := grpctest.Start(t, srv)
	client := grpctest.NewClient(cc, kitzipkin.GRPCClientTrace(tracer, kitzipkin.Name("client"), kitzipkin.AllowPropagation(false))).Endpoint()
	if _, err := client(testContext(t), "x"); err != nil {
		t.Fatal(err)
	}
	spans := rec.Flush()
	if byName(t, spans, "server").TraceID == byName(t, spans, "client").TraceID {
		t.Error("server joined a trace that was not propagated")
	}
}
