package circuitbreaker_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/afex/hystrix-go/hystrix"

	"github.com/seedkit/kit/circuitbreaker"
)

// commands numbers hystrix commands, so that repeated runs (-count) of a
// test do not meet the circuit of an earlier run.
var commands atomic.Int64

// hystrixCommand configures a hystrix command whose name is unique to the
// test run (hystrix-go's circuits and configuration are process-wide) and
// returns its name.
func hystrixCommand(t *testing.T, cfg hystrix.CommandConfig) string {
	t.Helper()
	name := fmt.Sprintf("kit-%s-%d", strings.ReplaceAll(t.Name(), "/", "-"), commands.Add(1))
	hystrix.ConfigureCommand(name, cfg)
	return name
}

func hystrixOpen(t *testing.T, name string) bool {
	t.Helper()
	c, _, err := hystrix.GetCircuit(name)
	if err != nil {
		t.Fatal(err)
	}
	return c.IsOpen()
}

func TestHystrixOpensAndRejects(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	const volume = 5
	name := hystrixCommand(t, hystrix.CommandConfig{
		Timeout:                60_000,
		MaxConcurrentRequests:  10,
		RequestVolumeThreshold: volume,
		ErrorPercentThreshold:  50,
		SleepWindow:            3_600_000, // stays open during the test
	})
	var b backend
	b.failing.Store(true)
	e := circuitbreaker.Hystrix(name)(b.endpoint)
	for i := 0; i < volume; i++ {
		if _, err := e(ctx, i); !errors.Is(err, errDown) {
			t.Fatalf("call %d: got %v, want the endpoint's error", i, err)
		}
	}
	// hystrix-go counts outcomes asynchronously.
	waitFor(ctx, t, "the circuit to open", func() bool { return hystrixOpen(t, name) })
	for i := 0; i < 10; i++ {
		if _, err := e(ctx, i); !errors.Is(err, hystrix.ErrCircuitOpen) {
			t.Fatalf("open call %d: got %v, want %v", i, err, hystrix.ErrCircuitOpen)
		}
	}
	if got := b.calls.Load(); got != volume {
		t.Errorf("calls reaching the endpoint: got %d, want %d", got, volume)
	}
}

func TestHystrixHalfOpenCloses(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	const volume = 3
	name := hystrixCommand(t, hystrix.CommandConfig{
		Timeout:                60_000,
		MaxConcurrentRequests:  10,
		RequestVolumeThreshold: volume,
		ErrorPercentThreshold:  50,
		SleepWindow:            1, // ms: a single test request is allowed soon
	})
	var b backend
	b.failing.Store(true)
	e := circuitbreaker.Hystrix(name)(b.endpoint)
	for i := 0; i < volume; i++ {
		if _, err := e(ctx, i); !errors.Is(err, errDown) {
			t.Fatalf("call %d: got %v, want the endpoint's error", i, err)
		}
	}
	waitFor(ctx, t, "the circuit to open", func() bool { return hystrixOpen(t, name) })
	b.failing.Store(false)
	var resp any
	waitFor(ctx, t, "a test request to pass", func() bool {
		var err error
		resp, err = e(ctx, "probe")
		if err != nil && !errors.Is(err, hystrix.ErrCircuitOpen) {
			t.Fatalf("while open: got %v, want %v or success", err, hystrix.ErrCircuitOpen)
		}
		return err == nil
	})
	if resp != "probe" {
		t.Errorf("response: got %v, want probe", resp)
	}
	waitFor(ctx, t, "the circuit to close", func() bool { return !hystrixOpen(t, name) })
	if resp, err := e(ctx, "after"); err != nil || resp != "after" {
		t.Errorf("after closing: got %v, %v", resp, err)
	}
}

func TestHystrixRejections(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  hystrix.CommandConfig
		want error
	}{
		{"timeout", hystrix.CommandConfig{Timeout: 1, MaxConcurrentRequests: 10}, hystrix.ErrTimeout},
		{"max concurrency", hystrix.CommandConfig{Timeout: 60_000, MaxConcurrentRequests: 1}, hystrix.ErrMaxConcurrency},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			name := hystrixCommand(t, tt.cfg)
			entered, release := make(chan struct{}, 1), make(chan struct{})
			e := circuitbreaker.Hystrix(name)(func(context.Context, any) (any, error) {
				entered <- struct{}{}
				<-release
				return "late", nil
			})
			done := make(chan struct{})
			var firstErr error
			var firstResp any
			go func() {
				defer close(done)
				firstResp, firstErr = e(ctx, nil)
			}()
			<-entered
			if tt.want == hystrix.ErrMaxConcurrency {
				if _, err := e(ctx, nil); !errors.Is(err, tt.want) {
					t.Errorf("second call: got %v, want %v", err, tt.want)
				}
				close(release)
				<-done
				if firstErr != nil || firstResp != "late" {
					t.Errorf("first call: got %v, %v", firstResp, firstErr)
				}
				return
			}
			<-done // the timeout fires while the endpoint is blocked
			close(release)
			if !errors.Is(firstErr, tt.want) || firstResp != nil {
				t.Errorf("got %v, %v; want nil, %v", firstResp, firstErr, tt.want)
			}
		})
	}
}

func TestHystrixPassesResponse(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	name := hystrixCommand(t, hystrix.CommandConfig{Timeout: 60_000, MaxConcurrentRequests: 10})
	var b backend
	e := circuitbreaker.Hystrix(name)(b.endpoint)
	if resp, err := e(ctx, "x"); err != nil || resp != "x" {
		t.Errorf("got %v, %v; want x, nil", resp, err)
	}
}
