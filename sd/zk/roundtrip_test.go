package zk_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/sdtest"
	"github.com/seedkit/kit/sd/lb"
	"github.com/seedkit/kit/sd/zk"
)

// reached calls the balancer n times and returns the instances it reached.
func reached(ctx context.Context, b lb.Balancer, n int) map[string]bool {
	got := map[string]bool{}
	for i := 0; i < n; i++ {
		e, err := b.Endpoint()
		if err != nil {
			return got
		}
		resp, _ := e(ctx, nil)
		got[resp.(string)] = true
	}
	return got
}

// awaitReached polls the balancer until it reaches exactly want.
func awaitReached(ctx context.Context, t *testing.T, b lb.Balancer, want ...string) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		got := reached(ctx, b, 2*len(want)+2)
		ok := len(got) == len(want)
		for _, w := range want {
			ok = ok && got[w]
		}
		if ok {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("balancer reaches %v, want %v", got, want)
		case <-tick.C:
		}
	}
}

func echoFactory(instance string) (endpoint.Endpoint, io.Closer, error) {
	return func(context.Context, any) (any, error) { return instance, nil }, nil, nil
}

// Registrars and an Instancer through sd.NewEndpointer and lb.NewRoundRobin.
func TestEndpointerRoundTrip(t *testing.T) {
	t.Parallel()
	addr := zkAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	root := uniquePath(t)
	cleanupTree(t, addr, root)
	c := newClient(t, addr)

	var registrars []*zk.Registrar
	for _, inst := range []string{"10.0.0.1:8001", "10.0.0.1:8002"} {
		r := zk.NewRegistrar(c, zk.Service{Path: root, Name: "svc", Data: []byte(inst)}, log.NewNopLogger())
		r.Register()
		registrars = append(registrars, r)
	}
	in, err := zk.NewInstancer(c, root+"/svc", log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer in.Stop()
	e := sd.NewEndpointer(in, echoFactory, log.NewNopLogger())
	defer e.Close()
	b := lb.NewRoundRobin(e)
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, []string{"10.0.0.1:8001", "10.0.0.1:8002"}, 10*time.Second)
	awaitReached(ctx, t, b, "10.0.0.1:8001", "10.0.0.1:8002")
	registrars[0].Deregister()
	awaitReached(ctx, t, b, "10.0.0.1:8002")
	registrars[1].Deregister()
	sdtest.Await(t, ch, nil, 10*time.Second)
}
