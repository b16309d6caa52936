package consul_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/sd/consul"
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

type failingConsul struct{ fakeConsul }

func (*failingConsul) Register(*consulapi.AgentServiceRegistration) error {
	return errors.New("register failed")
}

func (*failingConsul) Deregister(*consulapi.AgentServiceRegistration) error {
	return errors.New("deregister failed")
}

func TestRegistrarLogs(t *testing.T) {
	t.Parallel()
	reg := &consulapi.AgentServiceRegistration{ID: "a", Name: "svc", Address: "10.0.0.1", Port: 80}
	for _, tc := range []struct {
		name   string
		client consul.Client
		reg    *consulapi.AgentServiceRegistration
		want   []string
	}{
		{"ok", newFakeConsul(), reg, []string{"actionregister", "actionderegister", "servicesvc"}},
		{"failing", &failingConsul{}, reg, []string{"register failed", "deregister failed"}},
		{"nil registration", newFakeConsul(), nil, []string{"nil service registration"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			logger := &recordLogger{}
			r := consul.NewRegistrar(tc.client, tc.reg, logger)
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
