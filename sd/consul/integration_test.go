package consul_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/consul"
	"github.com/seedkit/kit/sd/internal/sdtest"
	"github.com/seedkit/kit/sd/lb"
)

const wait = 20 * time.Second

func registration(service, id, addr string, port int, tags ...string) *consulapi.AgentServiceRegistration {
	return &consulapi.AgentServiceRegistration{ID: id, Name: service, Address: addr, Port: port, Tags: tags}
}

func TestIntegrationRegisterDiscoverDeregister(t *testing.T) {
	t.Parallel()
	addr := consulAddr(t)
	client := consul.NewClient(apiClient(t, addr))
	service := uniqueName(t)

	a := registration(service, service+"-a", "10.0.0.1", 80, "prod", "eu")
	b := registration(service, service+"-b", "10.0.0.2", 80, "prod")
	c := registration(service, service+"-c", "10.0.0.3", 80, "eu")
	c.Check = &consulapi.AgentServiceCheck{TTL: "1h", Status: consulapi.HealthCritical}
	for _, r := range []*consulapi.AgentServiceRegistration{a, b, c} {
		if err := client.Register(r); err != nil {
			t.Fatalf("Register: %v", err)
		}
		t.Cleanup(func() { _ = client.Deregister(r) })
	}

	for _, tc := range []struct {
		name        string
		tags        []string
		passingOnly bool
		want        []string
	}{
		{"all", nil, false, []string{"10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80"}},
		{"passing only", nil, true, []string{"10.0.0.1:80", "10.0.0.2:80"}},
		{"one tag", []string{"eu"}, false, []string{"10.0.0.1:80", "10.0.0.3:80"}},
		{"two tags", []string{"prod", "eu"}, false, []string{"10.0.0.1:80"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := consul.NewInstancer(client, log.NewNopLogger(), service, tc.tags, tc.passingOnly)
			defer in.Stop()
			ch := sdtest.Subscribe(t, in)
			sdtest.Await(t, ch, tc.want, wait)
		})
	}

	// Watch updates arrive.
	in := consul.NewInstancer(client, log.NewNopLogger(), service, []string{"prod"}, true)
	defer in.Stop()
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, []string{"10.0.0.1:80", "10.0.0.2:80"}, wait)
	d := registration(service, service+"-d", "10.0.0.4", 80, "prod")
	if err := client.Register(d); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Deregister(d) })
	sdtest.Await(t, ch, []string{"10.0.0.1:80", "10.0.0.2:80", "10.0.0.4:80"}, wait)
	for _, r := range []*consulapi.AgentServiceRegistration{a, b, d} {
		if err := client.Deregister(r); err != nil {
			t.Fatalf("Deregister: %v", err)
		}
	}
	sdtest.Await(t, ch, nil, wait)
}

func TestIntegrationConformance(t *testing.T) {
	t.Parallel()
	addr := consulAddr(t)
	client := consul.NewClient(apiClient(t, addr))
	sdtest.Run(t, sdtest.Harness{
		Timeout: wait,
		New: func(t testing.TB, initial []string) sdtest.Subject {
			service := uniqueName(t)
			var mu sync.Mutex
			regs := map[string]*consulapi.AgentServiceRegistration{}
			set := func(tb testing.TB, instances []string) {
				mu.Lock()
				defer mu.Unlock()
				want := map[string]bool{}
				for _, inst := range instances {
					want[inst] = true
					if regs[inst] == nil {
						host, port, err := net.SplitHostPort(inst)
						if err != nil {
							tb.Fatal(err)
						}
						p, _ := strconv.Atoi(port)
						r := registration(service, service+"-"+inst, host, p)
						if err := client.Register(r); err != nil {
							tb.Fatalf("Register: %v", err)
						}
						regs[inst] = r
					}
				}
				for inst, r := range regs {
					if !want[inst] {
						if err := client.Deregister(r); err != nil {
							tb.Fatalf("Deregister: %v", err)
						}
						delete(regs, inst)
					}
				}
			}
			set(t, initial)
			t.Cleanup(func() { set(t, nil) })
			return sdtest.Subject{
				Instancer: consul.NewInstancer(client, nil, service, nil, false),
				Set:       set,
			}
		},
	})
}

