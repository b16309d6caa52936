package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/log"
)

// testConfig is the configuration of the gateways the tests build with
// newGateway: generous timeouts, for slow race-detector runs.
func testConfig(addsvc, stringsvc string) config {
	return config{
		addsvcService: addsvc, stringsvcService: stringsvc,
		retryMax: 3, retryTimeout: 5 * time.Second,
	}
}

// startGateway serves a gateway over client until the end of the test.
func startGateway(t *testing.T, client fakeConsul, cfg config) (*gateway, string) {
	t.Helper()
	gw := newGateway(client, httpClient(t), cfg, log.NewNopLogger())
	front := httptest.NewServer(gw)
	t.Cleanup(func() {
		front.Close()
		gw.Close()
	})
	return gw, front.URL
}

// TestGatewayRoutes runs the routes over a fake Consul listing, for each
// service, healthy instances along with a dead one and a broken one: every
// request succeeds, business errors and bad input are not retried.
func TestGatewayRoutes(t *testing.T) {
	t.Parallel()
	add1 := startInstance(t, addsvcHandler())
	add2 := startInstance(t, addsvcHandler())
	str := startInstance(t, stringsvcHandler())
	addBroken := startInstance(t, brokenHandler())
	strBroken := startInstance(t, brokenHandler())
	client := fakeConsul{
		"addsvc":    {entry(t, deadAddr(t)), entry(t, addBroken.addr), entry(t, add1.addr), entry(t, add2.addr)},
		"stringsvc": {entry(t, deadAddr(t)), entry(t, strBroken.addr), entry(t, str.addr)},
	}
	_, base := startGateway(t, client, testConfig("addsvc", "stringsvc"))
	checkRoutes(t, base, func() int64 { return add1.hits.Load() + add2.hits.Load() + str.hits.Load() })
}

// TestGatewayRetriesExhausted makes every instance fail: each request makes
// retry-max attempts, then fails with the last error.
func TestGatewayRetriesExhausted(t *testing.T) {
	t.Parallel()
	addBroken := startInstance(t, brokenHandler())
	strBroken := startInstance(t, brokenHandler())
	client := fakeConsul{
		"addsvc":    {entry(t, addBroken.addr)},
		"stringsvc": {entry(t, strBroken.addr)},
	}
	cfg := testConfig("addsvc", "stringsvc")
	_, base := startGateway(t, client, cfg)
	c := httpClient(t)
	for _, r := range []struct {
		path, body string
		in         *instance
		wantCode   int
		wantBody   string
	}{
		{"/addsvc/sum", `{"a":1,"b":2}`, addBroken, 500, "addsvc: HTTP 503: overloaded"},
		{"/stringsvc/count", `{"s":"x"}`, strBroken, 502, "stringsvc: HTTP 503: overloaded"},
	} {
		before := r.in.hits.Load()
		code, body, err := call(c, "POST", base+r.path, r.body)
		if err != nil {
			t.Fatal(err)
		}
		if code != r.wantCode || !strings.Contains(body, r.wantBody) {
			t.Errorf("POST %s = %d %s; want %d with %q", r.path, code, body, r.wantCode, r.wantBody)
		}
		if got := r.in.hits.Load() - before; got != int64(cfg.retryMax) {
			t.Errorf("POST %s made %d attempts; want %d", r.path, got, cfg.retryMax)
		}
	}
}

func TestGatewayNoInstances(t *testing.T) {
	t.Parallel()
	client := fakeConsul{"addsvc": []*consulapi.ServiceEntry{}}
	_, base := startGateway(t, client, testConfig("addsvc", "stringsvc"))
	checkNoInstances(t, base, "addsvc", "stringsvc")
}

// TestRunConsulUnreachable starts the gateway with no Consul agent: it
// serves anyway, answering that there is no instance, and stops cleanly.
func TestRunConsulUnreachable(t *testing.T) {
	t.Parallel()
	base := startRun(t, "-consul-addr", deadAddr(t), "-retry-timeout", "5s")
	checkNoInstances(t, base, "addsvc", "stringsvc")
}

// TestGatewayAttemptTimeout puts a hanging stringsvc instance beside a
// healthy one: with -retry-attempt-timeout, an attempt on the hanging one
// is abandoned in time for the retry to succeed.
func TestGatewayAttemptTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	hang := startInstance(t, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		// Once the body is read, the server notices the client hanging up.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release) })
	live := startInstance(t, stringsvcHandler())
	client := fakeConsul{"stringsvc": {entry(t, hang.addr), entry(t, live.addr)}}
	cfg := testConfig("addsvc", "stringsvc")
	cfg.retryTimeout, cfg.retryAttemptTimeout = time.Minute, time.Second
	_, base := startGateway(t, client, cfg)
	c := httpClient(t)
	for range 2 { // one of them tries the hanging instance first
		code, body, err := call(c, "POST", base+"/stringsvc/count", `{"s":"abc"}`)
		if err != nil || code != http.StatusOK || body != `{"v":3}` {
			t.Fatalf("POST /stringsvc/count = %d %s, %v; want 200 {\"v\":3}", code, body, err)
		}
	}
	if hang.hits.Load() == 0 {
		t.Error("the hanging instance was never tried")
	}
}
