package etcdv3_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"go.etcd.io/etcd/api/v3/etcdserverpb"
	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
	"google.golang.org/grpc"

	"github.com/seedkit/kit/sd/etcdv3"
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
				c, err := etcdv3.NewClient(ctx, []string{"127.0.0.1:1"}, etcdv3.ClientOptions{})
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
		c, err := etcdv3.NewClient(ctx, []string{"127.0.0.1:1"}, etcdv3.ClientOptions{})
		if err != nil {
			t.Fatalf("NewClient: %v", err)
		}
		if _, err := c.GetEntries("/x"); !errors.Is(err, etcdv3.ErrClientClosed) {
			t.Errorf("GetEntries: got %v, want ErrClientClosed", err)
		}
		if err := c.Register(etcdv3.Service{Key: "/k", Value: "v"}); !errors.Is(err, etcdv3.ErrClientClosed) {
			t.Errorf("Register: got %v, want ErrClientClosed", err)
		}
		if err := c.(io.Closer).Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
}

// leaseRecorder records the IDs of the leases a client is granted, through a
// gRPC interceptor.
type leaseRecorder struct {
	mu     sync.Mutex
	leases []clientv3.LeaseID
}

func (l *leaseRecorder) dialOption() grpc.DialOption {
	return grpc.WithChainUnaryInterceptor(func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		err := invoker(ctx, method, req, reply, cc, opts...)
		if r, ok := reply.(*etcdserverpb.LeaseGrantResponse); ok && err == nil {
			l.mu.Lock()
			l.leases = append(l.leases, clientv3.LeaseID(r.ID))
			l.mu.Unlock()
		}
		return err
	})
}

func (l *leaseRecorder) granted() []clientv3.LeaseID {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]clientv3.LeaseID(nil), l.leases...)
}

// rawClient returns a plain etcd client of addr, closed at the end of the
// test.
func rawClient(t *testing.T, addr string) *clientv3.Client {
	t.Helper()
	raw, err := clientv3.New(clientv3.Config{Endpoints: []string{addr}, DialTimeout: 2 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = raw.Close() })
	return raw
}

// liveLeases returns those of leases that etcd still knows.
func liveLeases(ctx context.Context, t *testing.T, raw *clientv3.Client, leases []clientv3.LeaseID) []clientv3.LeaseID {
	t.Helper()
	var live []clientv3.LeaseID
	for _, id := range leases {
		resp, err := raw.TimeToLive(ctx, id)
		if errors.Is(err, rpctypes.ErrLeaseNotFound) {
			continue
		}
		if err != nil {
			t.Fatalf("TimeToLive %x: %v", id, err)
		}
		if resp.TTL > 0 {
			live = append(live, id)
		}
	}
	return live
}

// keepAliveGoroutines counts the client's keep-alive goroutines.
func keepAliveGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), "etcdv3.(*client).keepAlive(")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// awaitNoKeepAlive waits until no keep-alive goroutine is left (one that
// Deregister stopped may still be unwinding when Deregister returns).
func awaitNoKeepAlive(ctx context.Context, t *testing.T) {
	t.Helper()
	for keepAliveGoroutines() > 0 {
		select {
		case <-ctx.Done():
			t.Fatalf("%d keep-alive goroutines still run after Deregister", keepAliveGoroutines())
		case <-time.After(10 * time.Millisecond): // polling a condition
		}
	}
}

// Concurrent Register and Deregister calls of one key behave as if made one
// after the other: after the last Register exactly one lease is alive, and
// after Deregister none is and the key is gone, so no leftover keep-alive can
// write the key again. (Registrations replaced by a concurrent Register used
// to keep their lease alive until Close, and write a deregistered key again.)
//
// The test is not parallel: it counts the package's keep-alive goroutines.
func TestConcurrentRegisterDeregisterSameKey(t *testing.T) {
	addr := etcdAddr(t)
	for _, tc := range []struct {
		name        string
		deregisters bool // mix Deregister calls with the Registers
	}{
		{"registers", false},
		{"registers and deregisters", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			rec := &leaseRecorder{}
			c, err := etcdv3.NewClient(context.Background(), []string{addr}, etcdv3.ClientOptions{DialOptions: []grpc.DialOption{rec.dialOption()}})
			if err != nil {
				t.Fatal(err)
			}
			defer c.(io.Closer).Close()
			raw := rawClient(t, addr)
			key := uniquePrefix(t) + "svc"
			t.Cleanup(func() { _, _ = raw.Delete(context.Background(), key) })
			ttl := etcdv3.NewTTLOption(time.Second, 3*time.Second)

			var wg sync.WaitGroup
			for i := range 6 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s := etcdv3.Service{Key: key, Value: fmt.Sprintf("v%d", i), TTL: ttl}
					for range 3 {
						if tc.deregisters && i%2 == 1 {
							_ = c.Deregister(s)
						} else {
							_ = c.Register(s)
						}
					}
				}()
			}
			wg.Wait()

			final := etcdv3.Service{Key: key, Value: "final", TTL: ttl}
			if err := c.Register(final); err != nil {
				t.Fatalf("Register: %v", err)
			}
			live := liveLeases(ctx, t, raw, rec.granted())
			if len(live) != 1 || int64(live[0]) != c.LeaseID() {
				t.Errorf("after the last Register: live leases %x, want only LeaseID %x", live, c.LeaseID())
			}
			resp, err := raw.Get(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Kvs) != 1 || string(resp.Kvs[0].Value) != "final" {
				t.Errorf("after the last Register: key holds %v, want %q", resp.Kvs, "final")
			}

			if err := c.Deregister(final); err != nil {
				t.Fatalf("Deregister: %v", err)
			}
			if live := liveLeases(ctx, t, raw, rec.granted()); len(live) != 0 {
				t.Errorf("after Deregister: leases %x still alive", live)
			}
			resp, err = raw.Get(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Kvs) != 0 {
				t.Errorf("after Deregister: key holds %q", resp.Kvs[0].Value)
			}
			awaitNoKeepAlive(ctx, t)
		})
	}
}

// A TTLOption literal (not made by NewTTLOption) gets NewTTLOption's rules
// instead of crashing the keep-alive goroutine with a zero heartbeat.
func TestZeroTTLOption(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := newClient(t, addr)
	raw := rawClient(t, addr)
	s := etcdv3.Service{Key: uniquePrefix(t) + "svc", Value: "v", TTL: &etcdv3.TTLOption{}}
	if err := c.Register(s); err != nil {
		t.Fatalf("Register: %v", err)
	}
	t.Cleanup(func() { _ = c.Deregister(s) })
	ttl, err := raw.TimeToLive(ctx, clientv3.LeaseID(c.LeaseID()))
	if err != nil {
		t.Fatal(err)
	}
	// NewTTLOption(0, 0): a 500ms heartbeat and three of them, rounded up
	// to whole seconds.
	if want := int64(2); ttl.GrantedTTL != want {
		t.Errorf("granted TTL: got %ds, want %ds", ttl.GrantedTTL, want)
	}
	if err := c.Deregister(s); err != nil {
		t.Fatalf("Deregister: %v", err)
	}
}
