package etcd_test

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/seedkit/kit/sd/etcd"
)

func TestNewClientRejectsBadInput(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "missing.pem")
	for _, tc := range []struct {
		name     string
		machines []string
		opts     etcd.ClientOptions
	}{
		{"no machines", nil, etcd.ClientOptions{}},
		{"cert without key", []string{"http://127.0.0.1:1"}, etcd.ClientOptions{Cert: missing}},
		{"key without cert", []string{"http://127.0.0.1:1"}, etcd.ClientOptions{Key: missing}},
		{"missing cert files", []string{"http://127.0.0.1:1"}, etcd.ClientOptions{Cert: missing, Key: missing, CACert: missing}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := etcd.NewClient(context.Background(), tc.machines, tc.opts)
			if err == nil {
				_ = c.(io.Closer).Close()
				t.Fatal("NewClient: got nil error")
			}
		})
	}
}

func TestClientArgumentErrors(t *testing.T) {
	t.Parallel()
	c, err := etcd.NewClient(context.Background(), []string{"http://127.0.0.1:1"}, etcd.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		call func() error
		want error
	}{
		{"register without key", func() error { return c.Register(etcd.Service{Value: "v"}) }, etcd.ErrNoKey},
		{"register without value", func() error { return c.Register(etcd.Service{Key: "/k"}) }, etcd.ErrNoValue},
		{"deregister without key", func() error { return c.Deregister(etcd.Service{}) }, etcd.ErrNoKey},
	} {
		if err := tc.call(); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	_ = c.(io.Closer).Close()
	_ = c.(io.Closer).Close()
	if _, err := c.GetEntries("/x"); !errors.Is(err, etcd.ErrClientClosed) {
		t.Errorf("GetEntries after Close: got %v, want ErrClientClosed", err)
	}
	if err := c.Deregister(etcd.Service{Key: "/k"}); !errors.Is(err, etcd.ErrClientClosed) {
		t.Errorf("Deregister after Close: got %v, want ErrClientClosed", err)
	}
	c.WatchPrefix("/x", make(chan struct{})) // returns at once on a closed client
}

func TestNewTTLOptionNeverPanics(t *testing.T) {
	t.Parallel()
	for _, d := range [][2]time.Duration{{0, 0}, {-time.Second, -time.Second}, {time.Second, time.Millisecond}} {
		if etcd.NewTTLOption(d[0], d[1]) == nil {
			t.Errorf("NewTTLOption(%v, %v) = nil", d[0], d[1])
		}
	}
}

// The v2 semantics that Go kit's sd/etcd users rely on, served by etcd v3.
func TestClientV2Semantics(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	c := newClient(t, "http://"+addr)
	dir := uniquePrefix(t) + "svc" // no trailing slash, like v2 directories
	a := etcd.Service{Key: dir + "/a", Value: "a:1"}
	b := etcd.Service{Key: dir + "/b", Value: "b:1", TTL: etcd.NewTTLOption(time.Second, 5*time.Second)}
	sibling := etcd.Service{Key: dir + "foo/x", Value: "not-mine"}
	for _, s := range []etcd.Service{a, b, sibling} {
		if err := c.Register(s); err != nil {
			t.Fatalf("Register %s: %v", s.Key, err)
		}
		defer c.Deregister(etcd.Service{Key: s.Key})
	}

	for _, prefix := range []string{dir, dir + "/"} {
		got, err := c.GetEntries(prefix)
		if want := []string{"a:1", "b:1"}; err != nil || !slices.Equal(got, want) {
			t.Errorf("GetEntries(%q): got %v, %v; want %v", prefix, got, err, want)
		}
	}
	if err := c.Register(a); !errors.Is(err, etcd.ErrKeyExists) {
		t.Errorf("Register of an existing key without TTL: got %v, want ErrKeyExists", err)
	}
	if err := c.Register(b); err != nil {
		t.Errorf("Register (refresh) of a TTL key: %v", err)
	}

	cases := []struct {
		name string
		s    etcd.Service
		want error
	}{
		{"wrong prev value", etcd.Service{Key: a.Key, DeleteOptions: &etcd.DeleteOptions{PrevValue: "other"}}, etcd.ErrCompareFailed},
		{"wrong prev index", etcd.Service{Key: a.Key, DeleteOptions: &etcd.DeleteOptions{PrevIndex: 1}}, etcd.ErrCompareFailed},
		{"right prev value", etcd.Service{Key: a.Key, DeleteOptions: &etcd.DeleteOptions{PrevValue: "a:1"}}, nil},
	}
	for _, tc := range cases {
		if err := c.Deregister(tc.s); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	if err := c.Deregister(etcd.Service{Key: dir, DeleteOptions: &etcd.DeleteOptions{Recursive: true, Dir: true}}); err != nil {
		t.Fatalf("recursive Deregister: %v", err)
	}
	if got, err := c.GetEntries(dir); err != nil || len(got) != 0 {
		t.Errorf("GetEntries after recursive delete: got %v, %v", got, err)
	}
	if got, err := c.GetEntries(dir + "foo"); err != nil || !slices.Equal(got, []string{"not-mine"}) {
		t.Errorf("recursive delete touched a sibling: got %v, %v", got, err)
	}
}

func TestClientWatchPrefix(t *testing.T) {
	t.Parallel()
	addr := etcdAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newClient(t, addr)
	dir := uniquePrefix(t) + "svc"

	wctx, stop := context.WithCancel(ctx)
	wc, err := etcd.NewClient(wctx, []string{addr}, etcd.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	signals := make(chan struct{})
	done := make(chan struct{})
	go func() { defer close(done); wc.WatchPrefix(dir, signals) }()
	<-signals
	s := etcd.Service{Key: dir + "/a", Value: "a:1"}
	if err := c.Register(s); err != nil {
		t.Fatal(err)
	}
	defer c.Deregister(s)
	select {
	case <-signals:
	case <-ctx.Done():
		t.Fatal("no signal after Register")
	}
	stop()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatal("WatchPrefix did not return after its client's context ended")
	}
}
