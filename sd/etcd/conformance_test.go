package etcd_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd/etcd"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

// The Instancer over a Client that is not the package's own (the
// GetEntries-after-every-signal path), against an in-memory store.
func TestInstancerConformanceFake(t *testing.T) {
	t.Parallel()
	sdtest.Run(t, sdtest.Harness{
		New: func(t testing.TB, initial []string) sdtest.Subject {
			const prefix = "/svc/"
			fc := newFakeClient(nil)
			fc.replace(prefix, initial)
			t.Cleanup(fc.close)
			in, err := etcd.NewInstancer(fc, prefix, log.NewNopLogger())
			if err != nil {
				t.Fatal(err)
			}
			return sdtest.Subject{
				Instancer: in,
				Set:       func(_ testing.TB, instances []string) { fc.replace(prefix, instances) },
				Fail:      func(testing.TB) { fc.fail(errors.New("etcd unreachable")) },
			}
		},
	})
}

// The Instancer over the package's Client (revision-based watch) against a
// real etcd.
func TestInstancerConformanceEtcd(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	sdtest.Run(t, sdtest.Harness{
		Timeout: 15 * time.Second,
		New: func(t testing.TB, initial []string) sdtest.Subject {
			c := newClient(t, addr)
			prefix := uniquePrefix(t)
			var mu sync.Mutex
			current := map[string]bool{}
			set := func(tb testing.TB, instances []string) {
				mu.Lock()
				defer mu.Unlock()
				want := map[string]bool{}
				for _, inst := range instances {
					want[inst] = true
					if !current[inst] {
						if err := c.Register(etcd.Service{Key: prefix + inst, Value: inst}); err != nil {
							tb.Fatalf("Register: %v", err)
						}
					}
				}
				for inst := range current {
					if !want[inst] {
						if err := c.Deregister(etcd.Service{Key: prefix + inst}); err != nil {
							tb.Fatalf("Deregister: %v", err)
						}
					}
				}
				current = want
			}
			set(t, initial)
			t.Cleanup(func() { set(t, nil) })
			in, err := etcd.NewInstancer(c, prefix, log.NewNopLogger())
			if err != nil {
				t.Fatal(err)
			}
			return sdtest.Subject{Instancer: in, Set: set}
		},
	})
}
