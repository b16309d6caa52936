package consul_test

import (
	"context"
	"errors"
	"testing"
	"time"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd/consul"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

func TestInstancerConformanceFake(t *testing.T) {
	t.Parallel()
	sdtest.Run(t, sdtest.Harness{
		New: func(t testing.TB, initial []string) sdtest.Subject {
			f := newFakeConsul()
			f.set(initial)
			in := consul.NewInstancer(f, log.NewNopLogger(), "svc", nil, false)
			return sdtest.Subject{
				Instancer: in,
				Set:       func(_ testing.TB, instances []string) { f.set(instances) },
				Fail:      func(testing.TB) { f.fail(errors.New("agent unreachable")) },
			}
		},
	})
}

// Only the instances with every requested tag are reported.
func TestInstancerTags(t *testing.T) {
	t.Parallel()
	f := newFakeConsul()
	f.mu.Lock()
	f.entries = []*consulapi.ServiceEntry{
		entry("10.0.0.1:80", "prod", "eu"),
		entry("10.0.0.2:80", "prod"),
		entry("10.0.0.3:80", "eu"),
		{Service: nil}, // malformed entries are skipped
		nil,
	}
	f.mu.Unlock()
	for _, tc := range []struct {
		tags []string
		want []string
	}{
		{nil, []string{"10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80"}},
		{[]string{"prod"}, []string{"10.0.0.1:80", "10.0.0.2:80"}},
		{[]string{"prod", "eu"}, []string{"10.0.0.1:80"}},
		{[]string{"eu", "prod"}, []string{"10.0.0.1:80"}},
		{[]string{"prod", "us"}, nil},
	} {
		in := consul.NewInstancer(f, nil, "svc", tc.tags, true)
		ch := sdtest.Subscribe(t, in)
		sdtest.Await(t, ch, tc.want, 5*time.Second)
		in.Stop()
	}
}

// recordSleeps returns a sleep function for InstancerSleep that reports each
// requested duration on the returned channel instead of waiting.
func recordSleeps() (func(context.Context, time.Duration) error, <-chan time.Duration) {
	ch := make(chan time.Duration)
	return func(ctx context.Context, d time.Duration) error {
		select {
		case ch <- d:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}, ch
}

// The query loop never spins: whatever Consul answers, every query after the
// first ones is preceded by a backoff that grows to the maximum, and the
// index is reset when it goes backwards or is zero (go-kit/kit#1214).
func TestInstancerNeverBusyLoops(t *testing.T) {
	t.Parallel()
	const (
		minB   = 100 * time.Millisecond
		maxB   = 2 * time.Second
		sleeps = 30
	)
	boom := errors.New("agent unreachable")
	for _, tc := range []struct {
		name  string
		steps []step
		check func(t *testing.T, waits []uint64)
	}{
		{
			name:  "non-advancing index",
			steps: []step{{index: 7}},
			check: func(t *testing.T, waits []uint64) {
				for i, w := range waits[1:] {
					if w != 7 {
						t.Fatalf("query %d: WaitIndex %d, want 7", i+1, w)
					}
				}
			},
		},
		{
			// After a deregistration Consul may answer a lower index for
			// the now empty service, forever.
			name:  "lower index",
			steps: []step{{index: 50}, {index: 40}},
			check: func(t *testing.T, waits []uint64) {
				if waits[0] != 0 || waits[1] != 50 || waits[2] != 0 {
					t.Fatalf("WaitIndex sequence %v: want 0, 50, then a reset to 0", waits[:3])
				}
			},
		},
		{
			name:  "zero index",
			steps: []step{{index: 0}},
			check: func(t *testing.T, waits []uint64) {
				for i, w := range waits {
					if w != 0 {
						t.Fatalf("query %d: WaitIndex %d, want 0", i, w)
					}
				}
			},
		},
		{
			name:  "errors",
			steps: []step{{index: 3}, {err: boom}},
			check: func(t *testing.T, waits []uint64) {
				// After an error the index starts over: the agent may
				// have restarted behind it.
				for i, w := range waits[2:] {
					if w != 0 {
						t.Fatalf("query %d after an error: WaitIndex %d, want 0", i+2, w)
					}
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := &scripted{steps: tc.steps}
			sleep, slept := recordSleeps()
			in := consul.NewInstancerWithOptions(c, nil, "svc", nil, false,
				consul.InstancerBackoff(minB, maxB), consul.InstancerSleep(sleep))
			defer in.Stop()
			var got []time.Duration
			timeout := time.NewTimer(10 * time.Second)
			defer timeout.Stop()
			for len(got) < sleeps {
				select {
				case d := <-slept:
					got = append(got, d)
				case <-timeout.C:
					t.Fatalf("only %d sleeps", len(got))
				}
			}
			// Every query but the first two (constructor and the first
			// of the loop, which may follow a change) comes after a
			// sleep: at most sleeps+2 queries so far.
			waits := c.queries()
			if len(waits) > sleeps+2 {
				t.Fatalf("%d queries for %d sleeps: the loop spins", len(waits), sleeps)
			}
			for i, d := range got {
				if d > maxB {
					t.Fatalf("sleep %d: %v above the maximum %v", i, d, maxB)
				}
				if d < minB/2 {
					t.Fatalf("sleep %d: %v below half the minimum %v", i, d, minB)
				}
			}
			// The backoff grows: the last sleeps are near the maximum.
			if last := got[len(got)-1]; last < maxB/2 && tc.name != "lower index" {
				t.Fatalf("last sleep %v: the backoff did not grow towards %v (%v)", last, maxB, got)
			}
			tc.check(t, waits)
		})
	}
}

// An index that advances at every answer (a churning service) is still
// spaced by the minimum backoff.
func TestInstancerSpacesAdvancingAnswers(t *testing.T) {
	t.Parallel()
	var steps []step
	for i := uint64(1); i <= 100; i++ {
		steps = append(steps, step{index: i})
	}
	c := &scripted{steps: steps}
	sleep, slept := recordSleeps()
	in := consul.NewInstancerWithOptions(c, nil, "svc", nil, false,
		consul.InstancerBackoff(100*time.Millisecond, time.Second), consul.InstancerSleep(sleep))
	defer in.Stop()
	timeout := time.NewTimer(10 * time.Second)
	defer timeout.Stop()
	for i := 0; i < 20; i++ {
		select {
		case d := <-slept:
			if d < 50*time.Millisecond || d > 100*time.Millisecond {
				t.Fatalf("sleep %d: %v, want within [50ms, 100ms]", i, d)
			}
		case <-timeout.C:
			t.Fatal("no sleep between advancing answers")
		}
	}
	if n := len(c.queries()); n > 22 {
		t.Fatalf("%d queries for 20 sleeps", n)
	}
}

func TestInstancerStopAbortsBlockingQuery(t *testing.T) {
	t.Parallel()
	f := newFakeConsul()
	f.set([]string{"10.0.0.1:80"})
	in := consul.NewInstancer(f, nil, "svc", nil, false)
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, []string{"10.0.0.1:80"}, 5*time.Second)
	in.Stop() // returns although the fake blocks until the next change
	in.Stop()
}