// After a deregistration, an idle Instancer waits in blocking queries: it
// makes a handful of requests, not hundreds a second (go-kit/kit#1214).
func TestIntegrationIdleRequestRate(t *testing.T) {
	t.Parallel()
	addr := consulAddr(t)
	service := uniqueName(t)
	proxy := newCountingProxy(t, addr, service)
	direct := consul.NewClient(apiClient(t, addr))
	viaProxy := consul.NewClient(apiClient(t, proxy.addr()))

	r := registration(service, service+"-a", "10.0.0.1", 80)
	if err := direct.Register(r); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = direct.Deregister(r) })
	// With a one-second minimum backoff, a loop that waits after each
	// suspicious answer makes at most about 3 requests in the window below,
	// a spinning one hundreds.
	in := consul.NewInstancerWithOptions(viaProxy, nil, service, nil, false,
		consul.InstancerBackoff(time.Second, 10*time.Second))
	defer in.Stop()
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, []string{"10.0.0.1:80"}, wait)
	if err := direct.Deregister(r); err != nil {
		t.Fatal(err)
	}
	sdtest.Await(t, ch, nil, wait)

	before := proxy.count.Load()
	window := time.NewTimer(4 * time.Second)
	<-window.C // measuring a rate needs a window of time
	n := proxy.count.Load() - before
	t.Logf("%d health queries in 4s while idle", n)
	if n > 5 {
		t.Fatalf("%d health queries in 4s while idle: the query loop spins", n)
	}
}

// The Instancer reports the error while the agent is down and recovers the
// right set after it restarts (a dev agent restarts empty, with a lower
// index: the loop must reset it).
func TestIntegrationAgentRestart(t *testing.T) {
	t.Parallel()
	consulAddr(t) // integration tests run only with servers
	agent := startPrivateAgent(t)
	client := consul.NewClient(apiClient(t, agent.http))
	service := uniqueName(t)

	a := registration(service, service+"-a", "10.0.0.1", 80)
	registrar := consul.NewRegistrar(client, a, log.NewNopLogger())
	registrar.Register()
	in := consul.NewInstancerWithOptions(client, nil, service, nil, false,
		consul.InstancerBackoff(50*time.Millisecond, time.Second))
	defer in.Stop()
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, []string{"10.0.0.1:80"}, wait)

	agent.stop()
	sdtest.AwaitErr(t, ch, wait)
	agent.start()
	registrar.Register() // the dev agent lost its state
	sdtest.Await(t, ch, []string{"10.0.0.1:80"}, wait)
	b := registration(service, service+"-b", "10.0.0.2", 80)
	if err := client.Register(b); err != nil {
		t.Fatal(err)
	}
	sdtest.Await(t, ch, []string{"10.0.0.1:80", "10.0.0.2:80"}, wait)
	registrar.Deregister()
	sdtest.Await(t, ch, []string{"10.0.0.2:80"}, wait)
}

// Registrar and Instancer through sd.NewEndpointer and lb.NewRoundRobin.
func TestIntegrationEndpointerRoundTrip(t *testing.T) {
	t.Parallel()
	addr := consulAddr(t)
	client := consul.NewClient(apiClient(t, addr))
	service := uniqueName(t)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()

	var registrars []*consul.Registrar
	for i, port := range []int{8001, 8002} {
		r := consul.NewRegistrar(client, registration(service, fmt.Sprintf("%s-%d", service, i), "10.0.0.1", port), nil)
		r.Register()
		registrars = append(registrars, r)
	}
	in := consul.NewInstancer(client, nil, service, nil, false)
	defer in.Stop()
	factory := func(instance string) (endpoint.Endpoint, io.Closer, error) {
		return func(context.Context, any) (any, error) { return instance, nil }, nil, nil
	}
	e := sd.NewEndpointer(in, factory, log.NewNopLogger())
	defer e.Close()
	balancer := lb.NewRoundRobin(e)

	seen := func() map[string]bool {
		got := map[string]bool{}
		for i := 0; i < 4; i++ {
			ep, err := balancer.Endpoint()
			if err != nil {
				return got
			}
			resp, _ := ep(ctx, nil)
			got[resp.(string)] = true
		}
		return got
	}
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, []string{"10.0.0.1:8001", "10.0.0.1:8002"}, wait)
	if got := seen(); !got["10.0.0.1:8001"] || !got["10.0.0.1:8002"] || len(got) != 2 {
		t.Fatalf("round robin reached %v", got)
	}
	registrars[0].Deregister()
	sdtest.Await(t, ch, []string{"10.0.0.1:8002"}, wait)
	// The Endpointer has seen the change once the subscriber has (it
	// registered first); poll the balancer until it follows.
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		got := seen()
		if len(got) == 1 && got["10.0.0.1:8002"] {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("round robin still reaches %v", got)
		case <-tick.C:
		}
	}
	registrars[1].Deregister()
}
