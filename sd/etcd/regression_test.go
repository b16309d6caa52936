package etcd_test

import (
	"context"
	"errors"
	"io"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/seedkit/kit/sd/etcd"
)

// A context that is done before or while NewClient runs gives a closed
// client, never a crash (the AfterFunc that closes the client used to run
// before the client was fully built).
func TestNewClientDoneContext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		cancel func(context.CancelFunc)
	}{
		{"already cancelled", func(cancel context.CancelFunc) { cancel() }},
		{"cancelled concurrently", func(cancel context.CancelFunc) { go cancel() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for range 25 {
				ctx, cancel := context.WithCancel(context.Background())
				tc.cancel(cancel)
				c, err := etcd.NewClient(ctx, []string{"127.0.0.1:1"}, etcd.ClientOptions{})
				if err != nil {
					cancel()
					t.Fatalf("NewClient: %v", err)
				}
				<-ctx.Done()
				if err := c.(io.Closer).Close(); err != nil {
					t.Fatalf("Close: %v", err)
				}
				cancel()
			}
		})
	}
	t.Run("closed at once", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		c, err := etcd.NewClient(ctx, []string{"127.0.0.1:1"}, etcd.ClientOptions{})
		if err != nil {
			t.Fatalf("NewClient: %v", err)
		}
		if _, err := c.GetEntries("/x"); !errors.Is(err, etcd.ErrClientClosed) {
			t.Errorf("GetEntries: got %v, want ErrClientClosed", err)
		}
		if err := c.Register(etcd.Service{Key: "/k", Value: "v"}); !errors.Is(err, etcd.ErrClientClosed) {
			t.Errorf("Register: got %v, want ErrClientClosed", err)
		}
		if err := c.(io.Closer).Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
}

// journalClient records the writes and deletes of the key; the first
// Register waits for gate when gate is not nil.
type journalClient struct {
	fakeClient
	gate chan struct{}

	mu      sync.Mutex
	ops     []string // "register" or "deregister", in call order
	present bool
	gated   bool
}

func (c *journalClient) Register(etcd.Service) error {
	c.mu.Lock()
	first := !c.gated
	c.gated = true
	c.mu.Unlock()
	if first && c.gate != nil {
		<-c.gate
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ops = append(c.ops, "register")
	c.present = true
	return nil
}

func (c *journalClient) Deregister(etcd.Service) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ops = append(c.ops, "deregister")
	c.present = false
	return nil
}

func (c *journalClient) journal() ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.ops...), c.present
}

// A Deregister called while Register is writing waits for it and undoes it:
// the key is gone afterwards and no heartbeat writes it again. (The
// heartbeat of such a Register used to keep running.) The test runs in a
// synctest bubble, so waiting several heartbeats takes no time.
func TestRegistrarDeregisterDuringRegister(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c := &journalClient{gate: make(chan struct{})}
		r := etcd.NewRegistrar(c, etcd.Service{Key: "/k", Value: "v", TTL: etcd.NewTTLOption(time.Second, 3*time.Second)}, nil)
		registered, deregistered := make(chan struct{}), make(chan struct{})
		go func() { r.Register(); close(registered) }()
		synctest.Wait() // Register is blocked in the client's first write
		go func() { r.Deregister(); close(deregistered) }()
		synctest.Wait() // Deregister waits for Register (or is done)
		close(c.gate)
		<-registered
		<-deregistered
		time.Sleep(10 * time.Second) // ten heartbeats
		ops, present := c.journal()
		if present || len(ops) == 0 || ops[len(ops)-1] != "deregister" {
			t.Errorf("after Deregister: key present %v, operations %v; want the key deleted last", present, ops)
		}
		r.Deregister() // stops a heartbeat left running, so the bubble can end
	})
}

// Register after Deregister registers again, with its heartbeat (as in Go
// kit).
func TestRegistrarRegisterAfterDeregister(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c := &journalClient{}
		r := etcd.NewRegistrar(c, etcd.Service{Key: "/k", Value: "v", TTL: etcd.NewTTLOption(time.Second, 3*time.Second)}, nil)
		r.Register()
		r.Deregister()
		r.Register()
		time.Sleep(2500 * time.Millisecond) // two heartbeats
		ops, present := c.journal()
		want := []string{"register", "deregister", "register", "register", "register"}
		if !present || !slices.Equal(ops, want) {
			t.Errorf("operations %v (key present %v), want %v", ops, present, want)
		}
		r.Deregister()
	})
}

// A TTLOption literal (not made by NewTTLOption) gets NewTTLOption's rules,
// a 500ms heartbeat for the zero value, instead of crashing the heartbeat
// goroutine.
func TestRegistrarZeroTTLOption(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c := &journalClient{}
		r := etcd.NewRegistrar(c, etcd.Service{Key: "/k", Value: "v", TTL: &etcd.TTLOption{}}, nil)
		r.Register()
		time.Sleep(1200 * time.Millisecond) // the first write and two heartbeats
		r.Deregister()
		ops, present := c.journal()
		want := []string{"register", "register", "register", "deregister"}
		if present || !slices.Equal(ops, want) {
			t.Errorf("operations %v (key present %v), want %v", ops, present, want)
		}
	})
}

// The Client of NewClient also applies NewTTLOption's rules to a TTLOption
// literal: the key gets a lease of three 500ms heartbeats, rounded up to 2s.
func TestClientZeroTTLOption(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := newClient(t, addr)
	raw, err := clientv3.New(clientv3.Config{Endpoints: []string{addr}, DialTimeout: 2 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	s := etcd.Service{Key: uniquePrefix(t) + "svc", Value: "v", TTL: &etcd.TTLOption{}}
	if err := c.Register(s); err != nil {
		t.Fatalf("Register: %v", err)
	}
	t.Cleanup(func() { _ = c.Deregister(s) })
	resp, err := raw.Get(ctx, s.Key)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Kvs) != 1 || resp.Kvs[0].Lease == 0 {
		t.Fatalf("key %s: got %v, want one key with a lease", s.Key, resp.Kvs)
	}
	ttl, err := raw.TimeToLive(ctx, clientv3.LeaseID(resp.Kvs[0].Lease))
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(2); ttl.GrantedTTL != want {
		t.Errorf("granted TTL: got %ds, want %ds", ttl.GrantedTTL, want)
	}
	if err := c.Deregister(s); err != nil {
		t.Fatalf("Deregister: %v", err)
	}
}
