package etcd_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/seedkit/kit/sd/etcd"
)

// Register and Deregister calls of one key on one Client behave as if made
// one after the other: none of them fails because of another, and once the
// last Deregister has returned the key is gone and every lease the key was
// ever written with is revoked. (Concurrent Registers used to grant one
// lease each and keep only one of them, so a lease and its key could outlive
// Deregister until the TTL ran out; a Register racing a Deregister could fail
// with "lease not found".)
func TestClientConcurrentRegisterSameKey(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	raw, err := clientv3.New(clientv3.Config{Endpoints: []string{addr}, DialTimeout: 2 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = raw.Close() })

	for _, tc := range []struct {
		name        string
		preregister bool // the key is registered before the concurrent calls
		registers   int
		deregisters int
		rounds      int
	}{
		{name: "registers", registers: 8, rounds: 10},
		{name: "registers of a registered key", preregister: true, registers: 8, rounds: 10},
		{name: "registers and deregisters", registers: 6, deregisters: 2, rounds: 10},
		{name: "registers and deregisters of a registered key", preregister: true, registers: 6, deregisters: 2, rounds: 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			c := newClient(t, addr)
			prefix := uniquePrefix(t)
			s := etcd.Service{Key: prefix + "svc", Value: "v", TTL: etcd.NewTTLOption(time.Second, 60*time.Second)}
			t.Cleanup(func() {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				_ = c.Deregister(s)
				_, _ = raw.Delete(ctx, prefix, clientv3.WithPrefix())
			})
			wctx, wcancel := context.WithCancel(ctx)
			defer wcancel()
			events := raw.Watch(wctx, prefix, clientv3.WithPrefix())
			for round := range tc.rounds {
				if tc.preregister {
					if err := c.Register(s); err != nil {
						t.Fatalf("round %d: first Register: %v", round, err)
					}
				}
				var (
					wg   sync.WaitGroup
					mu   sync.Mutex
					errs []error
				)
				start := make(chan struct{})
				call := func(op string, f func(etcd.Service) error) {
					defer wg.Done()
					<-start
					if err := f(s); err != nil {
						mu.Lock()
						errs = append(errs, fmt.Errorf("%s: %w", op, err))
						mu.Unlock()
					}
				}
				wg.Add(tc.registers + tc.deregisters)
				for range tc.registers {
					go call("Register", c.Register)
				}
				for range tc.deregisters {
					go call("Deregister", c.Deregister)
				}
				close(start)
				wg.Wait()
				for _, err := range errs {
					t.Errorf("round %d: concurrent %v", round, err)
				}
				if err := c.Deregister(s); err != nil {
					t.Fatalf("round %d: last Deregister: %v", round, err)
				}

				// Every lease the key was written with this round must be
				// revoked now. The watch delivers the writes in order, up
				// to the marker written after the last Deregister.
				marker := fmt.Sprintf("%smarker/%d", prefix, round)
				if _, err := raw.Put(ctx, marker, "x"); err != nil {
					t.Fatal(err)
				}
				leases := map[clientv3.LeaseID]bool{}
				for seen := false; !seen; {
					select {
					case wr, ok := <-events:
						if !ok || wr.Err() != nil {
							t.Fatalf("round %d: watch ended: %v", round, wr.Err())
						}
						for _, ev := range wr.Events {
							switch k := string(ev.Kv.Key); {
							case k == marker:
								seen = true
							case k == s.Key && ev.Type == clientv3.EventTypePut:
								leases[clientv3.LeaseID(ev.Kv.Lease)] = true
							}
						}
					case <-ctx.Done():
						t.Fatalf("round %d: marker not seen: %v", round, ctx.Err())
					}
				}
				if len(leases) == 0 && tc.registers > 0 && !tc.preregister && tc.deregisters == 0 {
					t.Errorf("round %d: no write of %s seen", round, s.Key)
				}
				for id := range leases {
					ttl, err := raw.TimeToLive(ctx, id)
					if err != nil {
						t.Fatalf("round %d: TimeToLive: %v", round, err)
					}
					if ttl.TTL != -1 {
						t.Errorf("round %d: lease %x of %s still alive (%ds left) after Deregister", round, id, s.Key, ttl.TTL)
						_, _ = raw.Revoke(ctx, id)
					}
				}
				resp, err := raw.Get(ctx, s.Key)
				if err != nil {
					t.Fatal(err)
				}
				if len(resp.Kvs) != 0 {
					t.Errorf("round %d: %s present after Deregister", round, s.Key)
				}
				if t.Failed() {
					return
				}
			}
		})
	}
}
