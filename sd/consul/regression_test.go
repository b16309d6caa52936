package consul_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/sd/consul"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

// NewClient(nil) gives a Client whose methods return an error, which the
// Instancer publishes and the Registrar logs, instead of panicking on first
// use.
func TestNewClientNilAPIClient(t *testing.T) {
	t.Parallel()
	c := consul.NewClient(nil)
	reg := &consulapi.AgentServiceRegistration{ID: "svc-1", Name: "svc"}
	if err := c.Register(reg); err == nil {
		t.Error("Register: got nil error")
	}
	if err := c.Deregister(reg); err == nil {
		t.Error("Deregister: got nil error")
	}
	if _, _, err := c.Service("svc", "", true, &consulapi.QueryOptions{}); err == nil {
		t.Error("Service: got nil error")
	}

	in := consul.NewInstancer(c, nil, "svc", nil, true)
	ch := sdtest.Subscribe(t, in)
	if ev := sdtest.AwaitErr(t, ch, 5*time.Second); !strings.Contains(ev.Err.Error(), "nil client") {
		t.Errorf("Instancer event error: got %v, want the nil client error", ev.Err)
	}
	in.Stop()

	logger := &recordLogger{}
	r := consul.NewRegistrar(c, reg, logger)
	r.Register()
	r.Deregister()
	if got := logger.text(); strings.Count(got, "nil client") != 2 {
		t.Errorf("Registrar log: got %q, want two nil client errors", got)
	}
}

// idleConsul answers like an agent on which nothing changes: a blocking
// query (WaitIndex > 0) returns the same index once its WaitTime has passed.
type idleConsul struct {
	mu       sync.Mutex
	blocking int // blocking queries answered
}

func (*idleConsul) Register(*consulapi.AgentServiceRegistration) error   { return nil }
func (*idleConsul) Deregister(*consulapi.AgentServiceRegistration) error { return nil }

func (c *idleConsul) Service(_, _ string, _ bool, q *consulapi.QueryOptions) ([]*consulapi.ServiceEntry, *consulapi.QueryMeta, error) {
	if q.WaitIndex > 0 {
		t := time.NewTimer(q.WaitTime)
		defer t.Stop()
		select {
		case <-t.C:
		case <-q.Context().Done():
			return nil, nil, q.Context().Err()
		}
		c.mu.Lock()
		c.blocking++
		c.mu.Unlock()
	}
	return []*consulapi.ServiceEntry{entry("10.0.0.1:80")}, &consulapi.QueryMeta{LastIndex: 7}, nil
}

func (c *idleConsul) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.blocking
}

// Idle blocking queries that last their whole wait time are normal even when
// the wait time is under a second: they are repeated at once, not backed off
// as misbehaviour. The test runs in a synctest bubble, so its ten seconds
// take no time.
func TestInstancerShortWaitTimeIsNotBackedOff(t *testing.T) {
	t.Parallel()
	for _, wait := range []time.Duration{50 * time.Millisecond, 200 * time.Millisecond, 900 * time.Millisecond} {
		t.Run(wait.String(), func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				c := &idleConsul{}
				var mu sync.Mutex
				var sleeps []time.Duration
				sleep := func(ctx context.Context, d time.Duration) error {
					mu.Lock()
					sleeps = append(sleeps, d)
					mu.Unlock()
					select {
					case <-time.After(d):
						return nil
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				in := consul.NewInstancerWithOptions(c, nil, "svc", nil, true,
					consul.InstancerWaitTime(wait), consul.InstancerSleep(sleep))
				const run = 10 * time.Second
				time.Sleep(run)
				in.Stop()
				mu.Lock()
				defer mu.Unlock()
				for _, d := range sleeps {
					if d > consul.DefaultMinBackoff {
						t.Errorf("the loop backed off %v between idle queries (all sleeps: %v)", d, sleeps)
						break
					}
				}
				// The run minus the pause after the first answer,
				// in whole wait times, less one still in progress.
				if got, want := c.count(), int((run-consul.DefaultMinBackoff)/wait)-1; got < want {
					t.Errorf("%d blocking queries in %v of wait time %v, want at least %d", got, run, wait, want)
				}
			})
		})
	}
}
