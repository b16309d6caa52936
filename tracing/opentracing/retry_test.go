package opentracing_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/opentracing/opentracing-go/mocktracer"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/lb"
	kitot "github.com/seedkit/kit/tracing/opentracing"
)

// An lb.Retry error, even wrapped, logs every attempt's error.
func TestTraceEndpointRetryError(t *testing.T) {
	t.Parallel()
	errAttempt := errors.New("attempt failed")
	failing := func(context.Context, any) (any, error) { return nil, errAttempt }
	retry := lb.Retry(3, time.Minute, lb.NewRoundRobin(sd.FixedEndpointer{failing}))
	wrapped := func(ctx context.Context, req any) (any, error) {
		_, err := retry(ctx, req)
		return nil, fmt.Errorf("calling upstream: %w", err)
	}
	for name, e := range map[string]endpoint.Endpoint{"plain": retry, "wrapped": wrapped} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tracer := mocktracer.New()
			if _, err := kitot.TraceEndpoint(tracer, "op")(e)(testContext(t), nil); !errors.Is(err, errAttempt) {
				t.Fatalf("err %v", err)
			}
			s := byName(t, tracer, "op")
			if s.Tag("error") != true || len(s.Logs()) != 1 {
				t.Fatalf("error tag %v, %d logs", s.Tag("error"), len(s.Logs()))
			}
			got := map[string]string{}
			for _, f := range s.Logs()[0].Fields {
				got[f.Key] = f.ValueString
			}
			for i := 1; i <= 3; i++ {
				if k := fmt.Sprintf("gokit.retry.error.%d", i); got[k] != "attempt failed" {
					t.Errorf("%s = %q", k, got[k])
				}
			}
		})
	}
}
