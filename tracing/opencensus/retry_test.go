package opencensus_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.opencensus.io/trace"

	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/lb"
	"github.com/seedkit/kit/tracing/opencensus"
)

// An lb.Retry error records every attempt's error and the final message.
func TestTraceEndpointRetryError(t *testing.T) {
	t.Parallel()
	n := 0
	failing := func(context.Context, any) (any, error) {
		n++
		return nil, errors.New("attempt " + string(rune('0'+n)))
	}
	e := opencensus.TraceEndpoint("op")(lb.Retry(2, time.Minute, lb.NewRoundRobin(sd.FixedEndpointer{failing})))
	ctx, r := root(t)
	if _, err := e(ctx, nil); err == nil {
		t.Fatal("want an error")
	}
	r.End()
	s := byName(t, exporter.inTrace(r.SpanContext().TraceID), "op")
	if s.Code != trace.StatusCodeUnknown || s.Message != "attempt 2" {
		t.Errorf("status (%d, %q), want (%d, %q)", s.Code, s.Message, trace.StatusCodeUnknown, "attempt 2")
	}
	for k, want := range map[string]string{"gokit.retry.error.1": "attempt 1", "gokit.retry.error.2": "attempt 2"} {
		if s.Attributes[k] != want {
			t.Errorf("%s = %v, want %q", k, s.Attributes[k], want)
		}
	}
}
