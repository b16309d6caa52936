package consul_test

import (
	"context"
	"net"
	"strconv"
	"sync"

	consulapi "github.com/hashicorp/consul/api"
)

// fakeConsul is an in-memory consul.Client with Consul's blocking-query
// semantics: Service waits until the index passes WaitIndex or the query's
// context ends.
type fakeConsul struct {
	mu      sync.Mutex
	index   uint64
	entries []*consulapi.ServiceEntry
	err     error
	changed chan struct{} // closed and replaced at every change
	calls   int
}

func newFakeConsul() *fakeConsul {
	return &fakeConsul{index: 1, changed: make(chan struct{})}
}

func entry(instance string, tags ...string) *consulapi.ServiceEntry {
	host, port, _ := net.SplitHostPort(instance)
	p, _ := strconv.Atoi(port)
	return &consulapi.ServiceEntry{
		Node:    &consulapi.Node{Address: "192.0.2.1"},
		Service: &consulapi.AgentService{Address: host, Port: p, Tags: tags},
	}
}

func (f *fakeConsul) bump() {
	f.index++
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeConsul) set(instances []string, tags ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.entries = nil
	for _, inst := range instances {
		f.entries = append(f.entries, entry(inst, tags...))
	}
	f.err = nil
	f.bump()
}

func (f *fakeConsul) fail(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
	f.bump()
}

func (f *fakeConsul) Register(*consulapi.AgentServiceRegistration) error   { return nil }
func (f *fakeConsul) Deregister(*consulapi.AgentServiceRegistration) error { return nil }

func (f *fakeConsul) Service(_, tag string, _ bool, q *consulapi.QueryOptions) ([]*consulapi.ServiceEntry, *consulapi.QueryMeta, error) {
	ctx := q.Context()
	for {
		f.mu.Lock()
		f.calls++
		if f.index > q.WaitIndex || q.WaitIndex == 0 {
			defer f.mu.Unlock()
			if f.err != nil {
				return nil, nil, f.err
			}
			var out []*consulapi.ServiceEntry
			for _, e := range f.entries {
				if e == nil || e.Service == nil {
					out = append(out, e) // malformed entries reach the Instancer
					continue
				}
				for _, t := range e.Service.Tags {
					if t == tag {
						out = append(out, e)
						break
					}
				}
				if tag == "" {
					out = append(out, e)
				}
			}
			return out, &consulapi.QueryMeta{LastIndex: f.index}, nil
		}
		changed := f.changed
		f.calls-- // a wake-up is not a new request
		f.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, nil, context.Cause(ctx)
		}
	}
}

// scripted is a consul.Client that answers every query at once from a
// script of indexes (or errors), repeating the last step forever, and
// records the WaitIndex of each query.
type scripted struct {
	mu    sync.Mutex
	steps []step
	waits []uint64
}

type step struct {
	index uint64
	err   error
}

func (s *scripted) Register(*consulapi.AgentServiceRegistration) error   { return nil }
func (s *scripted) Deregister(*consulapi.AgentServiceRegistration) error { return nil }

func (s *scripted) Service(_, _ string, _ bool, q *consulapi.QueryOptions) ([]*consulapi.ServiceEntry, *consulapi.QueryMeta, error) {
	if err := q.Context().Err(); err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, q.WaitIndex)
	st := s.steps[0]
	if len(s.steps) > 1 {
		s.steps = s.steps[1:]
	}
	if st.err != nil {
		return nil, nil, st.err
	}
	return []*consulapi.ServiceEntry{entry("10.0.0.1:80")}, &consulapi.QueryMeta{LastIndex: st.index}, nil
}

func (s *scripted) queries() []uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]uint64(nil), s.waits...)
}
