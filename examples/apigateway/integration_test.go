package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/log"
	consulsd "github.com/seedkit/kit/sd/consul"
)

// converge bounds every wait on Consul: its health checks run every second,
// so this is many times what convergence takes.
const converge = 30 * time.Second

// TestIntegrationRoutes runs the gateway command against Consul, with a
// dead instance registered among healthy ones.
func TestIntegrationRoutes(t *testing.T) {
	t.Parallel()
	addr := integration.Addr(t, "CONSUL_ADDR")
	c := consulClient(t, addr)
	addsvc, stringsvc := uniqueName(t, "addsvc"), uniqueName(t, "stringsvc")
	add1 := startInstance(t, addsvcHandler())
	add2 := startInstance(t, addsvcHandler())
	str := startInstance(t, stringsvcHandler())
	// No health checks: Consul lists all three, the dead one too.
	register(t, c, addsvc, addsvc+"-1", add1.addr, false)
	register(t, c, addsvc, addsvc+"-2", add2.addr, false)
	register(t, c, addsvc, addsvc+"-dead", deadAddr(t), false)
	register(t, c, stringsvc, stringsvc+"-1", str.addr, false)

	base := startRun(t, "-consul-addr", addr, "-addsvc-service", addsvc, "-stringsvc-service", stringsvc, "-retry-timeout", "5s")
	// Once Consul lists every instance and each method has found one, the
	// set of instances behind a method can only grow.
	for service, want := range map[string]int{addsvc: 3, stringsvc: 1} {
		eventually(t, converge, service+" listed by Consul", func() bool {
			entries, _, err := c.Health().Service(service, "", true, nil)
			return err == nil && len(entries) == want
		})
	}
	hc := httpClient(t)
	for _, r := range []struct{ path, body string }{
		{"/addsvc/sum", `{"a":1,"b":1}`}, {"/addsvc/concat", `{"a":"a","b":"b"}`},
		{"/stringsvc/uppercase", `{"s":"x"}`}, {"/stringsvc/count", `{"s":"x"}`},
	} {
		eventually(t, converge, r.path+" discovered", func() bool {
			code, _, err := call(hc, "POST", base+r.path, r.body)
			return err == nil && code == http.StatusOK
		})
	}
	checkRoutes(t, base, func() int64 { return add1.hits.Load() + add2.hits.Load() + str.hits.Load() })
}

// TestIntegrationNoInstances runs the gateway command against Consul for
// services nobody registered.
func TestIntegrationNoInstances(t *testing.T) {
	t.Parallel()
	addr := integration.Addr(t, "CONSUL_ADDR")
	addsvc, stringsvc := uniqueName(t, "addsvc"), uniqueName(t, "stringsvc")
	base := startRun(t, "-consul-addr", addr, "-addsvc-service", addsvc, "-stringsvc-service", stringsvc)
	checkNoInstances(t, base, addsvc, stringsvc)
}

// countingTransport counts the upstream calls that fail before getting a
// response (the attempts Retry moves to another instance).
type countingTransport struct {
	http.RoundTripper
	failed atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.RoundTripper.RoundTrip(r)
	if err != nil {
		c.failed.Add(1)
	}
	return resp, err
}

// load calls the gateway from several goroutines until stopped, checking
// every answer.
type load struct {
	sent, failed atomic.Int64
	mu           sync.Mutex
	errs         []string // the first few failures
	cancel       context.CancelFunc
	wg           sync.WaitGroup
}

func startLoad(t *testing.T, base string, clients int) *load {
	ctx, cancel := context.WithCancel(context.Background())
	l := &load{cancel: cancel}
	hc := httpClient(t)
	for g := range clients {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for i := 1; ctx.Err() == nil; i++ {
				path, body, want := "/addsvc/sum", fmt.Sprintf(`{"a":%d,"b":%d}`, g, i), fmt.Sprintf(`{"v":%d}`, g+i)
				if i%2 == 0 {
					path, body, want = "/addsvc/concat", fmt.Sprintf(`{"a":"%d","b":"x"}`, i%1000), fmt.Sprintf(`{"v":"%dx"}`, i%1000)
				}
				l.sent.Add(1)
				code, got, err := call(hc, "POST", base+path, body)
				if err != nil || code != http.StatusOK || got != want {
					l.failed.Add(1)
					l.mu.Lock()
					if len(l.errs) < 5 {
						l.errs = append(l.errs, fmt.Sprintf("POST %s %s = %d %s, %v; want %s", path, body, code, got, err, want))
					}
					l.mu.Unlock()
				}
			}
		}()
	}
	t.Cleanup(l.stop)
	return l
}

