package dnssrv_test

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/sd/dnssrv"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

// dnsLookup returns a Lookup that asks the DNS server at DNS_ADDR, skipping
// the test when it is not set.
func dnsLookup(t *testing.T) dnssrv.Lookup {
	t.Helper()
	addr := integration.Addr(t, "DNS_ADDR")
	r := &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	}
	return func(service, proto, name string) (string, []*net.SRV, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return r.LookupSRV(ctx, service, proto, name)
	}
}

func TestIntegrationSRV(t *testing.T) {
	t.Parallel()
	lookup := dnsLookup(t)
	tick := make(chan time.Time, 1)
	in := dnssrv.NewInstancerDetailed("_kit._tcp.kit.test", &time.Ticker{C: tick}, lookup, nil)
	defer in.Stop()
	want := []string{"one.kit.test.:8001", "two.kit.test.:8002"}
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, want, 10*time.Second)

	// A refresh finds the same records: nothing new is sent, and a new
	// subscriber still gets them at once.
	tick <- time.Now()
	sdtest.Await(t, sdtest.Subscribe(t, in), want, 10*time.Second)
}

func TestIntegrationUnknownName(t *testing.T) {
	t.Parallel()
	lookup := dnsLookup(t)
	in := dnssrv.NewInstancerDetailed("_nothing._tcp.kit.test", &time.Ticker{C: make(chan time.Time)}, lookup, nil)
	defer in.Stop()
	ev := sdtest.AwaitErr(t, sdtest.Subscribe(t, in), 10*time.Second)
	var dnsErr *net.DNSError
	if !errors.As(ev.Err, &dnsErr) {
		t.Fatalf("got %v (%T), want a *net.DNSError", ev.Err, ev.Err)
	}
}

func TestIntegrationNewInstancer(t *testing.T) {
	t.Parallel()
	_ = dnsLookup(t) // skips without a server
	// NewInstancer uses the system resolver, which does not know DNS_ADDR:
	// only check that it starts, reports something, and stops.
	in := dnssrv.NewInstancer("_kit._tcp.kit.test", time.Hour, nil)
	<-sdtest.Subscribe(t, in)
	in.Stop()
}
