package etcdv3_test

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/seedkit/kit/sd/etcdv3"
)

func TestNewClientRejectsBadInput(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "missing.pem")
	for _, tc := range []struct {
		name     string
		machines []string
		opts     etcdv3.ClientOptions
	}{
		{"no machines", nil, etcdv3.ClientOptions{}},
		{"cert without key", []string{"127.0.0.1:1"}, etcdv3.ClientOptions{Cert: missing}},
		{"key without cert", []string{"127.0.0.1:1"}, etcdv3.ClientOptions{Key: missing}},
		{"missing cert files", []string{"127.0.0.1:1"}, etcdv3.ClientOptions{Cert: missing, Key: missing, CACert: missing}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := etcdv3.NewClient(context.Background(), tc.machines, tc.opts)
			if err == nil {
				_ = c.(io.Closer).Close()
				t.Fatal("NewClient: got nil error")
			}
		})
	}
}

// The argument checks happen before any request, so they work without a
// server.
func TestClientArgumentErrors(t *testing.T) {
	t.Parallel()
	c, err := etcdv3.NewClient(context.Background(), []string{"127.0.0.1:1"}, etcdv3.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		call func() error
		want error
	}{
		{"register without key", func() error { return c.Register(etcdv3.Service{Value: "v"}) }, etcdv3.ErrNoKey},
		{"register without value", func() error { return c.Register(etcdv3.Service{Key: "/k"}) }, etcdv3.ErrNoValue},
		{"deregister without key", func() error { return c.Deregister(etcdv3.Service{}) }, etcdv3.ErrNoKey},
	} {
		if err := tc.call(); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	if got := c.LeaseID(); got != 0 {
		t.Errorf("LeaseID before Register: got %d, want 0", got)
	}
	if err := c.(io.Closer).Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := c.(io.Closer).Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := c.GetEntries("/x"); !errors.Is(err, etcdv3.ErrClientClosed) {
		t.Errorf("GetEntries after Close: got %v, want ErrClientClosed", err)
	}
	if err := c.Register(etcdv3.Service{Key: "/k", Value: "v"}); !errors.Is(err, etcdv3.ErrClientClosed) {
		t.Errorf("Register after Close: got %v, want ErrClientClosed", err)
	}
	done := make(chan struct{})
	go func() { c.WatchPrefix("/x", make(chan struct{})); close(done) }()
	<-done // returns at once on a closed client
}

func TestNewTTLOptionNeverPanics(t *testing.T) {
	t.Parallel()
	for _, d := range [][2]time.Duration{{0, 0}, {-time.Second, -time.Second}, {time.Second, time.Millisecond}, {3 * time.Second, 10 * time.Second}} {
		if etcdv3.NewTTLOption(d[0], d[1]) == nil {
			t.Errorf("NewTTLOption(%v, %v) = nil", d[0], d[1])
		}
	}
}

func TestClientIntegration(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newClient(t, addr)
	prefix := uniquePrefix(t)

	entries, err := c.GetEntries(prefix)
	if err != nil || len(entries) != 0 {
		t.Fatalf("GetEntries of an empty prefix: got %v, %v", entries, err)
	}

	signals := make(chan struct{})
	watchCtx, stopWatch := context.WithCancel(ctx)
	wc, err := etcdv3.NewClient(watchCtx, []string{addr}, etcdv3.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	watchDone := make(chan struct{})
	go func() { defer close(watchDone); wc.WatchPrefix(prefix, signals) }()
	<-signals // the initial signal

	a := etcdv3.Service{Key: prefix + "a", Value: "10.0.0.1:80", TTL: etcdv3.NewTTLOption(time.Second, 5*time.Second)}
	b := etcdv3.Service{Key: prefix + "b", Value: "10.0.0.2:80"}
	for _, s := range []etcdv3.Service{a, b} {
		if err := c.Register(s); err != nil {
			t.Fatalf("Register %s: %v", s.Key, err)
		}
		defer c.Deregister(s)
		select {
		case <-signals:
		case <-ctx.Done():
			t.Fatal("no watch signal after Register")
		}
	}
	if c.LeaseID() == 0 {
		t.Error("LeaseID after Register: got 0")
	}
	entries, err = c.GetEntries(prefix)
	if want := []string{a.Value, b.Value}; err != nil || !slices.Equal(entries, want) {
		t.Fatalf("GetEntries: got %v, %v; want %v", entries, err, want)
	}
	if err := c.Deregister(a); err != nil {
		t.Fatalf("Deregister: %v", err)
	}
	select {
	case <-signals:
	case <-ctx.Done():
		t.Fatal("no watch signal after Deregister")
	}
	entries, err = c.GetEntries(prefix)
	if want := []string{b.Value}; err != nil || !slices.Equal(entries, want) {
		t.Fatalf("GetEntries after Deregister: got %v, %v; want %v", entries, err, want)
	}

	// Ending the context given to NewClient closes the client and ends
	// WatchPrefix.
	stopWatch()
	select {
	case <-watchDone:
	case <-ctx.Done():
		t.Fatal("WatchPrefix did not return after its client's context ended")
	}
}

// A registration whose lease disappears (revoked here; expired during an
// outage in real life) is granted a new lease and written again.
func TestClientRecreatesLostLease(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newClient(t, addr)
	prefix := uniquePrefix(t)
	s := etcdv3.Service{Key: prefix + "x", Value: "10.0.0.9:80", TTL: etcdv3.NewTTLOption(500*time.Millisecond, 5*time.Second)}
	if err := c.Register(s); err != nil {
		t.Fatal(err)
	}
	defer c.Deregister(s)

	raw, err := clientv3.New(clientv3.Config{Endpoints: []string{addr}, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	w := raw.Watch(ctx, s.Key)
	first := clientv3.LeaseID(c.LeaseID())
	if _, err := raw.Revoke(ctx, first); err != nil {
		t.Fatalf("Revoke: %v", err)
	}
	for puts := 0; puts == 0; {
		select {
		case wr := <-w:
			for _, ev := range wr.Events {
				if ev.Type == clientv3.EventTypePut && ev.Kv.Lease != int64(first) {
					puts++
				}
			}
		case <-ctx.Done():
			t.Fatal("the key was not written again after its lease was revoked")
		}
	}
	if entries, err := c.GetEntries(prefix); err != nil || !slices.Equal(entries, []string{s.Value}) {
		t.Errorf("GetEntries: got %v, %v", entries, err)
	}
}
