package etcd_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd/etcd"
)

// recordLogger keeps every log line.
type recordLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *recordLogger) Log(kv ...any) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(kv...))
	return nil
}

func (l *recordLogger) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// countingClient counts Register and Deregister calls.
type countingClient struct {
	fakeClient
	mu          sync.Mutex
	registers   int
	deregisters int
	err         error
	registered  chan struct{}
}

func (c *countingClient) Register(etcd.Service) error {
	c.mu.Lock()
	c.registers++
	c.mu.Unlock()
	select {
	case c.registered <- struct{}{}:
	default:
	}
	return c.err
}

func (c *countingClient) Deregister(etcd.Service) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deregisters++
	return c.err
}

func TestRegistrarHeartbeat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		err  error
	}{{"ok", nil}, {"failing client", errors.New("unreachable")}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c := &countingClient{err: tc.err, registered: make(chan struct{}, 1)}
			r := etcd.NewRegistrar(c, etcd.Service{Key: "/k", Value: "v", TTL: etcd.NewTTLOption(500*time.Millisecond, time.Second)}, log.NewNopLogger())
			r.Register()
			r.Register() // a second Register keeps a single heartbeat
			for n := 0; n < 3; {
				select {
				case <-c.registered:
					n++
				case <-ctx.Done():
					t.Fatal("the heartbeat did not call Register")
				}
			}
			r.Deregister()
			r.Deregister()
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.deregisters != 2 {
				t.Errorf("Deregister calls: got %d, want 2", c.deregisters)
			}
		})
	}
}

func TestRegistrarWithoutTTLHasNoHeartbeat(t *testing.T) {
	t.Parallel()
	c := &countingClient{registered: make(chan struct{}, 1)}
	r := etcd.NewRegistrar(c, etcd.Service{Key: "/k", Value: "v"}, nil)
	r.Register()
	r.Deregister()
	if c.registers != 1 || c.deregisters != 1 {
		t.Errorf("calls: got %d registers and %d deregisters, want 1 and 1", c.registers, c.deregisters)
	}
}
