package zk_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	stdzk "github.com/go-zookeeper/zk"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd/internal/sdtest"
	"github.com/seedkit/kit/sd/zk"
)

// fakeClient is an in-memory zk.Client holding the children of one path;
// like ZooKeeper, each watch fires once.
type fakeClient struct {
	mu        sync.Mutex
	instances []string
	err       error
	watches   []chan stdzk.Event
	parentErr error
}

func (f *fakeClient) GetEntries(string) ([]string, <-chan stdzk.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, nil, f.err
	}
	w := make(chan stdzk.Event, 1)
	f.watches = append(f.watches, w)
	return slices.Clone(f.instances), w, nil
}

func (f *fakeClient) CreateParentNodes(string) error { return f.parentErr }
func (f *fakeClient) Register(*zk.Service) error     { return nil }
func (f *fakeClient) Deregister(*zk.Service) error   { return nil }
func (f *fakeClient) Stop()                          {}

// change sets the children (or an error) and fires the pending watches,
// with the event ZooKeeper sends: children changed, or watch lost.
func (f *fakeClient) change(instances []string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.instances, f.err = slices.Clone(instances), err
	ev := stdzk.Event{Type: stdzk.EventNodeChildrenChanged}
	if err != nil {
		ev = stdzk.Event{Type: stdzk.EventNotWatching, Err: err}
	}
	for _, w := range f.watches {
		w <- ev
		close(w)
	}
	f.watches = nil
}

func TestInstancerConformanceFake(t *testing.T) {
	t.Parallel()
	sdtest.Run(t, sdtest.Harness{
		New: func(t testing.TB, initial []string) sdtest.Subject {
			fc := &fakeClient{instances: slices.Clone(initial)}
			in, err := zk.NewInstancer(fc, "/svc", log.NewNopLogger())
			if err != nil {
				t.Fatal(err)
			}
			return sdtest.Subject{
				Instancer: in,
				Set:       func(_ testing.TB, instances []string) { fc.change(instances, nil) },
				Fail:      func(testing.TB) { fc.change(nil, stdzk.ErrSessionExpired) },
			}
		},
	})
}

func TestNewInstancerErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		fc   *fakeClient
	}{
		{"parent nodes", &fakeClient{parentErr: boom}},
		{"first read", &fakeClient{err: boom}},
	} {
		if in, err := zk.NewInstancer(tc.fc, "/svc", nil); !errors.Is(err, boom) || in != nil {
			t.Errorf("%s: got %v, %v; want nil, %v", tc.name, in, err, boom)
		}
	}
}

func TestInstancerConformanceZooKeeper(t *testing.T) {
	t.Parallel()
	addr := zkAddr(t)
	sdtest.Run(t, sdtest.Harness{
		Timeout: 15 * time.Second,
		New: func(t testing.TB, initial []string) sdtest.Subject {
			root := uniquePath(t)
			cleanupTree(t, addr, root)
			c := newClient(t, addr)
			var mu sync.Mutex
			current := map[string]*zk.Service{}
			set := func(tb testing.TB, instances []string) {
				mu.Lock()
				defer mu.Unlock()
				want := map[string]bool{}
				for _, inst := range instances {
					want[inst] = true
					if current[inst] == nil {
						s := &zk.Service{Path: root, Name: "svc", Data: []byte(inst)}
						if err := c.Register(s); err != nil {
							tb.Fatalf("Register: %v", err)
						}
						current[inst] = s
					}
				}
				for inst, s := range current {
					if !want[inst] {
						if err := c.Deregister(s); err != nil {
							tb.Fatalf("Deregister: %v", err)
						}
						delete(current, inst)
					}
				}
			}
			set(t, initial)
			in, err := zk.NewInstancer(c, root+"/svc", log.NewNopLogger())
			if err != nil {
				t.Fatal(err)
			}
			return sdtest.Subject{Instancer: in, Set: set}
		},
	})
}

// When its session expires, the Client opens a new one and creates its
// ephemeral node again, and the Instancer follows changes again.
func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	addr := zkAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	root := uniquePath(t)
	cleanupTree(t, addr, root)
	observer := rawConn(t, addr)
	p := startProxy(t, addr)

	c := newClient(t, p.addr(), zk.SessionTimeout(time.Second), zk.ConnectTimeout(time.Second))
	r := zk.NewRegistrar(c, zk.Service{Path: root, Name: "svc", Data: []byte("10.0.0.1:80")}, log.NewNopLogger())
	r.Register()
	defer r.Deregister()
	path := root + "/svc"
	in, err := zk.NewInstancer(c, path, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer in.Stop()
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, []string{"10.0.0.1:80"}, 10*time.Second)

	children, _, err := observer.Children(path)
	if err != nil || len(children) != 1 {
		t.Fatalf("children before the partition: %v, %v", children, err)
	}
	node := path + "/" + children[0]
	found, _, gone, err := observer.ExistsW(node)
	if err != nil || !found {
		t.Fatalf("ExistsW: %v, %v", found, err)
	}

	// Cut the client off until the server expires its session, which
	// removes the ephemeral node.
	p.pause()
	select {
	case ev := <-gone:
		if ev.Type != stdzk.EventNodeDeleted {
			t.Fatalf("observer: got %v, want the node deleted", ev.Type)
		}
	case <-ctx.Done():
		t.Fatal("the session did not expire")
	}
	p.resume()

	// The node comes back (under a new name) and the Instancer reports it.
	for {
		children, _, w, err := observer.ChildrenW(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(children) == 1 && path+"/"+children[0] != node {
			break
		}
		select {
		case <-w:
		case <-ctx.Done():
			t.Fatalf("the registration was not created again: children %v", children)
		}
	}
	// A later change still reaches the Instancer: it watches again.
	other := newClient(t, addr)
	s := &zk.Service{Path: root, Name: "svc", Data: []byte("10.0.0.2:80")}
	if err := other.Register(s); err != nil {
		t.Fatal(err)
	}
	defer other.Deregister(s)
	sdtest.Await(t, ch, []string{"10.0.0.1:80", "10.0.0.2:80"}, 30*time.Second)
}

func TestInstancerIntegration(t *testing.T) {
	t.Parallel()
	addr := zkAddr(t)
	root := uniquePath(t)
	cleanupTree(t, addr, root)
	c := newClient(t, addr)
	in, err := zk.NewInstancer(c, root+"/svc", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Stop()
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, nil, 10*time.Second)
	var regs []*zk.Registrar
	for _, inst := range []string{"10.0.0.1:80", "10.0.0.2:80"} {
		r := zk.NewRegistrar(c, zk.Service{Path: root, Name: "svc", Data: []byte(inst)}, nil)
		r.Register()
		regs = append(regs, r)
	}
	sdtest.Await(t, ch, []string{"10.0.0.1:80", "10.0.0.2:80"}, 10*time.Second)
	regs[0].Deregister()
	sdtest.Await(t, ch, []string{"10.0.0.2:80"}, 10*time.Second)
	regs[1].Deregister()
	sdtest.Await(t, ch, nil, 10*time.Second)
}
