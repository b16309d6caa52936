package zk_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/seedkit/kit/sd/zk"
)

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

func (*failingClient) Register(*zk.Service) error   { return errors.New("register failed") }
func (*failingClient) Deregister(*zk.Service) error { return errors.New("deregister failed") }

func TestRegistrarLogs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		client zk.Client
		want   []string
	}{
		{"ok", &fakeClient{}, []string{"actionregister", "actionderegister"}},
		{"failing", &failingClient{}, []string{"register failed", "deregister failed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			logger := &recordLogger{}
			r := zk.NewRegistrar(tc.client, zk.Service{Path: "/a", Name: "b", Data: []byte("c")}, logger)
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
