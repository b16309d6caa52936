package nats_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"

	"github.com/nats-io/nats.go"

	natstransport "github.com/seedkit/kit/transport/nats"
)

type ctxKey string

// These tests serve messages without a reply subject, so no connection is
// needed: the handler runs the whole pipeline except the encoders.
func TestSubscriberPipelineWithoutReply(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		steps []string
	)
	step := func(s string) {
		mu.Lock()
		steps = append(steps, s)
		mu.Unlock()
	}
	errs := newErrorRecorder()
	e := func(ctx context.Context, request any) (any, error) {
		step("endpoint:" + ctx.Value(ctxKey("b")).(string))
		if request.(sumRequest).A < 0 {
			return nil, errors.New("negative")
		}
		return sumResponse{}, nil
	}
	srv := natstransport.NewSubscriber(e,
		func(ctx context.Context, msg *nats.Msg) (any, error) {
			step("decode")
			return natstransport.DecodeJSONRequest[sumRequest](ctx, msg)
		},
		func(context.Context, string, *nats.Conn, any) error {
			step("encode")
			return nil
		},
		natstransport.SubscriberBefore(func(ctx context.Context, _ *nats.Msg) context.Context {
			step("before")
			return context.WithValue(ctx, ctxKey("b"), "set")
		}),
		natstransport.SubscriberAfter(func(ctx context.Context, nc *nats.Conn) context.Context {
			step("after")
			return ctx
		}),
		natstransport.SubscriberErrorEncoder(func(context.Context, error, string, *nats.Conn) { step("error encoder") }),
		natstransport.SubscriberErrorHandler(errs),
		natstransport.SubscriberFinalizer(func(ctx context.Context, _ *nats.Msg) {
			step("finalizer1:" + ctx.Value(ctxKey("b")).(string))
		}),
		natstransport.SubscriberFinalizer(func(ctx context.Context, _ *nats.Msg) { step("finalizer2") }),
	)
	h := srv.ServeMsg(nil)

	for _, tc := range []struct {
		name      string
		data      string
		wantSteps []string
		wantErrs  int
	}{
		{"ok", `{"A":1}`, []string{"before", "decode", "endpoint:set", "after", "finalizer1:set", "finalizer2"}, 0},
		{"malformed", `{"A":`, []string{"before", "decode", "finalizer1:set", "finalizer2"}, 1},
		{"endpoint error", `{"A":-1}`, []string{"before", "decode", "endpoint:set", "finalizer1:set", "finalizer2"}, 1},
	} {
		mu.Lock()
		steps = nil
		mu.Unlock()
		before := len(errs.all())
		h(&nats.Msg{Subject: "s", Data: []byte(tc.data)})
		if !reflect.DeepEqual(steps, tc.wantSteps) {
			t.Errorf("%s: steps %v, want %v", tc.name, steps, tc.wantSteps)
		}
		if got := len(errs.all()) - before; got != tc.wantErrs {
			t.Errorf("%s: %d errors handled, want %d", tc.name, got, tc.wantErrs)
		}
	}

	// A nil message is ignored.
	h(nil)
}

func TestSubscriberContext(t *testing.T) {
	t.Parallel()
	type seen struct {
		header      nats.Header
		hasDeadline bool
	}
	for _, tc := range []struct {
		name         string
		header       nats.Header
		wantDeadline bool
		wantErr      error
	}{
		{name: "no header"},
		{name: "header without timeout", header: nats.Header{"X-Id": {"7"}}},
		{name: "timeout", header: nats.Header{natstransport.TimeoutHeader: {"1h"}}, wantDeadline: true},
		{name: "expired timeout", header: nats.Header{natstransport.TimeoutHeader: {"-1s"}}, wantDeadline: true},
		{name: "malformed timeout", header: nats.Header{natstransport.TimeoutHeader: {"soon"}}, wantErr: natstransport.ErrInvalidTimeout},
		{name: "empty timeout", header: nats.Header{natstransport.TimeoutHeader: {""}}, wantErr: natstransport.ErrInvalidTimeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := make(chan seen, 1)
			errs := newErrorRecorder()
			finalized := make(chan error, 1)
			srv := natstransport.NewSubscriber(
				func(ctx context.Context, _ any) (any, error) {
					_, ok := ctx.Deadline()
					got <- seen{natstransport.RequestHeader(ctx), ok}
					return nil, nil
				},
				natstransport.NopRequestDecoder,
				natstransport.EncodeJSONResponse,
				natstransport.SubscriberErrorHandler(errs),
				natstransport.SubscriberFinalizer(func(ctx context.Context, _ *nats.Msg) { finalized <- ctx.Err() }),
			)
			srv.ServeMsg(nil)(&nats.Msg{Subject: "s", Header: tc.header})
			if ferr := <-finalized; ferr != nil && !tc.wantDeadline {
				t.Errorf("finalizer context already ended: %v", ferr)
			}
			if tc.wantErr != nil {
				if es := errs.all(); len(es) != 1 || !errors.Is(es[0], tc.wantErr) {
					t.Fatalf("errors %v, want one wrapping %v", es, tc.wantErr)
				}
				if len(got) != 0 {
					t.Error("endpoint called despite a malformed header")
				}
				return
			}
			s := <-got
			if !reflect.DeepEqual(s.header, tc.header) {
				t.Errorf("RequestHeader = %v, want %v", s.header, tc.header)
			}
			if s.hasDeadline != tc.wantDeadline {
				t.Errorf("deadline set: %v, want %v", s.hasDeadline, tc.wantDeadline)
			}
		})
	}
}

func TestPublisherWithoutConnection(t *testing.T) {
	t.Parallel()
	for name, p := range map[string]*natstransport.Publisher{
		"NewPublisher(nil)": natstransport.NewPublisher(nil, "s", natstransport.EncodeJSONRequest, natstransport.DecodeJSONResponse[sumResponse]),
		"zero value":        {},
	} {
		_, err := p.Endpoint()(context.Background(), sumRequest{})
		if !errors.Is(err, nats.ErrInvalidConnection) {
			t.Errorf("%s: err = %v, want nats.ErrInvalidConnection", name, err)
		}
	}
}

func TestDefaultErrorEncoderWithoutConnection(t *testing.T) {
	t.Parallel()
	// Must not panic.
	natstransport.DefaultErrorEncoder(context.Background(), errors.New("x"), "reply", nil)
}
