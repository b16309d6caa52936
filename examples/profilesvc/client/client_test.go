package client_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/examples/profilesvc"
	"github.com/seedkit/kit/examples/profilesvc/client"
	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	consulsd "github.com/seedkit/kit/sd/consul"
)

// instance is a profilesvc HTTP server on loopback that counts its requests.
type instance struct {
	*httptest.Server
	hits atomic.Int64
}

func newInstance(t *testing.T, svc profilesvc.Service) *instance {
	t.Helper()
	in := &instance{}
	h := profilesvc.MakeHTTPHandler(svc, nil)
	in.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in.hits.Add(1)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(in.Close)
	return in
}

func (in *instance) hostPort(t *testing.T) (string, int) {
	t.Helper()
	host, port, err := net.SplitHostPort(in.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		t.Fatal(err)
	}
	return host, p
}

// crud exercises svc and fails t on any unexpected result.
func crud(ctx context.Context, t *testing.T, svc profilesvc.Service) {
	t.Helper()
	if err := svc.PostProfile(ctx, profilesvc.Profile{ID: "ada", Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.PostAddress(ctx, "ada", profilesvc.Address{ID: "home", Location: "London"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.PatchProfile(ctx, "ada", profilesvc.Profile{Name: "Ada Lovelace"}); err != nil {
		t.Fatal(err)
	}
	p, err := svc.GetProfile(ctx, "ada")
	if err != nil || p.Name != "Ada Lovelace" || len(p.Addresses) != 1 {
		t.Fatalf("GetProfile = %+v, %v", p, err)
	}
	if _, err := svc.GetAddress(ctx, "ada", "work"); !errors.Is(err, profilesvc.ErrNotFound) {
		t.Fatalf("GetAddress(missing) err = %v, want ErrNotFound", err)
	}
	if err := svc.PostProfile(ctx, profilesvc.Profile{ID: "ada"}); !errors.Is(err, profilesvc.ErrAlreadyExists) {
		t.Fatalf("PostProfile(again) err = %v, want ErrAlreadyExists", err)
	}
	if err := svc.DeleteProfile(ctx, "ada"); err != nil {
		t.Fatal(err)
	}
}

// fakeConsul answers the first query with its entries and blocks every
// blocking query until the Instancer stops.
type fakeConsul struct{ entries []*consulapi.ServiceEntry }

func (f fakeConsul) Register(*consulapi.AgentServiceRegistration) error   { return nil }
func (f fakeConsul) Deregister(*consulapi.AgentServiceRegistration) error { return nil }
func (f fakeConsul) Service(_, _ string, _ bool, q *consulapi.QueryOptions) ([]*consulapi.ServiceEntry, *consulapi.QueryMeta, error) {
	if q != nil && q.WaitIndex > 0 {
		<-q.Context().Done()
		return nil, nil, q.Context().Err()
	}
	return f.entries, &consulapi.QueryMeta{LastIndex: 1}, nil
}

func entry(host string, port int) *consulapi.ServiceEntry {
	return &consulapi.ServiceEntry{
		Node:    &consulapi.Node{Address: host},
		Service: &consulapi.AgentService{Address: host, Port: port},
	}
}

func TestClientRetriesAroundDeadInstance(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	live := newInstance(t, profilesvc.NewInmemService())
	dead := newInstance(t, profilesvc.NewInmemService())
	dead.Close()
	liveHost, livePort := live.hostPort(t)
	deadHost, deadPort := dead.hostPort(t)

	c, err := client.New(fakeConsul{[]*consulapi.ServiceEntry{entry(deadHost, deadPort), entry(liveHost, livePort)}},
		log.NewNopLogger(), client.HTTPClient(live.Client()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	crud(ctx, t, c)
	if live.hits.Load() == 0 {
		t.Fatal("the live instance got no request")
	}

	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetProfile(ctx, "ada"); !errors.Is(err, sd.ErrEndpointerClosed) {
		t.Fatalf("call after Close: err = %v, want sd.ErrEndpointerClosed", err)
	}
}

func TestClientBusinessErrorsAreNotRetried(t *testing.T) {
	t.Parallel()
	in := newInstance(t, profilesvc.NewInmemService())
	host, port := in.hostPort(t)
	c, err := client.New(fakeConsul{[]*consulapi.ServiceEntry{entry(host, port)}}, nil, client.HTTPClient(in.Client()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.GetProfile(context.Background(), "missing"); !errors.Is(err, profilesvc.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if n := in.hits.Load(); n != 1 {
		t.Fatalf("%d requests for one call with a business error, want 1", n)
	}
}

func TestClientNoInstances(t *testing.T) {
	t.Parallel()
	c, err := client.New(fakeConsul{}, nil, client.Retry(2, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.DeleteProfile(context.Background(), "x"); err == nil {
		t.Fatal("call without instances succeeded")
	}
}

func TestNewNilClient(t *testing.T) {
	t.Parallel()
	if _, err := client.New(nil, nil); !errors.Is(err, client.ErrNilClient) {
		t.Fatalf("err = %v, want ErrNilClient", err)
	}
}

// TestConsul registers two profilesvc instances, sharing one store as if it
// were a database, in the real Consul, and uses them through the client.
func TestConsul(t *testing.T) {
	t.Parallel()
	addr := integration.Addr(t, "CONSUL_ADDR")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const wait = 5 * time.Second
	consulConfig := client.ConsulConfig(addr, wait)
	t.Cleanup(consulConfig.Transport.CloseIdleConnections) // registered first, so it runs after the deregistrations
	api, err := consulapi.NewClient(consulConfig)
	if err != nil {
		t.Fatal(err)
	}
	kc := consulsd.NewClient(api)
	name := "profilesvc-test-" + randomHex()

	store := profilesvc.NewInmemService()
	instances := []*instance{newInstance(t, store), newInstance(t, store)}
	var registrars []*consulsd.Registrar
	for i, in := range instances {
		host, port := in.hostPort(t)
		r := consulsd.NewRegistrar(kc, &consulapi.AgentServiceRegistration{
			ID: name + "-" + strconv.Itoa(i), Name: name, Address: host, Port: port,
		}, log.NewNopLogger())
		r.Register()
		t.Cleanup(r.Deregister)
		registrars = append(registrars, r)
	}
	waitForInstances(ctx, t, api, name, 2)

	httpClient := &http.Client{}
	defer httpClient.CloseIdleConnections()
	c, err := client.New(kc, log.NewNopLogger(), client.ServiceName(name), client.HTTPClient(httpClient), client.WaitTime(wait))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	crud(ctx, t, c)
	for i, in := range instances {
		if in.hits.Load() == 0 {
			t.Errorf("instance %d got no request: no round robin", i)
		}
	}

	// One instance goes away: calls go on, retried on the other one until
	// the client hears of the change.
	registrars[1].Deregister()
	instances[1].Close()
	crud(ctx, t, c)
	waitForInstances(ctx, t, api, name, 1)
	crud(ctx, t, c)
}

// waitForInstances waits, with Consul blocking queries, until service has
// n passing instances.
func waitForInstances(ctx context.Context, t *testing.T, api *consulapi.Client, service string, n int) {
	t.Helper()
	var index uint64
	for {
		entries, meta, err := api.Health().Service(service, "", true,
			(&consulapi.QueryOptions{WaitIndex: index, WaitTime: 5 * time.Second}).WithContext(ctx))
		if err != nil {
			t.Fatalf("waiting for %d instances of %s: %v", n, service, err)
		}
		if len(entries) == n {
			return
		}
		index = meta.LastIndex
	}
}

func randomHex() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