func (l *load) stop() {
	l.cancel()
	l.wg.Wait()
}

// TestIntegrationFailover kills one of three addsvc instances under load,
// then starts a new one: no request fails, the dead instance leaves the
// balancer once Consul's health check marks it critical, and the new one
// gets traffic once its check passes.
func TestIntegrationFailover(t *testing.T) {
	t.Parallel()
	addr := integration.Addr(t, "CONSUL_ADDR")
	c := consulClient(t, addr)
	service := uniqueName(t, "addsvc")
	instances := make([]*instance, 3)
	for i := range instances {
		instances[i] = startInstance(t, addsvcHandler())
		register(t, c, service, fmt.Sprintf("%s-%d", service, i), instances[i].addr, true)
	}

	cfg := testConfig(service, uniqueName(t, "stringsvc"))
	// The balancer's turn is shared by all the clients' requests, so one
	// request can be handed the dead instance on several attempts in a row;
	// ten attempts make that practically impossible.
	cfg.retryMax = 10
	upstream := &countingTransport{RoundTripper: &http.Transport{MaxIdleConnsPerHost: 16}}
	t.Cleanup(upstream.RoundTripper.(*http.Transport).CloseIdleConnections)
	gw := newGateway(consulsd.NewClient(c), &http.Client{Transport: upstream}, cfg, log.NewNopLogger())
	front := httptest.NewServer(gw)
	t.Cleanup(func() {
		front.Close()
		gw.Close()
	})
	endpoints := func(want int) func() bool {
		return func() bool {
			for _, e := range gw.addsvc.endpointers {
				if eps, err := e.Endpoints(); err != nil || len(eps) != want {
					return false
				}
			}
			return true
		}
	}
	eventually(t, converge, "three instances passing and discovered", endpoints(3))

	l := startLoad(t, front.URL, 4)
	for i, in := range instances {
		eventually(t, converge, fmt.Sprintf("instance %d receiving requests", i), func() bool { return in.hits.Load() >= 100 })
	}

	// Kill instance 0.
	stopped := time.Now()
	instances[0].stop()
	eventually(t, converge, "dead instance leaving the balancer", endpoints(2))
	out := time.Since(stopped)
	retriedBefore := upstream.failed.Load()
	// The survivors keep serving.
	h1, h2 := instances[1].hits.Load(), instances[2].hits.Load()
	eventually(t, converge, "survivors receiving requests", func() bool {
		return instances[1].hits.Load() > h1 && instances[2].hits.Load() > h2
	})

	// Start a replacement on a new port.
	fresh := startInstance(t, addsvcHandler())
	registered := time.Now()
	register(t, c, service, service+"-3", fresh.addr, true)
	eventually(t, converge, "new instance receiving requests", func() bool { return fresh.hits.Load() > 0 })
	in := time.Since(registered)
	eventually(t, converge, "new instance in the balancer", endpoints(3))
	eventually(t, converge, "new instance taking its share", func() bool { return fresh.hits.Load() >= 100 })

	l.stop()
	t.Logf("failover: %d requests sent, %d failed; upstream attempts failed and retried: %d until the dead instance left the balancer, %d after; "+
		"dead instance out of the balancer %v after it stopped; new instance receiving requests %v after it registered; "+
		"requests per instance: dead %d, survivors %d and %d, new %d",
		l.sent.Load(), l.failed.Load(), retriedBefore, upstream.failed.Load()-retriedBefore, out.Round(time.Millisecond), in.Round(time.Millisecond),
		instances[0].hits.Load(), instances[1].hits.Load(), instances[2].hits.Load(), fresh.hits.Load())
	if n := l.failed.Load(); n > 0 {
		t.Errorf("%d of %d requests failed; first ones:\n%s", n, l.sent.Load(), strings.Join(l.errs, "\n"))
	}
}
