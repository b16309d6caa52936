package etcdv3_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/etcdv3"
)

// fakeClient is an in-memory etcdv3.Client: a map of keys whose changes are
// signalled to WatchPrefix.
type fakeClient struct {
	mu      sync.Mutex
	kv      map[string]string
	getErr  error
	changed chan struct{} // one signal per change
	closed  chan struct{}
	once    sync.Once
}

func newFakeClient(kv map[string]string) *fakeClient {
	if kv == nil {
		kv = map[string]string{}
	}
	return &fakeClient{kv: kv, changed: make(chan struct{}, 1), closed: make(chan struct{})}
}

func (f *fakeClient) GetEntries(prefix string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.getErr != nil {
		return nil, f.getErr
	}
	var out []string
	for k, v := range f.kv {
		if len(k) >= len(prefix) && k[:len(prefix)] == prefix {
			out = append(out, v)
		}
	}
	return out, nil
}

func (f *fakeClient) WatchPrefix(prefix string, ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	case <-f.closed:
		return
	}
	for {
		select {
		case <-f.changed:
			select {
			case ch <- struct{}{}:
			case <-f.closed:
				return
			}
		case <-f.closed:
			return
		}
	}
}

func (f *fakeClient) set(key, value string, err error) {
	f.mu.Lock()
	if value == "" {
		delete(f.kv, key)
	} else {
		f.kv[key] = value
	}
	f.getErr = err
	f.mu.Unlock()
	f.signal()
}

// signal notes a change; pending changes coalesce, as each signal makes
// the Instancer read everything.
func (f *fakeClient) signal() {
	select {
	case f.changed <- struct{}{}:
	default:
	}
}

// replace makes the keys under prefix hold exactly values.
func (f *fakeClient) replace(prefix string, values []string) {
	f.mu.Lock()
	for k := range f.kv {
		if strings.HasPrefix(k, prefix) {
			delete(f.kv, k)
		}
	}
	for _, v := range values {
		f.kv[prefix+v] = v
	}
	f.getErr = nil
	f.mu.Unlock()
	f.signal()
}

func (f *fakeClient) fail(err error) {
	f.mu.Lock()
	f.getErr = err
	f.mu.Unlock()
	f.signal()
}

func (f *fakeClient) Register(s etcdv3.Service) error {
	f.set(s.Key, s.Value, nil)
	return nil
}

func (f *fakeClient) Deregister(s etcdv3.Service) error {
	f.set(s.Key, "", nil)
	return nil
}

func (f *fakeClient) LeaseID() int64 { return 42 }

func (f *fakeClient) close() { f.once.Do(func() { close(f.closed) }) }

func TestInstancerWithForeignClient(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	fc := newFakeClient(map[string]string{"/svc/a": "a:1", "/other/x": "x:1"})
	defer fc.close()
	in, err := etcdv3.NewInstancer(fc, "/svc/", log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer in.Stop()
	ch := subscribe(t, in)
	waitFor(ctx, t, ch, "initial set", instancesAre("a:1"))

	steps := []struct {
		name       string
		key, value string
		err        error
		check      func(sd.Event) bool
	}{
		{"add", "/svc/b", "b:1", nil, instancesAre("a:1", "b:1")},
		{"remove", "/svc/a", "", nil, instancesAre("b:1")},
		{"error", "/svc/c", "c:1", errors.New("boom"), func(ev sd.Event) bool { return ev.Err != nil }},
		{"recover", "/svc/d", "d:1", nil, instancesAre("b:1", "c:1", "d:1")},
	}
	for _, st := range steps {
		fc.set(st.key, st.value, st.err)
		waitFor(ctx, t, ch, st.name, st.check)
	}
}

func TestInstancerStopIsIdempotent(t *testing.T) {
	t.Parallel()
	fc := newFakeClient(nil)
	defer fc.close()
	in, _ := etcdv3.NewInstancer(fc, "/svc/", nil)
	in.Stop()
	in.Stop()
}

func TestInstancerIntegration(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newClient(t, addr)
	prefix := uniquePrefix(t)

	a := etcdv3.Service{Key: prefix + "a", Value: "10.0.0.1:80"}
	if err := c.Register(a); err != nil {
		t.Fatal(err)
	}
	defer c.Deregister(a)

	in, err := etcdv3.NewInstancer(c, prefix, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer in.Stop()
	ch := subscribe(t, in)
	waitFor(ctx, t, ch, "initial set", instancesAre(a.Value))

	b := etcdv3.Service{Key: prefix + "b", Value: "10.0.0.2:80"}
	if err := c.Register(b); err != nil {
		t.Fatal(err)
	}
	defer c.Deregister(b)
	waitFor(ctx, t, ch, "a and b", instancesAre(a.Value, b.Value))
	if err := c.Deregister(a); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, ch, "b only", instancesAre(b.Value))
	if err := c.Deregister(b); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, ch, "no instances", instancesAre())
}

// The Instancer survives a restart of the etcd server: changes made after the
// restart arrive, and the registration is still there.
func TestInstancerSurvivesServerRestart(t *testing.T) {
	t.Parallel()
	etcdAddr(t) // integration tests run only with servers
	srv := startPrivateEtcd(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	c := newClient(t, srv.client)
	prefix := uniquePrefix(t)

	a := etcdv3.Service{Key: prefix + "a", Value: "10.0.0.1:80", TTL: etcdv3.NewTTLOption(time.Second, 3*time.Second)}
	r := etcdv3.NewRegistrar(c, a, log.NewNopLogger())
	r.Register()
	defer r.Deregister()

	in, err := etcdv3.NewInstancer(c, prefix, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer in.Stop()
	ch := subscribe(t, in)
	waitFor(ctx, t, ch, "initial set", instancesAre(a.Value))

	srv.restart()

	other := newClient(t, srv.client)
	b := etcdv3.Service{Key: prefix + "b", Value: "10.0.0.2:80"}
	if err := other.Register(b); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, ch, "a and b after restart", instancesAre(a.Value, b.Value))
	if err := other.Deregister(b); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, ch, "a after restart", instancesAre(a.Value))
}
