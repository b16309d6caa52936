package sddiff_test

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	consulapi "github.com/hashicorp/consul/api"

	gokitsd "github.com/go-kit/kit/sd"
	gokitconsul "github.com/go-kit/kit/sd/consul"
	kitsd "github.com/seedkit/kit/sd"
	kitconsul "github.com/seedkit/kit/sd/consul"
)

// fakeConsul implements the Client interface of both libraries (they are
// identical). The first query (WaitIndex 0) is answered at once, filtered
// by tag and passingOnly as Consul's health endpoint does; later blocking
// queries wait until the query's context ends (kit passes one) or the test
// releases them (Go kit passes none).
type fakeConsul struct {
	entries []*consulapi.ServiceEntry
	err     error
	release chan struct{}

	mu    sync.Mutex
	calls []string
}

func newFakeConsul(err error, entries ...*consulapi.ServiceEntry) *fakeConsul {
	return &fakeConsul{entries: entries, err: err, release: make(chan struct{})}
}

func (f *fakeConsul) Register(*consulapi.AgentServiceRegistration) error   { return nil }
func (f *fakeConsul) Deregister(*consulapi.AgentServiceRegistration) error { return nil }

func (f *fakeConsul) Service(service, tag string, passingOnly bool, q *consulapi.QueryOptions) ([]*consulapi.ServiceEntry, *consulapi.QueryMeta, error) {
	f.mu.Lock()
	f.calls = append(f.calls, fmt.Sprintf("service=%s tag=%q passingOnly=%v index=%d", service, tag, passingOnly, q.WaitIndex))
	f.mu.Unlock()
	if q.WaitIndex != 0 {
		select {
		case <-q.Context().Done():
		case <-f.release:
		}
		return nil, nil, errors.New("released")
	}
	if f.err != nil {
		return nil, nil, f.err
	}
	var out []*consulapi.ServiceEntry
	for _, e := range f.entries {
		if tag != "" && !slices.Contains(e.Service.Tags, tag) {
			continue
		}
		if passingOnly && e.Checks.AggregatedStatus() != consulapi.HealthPassing {
			continue
		}
		out = append(out, e)
	}
	return out, &consulapi.QueryMeta{LastIndex: 10}, nil
}

func (f *fakeConsul) firstCall() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.calls) == 0 {
		return ""
	}
	return f.calls[0]
}

// svc is a service entry: service address (may be empty), node address,
// port, health, tags.
func svc(addr, node string, port int, health string, tags ...string) *consulapi.ServiceEntry {
	return &consulapi.ServiceEntry{
		Node:    &consulapi.Node{Address: node},
		Service: &consulapi.AgentService{Address: addr, Port: port, Tags: tags},
		Checks:  consulapi.HealthChecks{{Status: health}},
	}
}

// consulObs is what an Instancer reports for its first query.
type consulObs struct {
	Instances []string
	Nil       bool // Instances is nil (not just empty)
	Err       string
	Query     string // the first Client.Service call
	Logs      []string
}

func kitConsul(t *testing.T, f *fakeConsul, tags []string, passingOnly bool) consulObs {
	logs := &recorder{}
	inst := kitconsul.NewInstancer(f, logs, "users", tags, passingOnly)
	ch := make(chan kitsd.Event, 1)
	inst.Register(ch)
	ev := <-ch
	inst.Deregister(ch)
	inst.Stop()
	o := consulObs{Instances: ev.Instances, Nil: ev.Instances == nil, Query: f.firstCall(), Logs: logs.take()}
	if ev.Err != nil {
		o.Err = ev.Err.Error()
	}
	return o
}

func gokitConsul(t *testing.T, f *fakeConsul, tags []string, passingOnly bool) consulObs {
	logs := &recorder{}
	inst := gokitconsul.NewInstancer(f, logs, "users", tags, passingOnly)
	ch := make(chan gokitsd.Event, 1)
	inst.Register(ch)
	ev := <-ch
	inst.Deregister(ch)
	inst.Stop()
	close(f.release) // ends the blocking query Go kit leaves behind
	o := consulObs{Instances: ev.Instances, Nil: ev.Instances == nil, Query: f.firstCall(), Logs: logs.take()}
	if ev.Err != nil {
		o.Err = ev.Err.Error()
	}
	return o
}

