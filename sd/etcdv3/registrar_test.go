package etcdv3_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/seedkit/kit/sd/etcdv3"
)

// recordLogger keeps every log line as logfmt-ish text.
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

type failingClient struct{ fakeClient }

func (*failingClient) Register(etcdv3.Service) error   { return errors.New("register failed") }
func (*failingClient) Deregister(etcdv3.Service) error { return errors.New("deregister failed") }

func TestRegistrarLogs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		client etcdv3.Client
		want   []string
	}{
		{"ok", newFakeClient(nil), []string{"actionregister", "actionderegister"}},
		{"failing", &failingClient{}, []string{"register failed", "deregister failed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			logger := &recordLogger{}
			r := etcdv3.NewRegistrar(tc.client, etcdv3.Service{Key: "/k", Value: "v"}, logger)
			r.Register()
			r.Deregister()
			for _, w := range tc.want {
				if !strings.Contains(logger.text(), w) {
					t.Errorf("log %q lacks %q", logger.text(), w)
				}
			}
		})
	}
}

// A registered key outlives its TTL: the client keeps its lease alive.
func TestClientKeepsLeaseAlive(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	c := newClient(t, addr)
	s := etcdv3.Service{Key: uniquePrefix(t) + "x", Value: "v", TTL: etcdv3.NewTTLOption(500*time.Millisecond, time.Second)}
	raw, err := clientv3.New(clientv3.Config{Endpoints: []string{addr}, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := raw.Watch(ctx, s.Key)
	if err := c.Register(s); err != nil {
		t.Fatal(err)
	}
	// Observe the key over three TTLs: it must never be deleted.
	window := time.NewTimer(3 * time.Second)
	defer window.Stop()
	for {
		select {
		case wr := <-w:
			for _, ev := range wr.Events {
				if ev.Type == clientv3.EventTypeDelete {
					t.Fatal("the key expired although its lease was kept alive")
				}
			}
		case <-window.C:
			if err := c.Deregister(s); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
}
