package client_test

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/examples/profilesvc/client"
	consulsd "github.com/seedkit/kit/sd/consul"
)

// hungConsul listens on loopback, accepts connections and never answers on
// them, like a wedged Consul agent. It returns the address.
func hungConsul(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return ln.Addr().String()
}

func TestConsulConfig(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		wait, effective time.Duration
	}{
		{0, client.DefaultWaitTime},
		{-time.Second, client.DefaultWaitTime},
		{time.Second, time.Second},
	} {
		cfg := client.ConsulConfig("10.1.2.3:8500", tt.wait)
		if cfg.Address != "10.1.2.3:8500" || cfg.Transport == nil || cfg.Transport.DialContext == nil {
			t.Fatalf("ConsulConfig(wait %v) = %+v", tt.wait, cfg)
		}
		got := cfg.Transport.ResponseHeaderTimeout
		if got != client.ConsulResponseTimeout(tt.effective) || got <= tt.effective+tt.effective/16 {
			t.Errorf("ConsulConfig(wait %v) ResponseHeaderTimeout = %v, want ConsulResponseTimeout(%v), beyond a blocking query", tt.wait, got, tt.effective)
		}
	}
}

// TestNewUnresponsiveConsul points New at a Consul agent that accepts
// connections and never answers: with ConsulConfig's transport, New returns
// (instead of blocking forever) and calls fail with the discovery error.
func TestNewUnresponsiveConsul(t *testing.T) {
	t.Parallel()
	const wait = 200 * time.Millisecond
	cfg := client.ConsulConfig(hungConsul(t), wait)
	defer cfg.Transport.CloseIdleConnections()
	api, err := consulapi.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		c   *client.Client
		err error
	}
	resc := make(chan result, 1)
	go func() {
		c, err := client.New(consulsd.NewClient(api), nil, client.WaitTime(wait), client.Retry(1, time.Minute))
		resc <- result{c, err}
	}()
	var res result
	select {
	case res = <-resc:
	case <-time.After(time.Minute):
		t.Fatal("New still blocked after a minute on a Consul agent that never answers")
	}
	if res.err != nil {
		t.Fatal(res.err)
	}
	defer res.c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := res.c.GetProfile(ctx, "x"); err == nil {
		t.Fatal("call succeeded without any instance known")
	}
}