// TestConsulInstances gives both libraries' Instancers the same service
// entries and compares the instance strings, the query they send and what
// they log.
func TestConsulInstances(t *testing.T) {
	t.Parallel()
	entries := []*consulapi.ServiceEntry{
		svc("10.0.0.2", "192.0.2.1", 8080, consulapi.HealthPassing, "prod", "v1"),
		svc("", "192.0.2.9", 9000, consulapi.HealthPassing, "prod"),
		svc("10.0.0.1", "192.0.2.1", 8080, consulapi.HealthCritical, "prod", "v1", "canary"),
		svc("users.internal", "192.0.2.1", 80, consulapi.HealthWarning, "dev", "v1"),
		svc("10.0.0.3", "", 0, consulapi.HealthPassing),
	}
	cases := []struct {
		name        string
		entries     []*consulapi.ServiceEntry
		err         error
		tags        []string
		passingOnly bool
	}{
		{"all", entries, nil, nil, false},
		{"passing only", entries, nil, nil, true},
		{"one tag", entries, nil, []string{"prod"}, false},
		{"two tags", entries, nil, []string{"prod", "v1"}, false},
		{"three tags", entries, nil, []string{"prod", "v1", "canary"}, false},
		{"tags and passing", entries, nil, []string{"prod", "v1"}, true},
		{"second tag only filters client side", entries, nil, []string{"v1", "dev"}, false},
		{"empty tag list", entries, nil, []string{}, false},
		{"unknown tag", entries, nil, []string{"nope"}, false},
		{"no entries", nil, nil, nil, false},
		{"duplicates", []*consulapi.ServiceEntry{
			svc("10.0.0.1", "n", 80, consulapi.HealthPassing), svc("10.0.0.1", "n", 80, consulapi.HealthPassing),
		}, nil, nil, false},
		{"query error", entries, errors.New("consul down"), nil, false},
	}
	// A few results spelled out, so that agreement is not vacuous.
	wants := map[string][]string{
		"all":                                 {"10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:0", "192.0.2.9:9000", "users.internal:80"},
		"passing only":                        {"10.0.0.2:8080", "10.0.0.3:0", "192.0.2.9:9000"},
		"two tags":                            {"10.0.0.1:8080", "10.0.0.2:8080"},
		"tags and passing":                    {"10.0.0.2:8080"},
		"second tag only filters client side": {"users.internal:80"},
		"duplicates":                          {"10.0.0.1:80", "10.0.0.1:80"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k := kitConsul(t, newFakeConsul(tc.err, tc.entries...), tc.tags, tc.passingOnly)
			g := gokitConsul(t, newFakeConsul(tc.err, tc.entries...), tc.tags, tc.passingOnly)
			same(t, "instancer", k, g)
			if want, ok := wants[tc.name]; ok {
				same(t, "kit instances", k.Instances, want)
			}
		})
	}
}

// TestConsulIPv6 pins a documented difference: kit formats instances with
// net.JoinHostPort, so IPv6 addresses are bracketed; Go kit writes
// "addr:port". IPv4 and names are formatted alike (TestConsulInstances).
func TestConsulIPv6(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		entry      *consulapi.ServiceEntry
		kit, gokit string
	}{
		{"service address", svc("::1", "192.0.2.1", 80, consulapi.HealthPassing), "[::1]:80", "::1:80"},
		{"node address", svc("", "2001:db8::7", 8500, consulapi.HealthPassing), "[2001:db8::7]:8500", "2001:db8::7:8500"},
		{"zone", svc("fe80::1%eth0", "n", 1, consulapi.HealthPassing), "[fe80::1%eth0]:1", "fe80::1%eth0:1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k := kitConsul(t, newFakeConsul(nil, tc.entry), nil, false)
			g := gokitConsul(t, newFakeConsul(nil, tc.entry), nil, false)
			same(t, "kit", k.Instances, []string{tc.kit})
			same(t, "gokit", g.Instances, []string{tc.gokit})
		})
	}
}
