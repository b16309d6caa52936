package zk_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	stdzk "github.com/go-zookeeper/zk"

	"github.com/seedkit/kit/sd/zk"
)

func TestNewClientRejectsBadOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		servers []string
		opt     zk.Option
		want    error
	}{
		{"empty user", []string{"127.0.0.1:1"}, zk.Credentials("", "pass"), zk.ErrInvalidCredentials},
		{"empty password", []string{"127.0.0.1:1"}, zk.Credentials("user", ""), zk.ErrInvalidCredentials},
		{"short connect timeout", []string{"127.0.0.1:1"}, zk.ConnectTimeout(time.Millisecond), nil},
		{"short session timeout", []string{"127.0.0.1:1"}, zk.SessionTimeout(999 * time.Millisecond), nil},
		{"nil event handler", []string{"127.0.0.1:1"}, zk.EventHandler(nil), nil},
		{"no servers", nil, zk.Payload(nil), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := zk.NewClient(tc.servers, nil, tc.opt)
			if err == nil {
				c.Stop()
				t.Fatal("NewClient: got nil error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// Argument errors need no server.
func TestClientArgumentErrors(t *testing.T) {
	t.Parallel()
	c, err := zk.NewClient([]string{"127.0.0.1:1"}, nil, zk.ConnectTimeout(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		call func() error
		want error
	}{
		{"relative path", func() error { return c.CreateParentNodes("a/b") }, stdzk.ErrInvalidPath},
		{"empty path", func() error { return c.CreateParentNodes("") }, stdzk.ErrInvalidPath},
		{"register nil", func() error { return c.Register(nil) }, nil},
		{"register without path", func() error { return c.Register(&zk.Service{Name: "x"}) }, stdzk.ErrInvalidPath},
		{"register without name", func() error { return c.Register(&zk.Service{Path: "/a"}) }, stdzk.ErrInvalidPath},
		{"deregister unregistered", func() error { return c.Deregister(&zk.Service{Path: "/a", Name: "x"}) }, zk.ErrNotRegistered},
		{"deregister nil", func() error { return c.Deregister(nil) }, zk.ErrNotRegistered},
	} {
		err := tc.call()
		if err == nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	c.Stop()
	c.Stop()
	if _, _, err := c.GetEntries("/a"); !errors.Is(err, zk.ErrClientClosed) {
		t.Errorf("GetEntries after Stop: got %v, want ErrClientClosed", err)
	}
	if err := c.Register(&zk.Service{Path: "/a", Name: "x"}); !errors.Is(err, zk.ErrClientClosed) {
		t.Errorf("Register after Stop: got %v, want ErrClientClosed", err)
	}
}

func TestClientIntegration(t *testing.T) {
	t.Parallel()
	addr := zkAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	root := uniquePath(t)
	cleanupTree(t, addr, root, "kit:secret")
	raw := rawConn(t, addr)

	// Payload gives the data of the created nodes by depth.
	var payload [][]byte
	for i := 0; i < strings.Count(root, "/")+2; i++ {
		payload = append(payload, []byte(fmt.Sprintf("depth-%d", i+1)))
	}
	connected := make(chan struct{}, 1)
	c := newClient(t, addr,
		zk.Credentials("kit", "secret"),
		zk.ACL(stdzk.DigestACL(stdzk.PermAll, "kit", "secret")),
		zk.Payload(payload),
		zk.ConnectTimeout(2*time.Second),
		zk.SessionTimeout(4*time.Second),
		zk.EventHandler(func(ev stdzk.Event) {
			if ev.State == stdzk.StateHasSession {
				select {
				case connected <- struct{}{}:
				default:
				}
			}
		}),
	)
	select {
	case <-connected:
	case <-ctx.Done():
		t.Fatal("the event handler saw no session")
	}

	path := root + "/services/users"
	if err := c.CreateParentNodes(path); err != nil {
		t.Fatalf("CreateParentNodes: %v", err)
	}
	if err := c.CreateParentNodes(path); err != nil {
		t.Fatalf("CreateParentNodes of an existing path: %v", err)
	}
	if data, _, err := c.GetEntries(root); err != nil || len(data) != 1 || data[0] != string(payload[len(payload)-2]) {
		t.Errorf("data of %s/services: got %q, %v; want %q", root, data, err, payload[len(payload)-2])
	}
	// The ACL applies: an unauthenticated client cannot read the nodes.
	if _, _, err := raw.Children(path); !errors.Is(err, stdzk.ErrNoAuth) {
		t.Errorf("Children without credentials: got %v, want ErrNoAuth", err)
	}

	a := &zk.Service{Path: root + "/services", Name: "users", Data: []byte("10.0.0.1:80")}
	b := &zk.Service{Path: root + "/services/", Name: "users", Data: []byte("10.0.0.2:80")}
	for _, s := range []*zk.Service{a, b} {
		if err := c.Register(s); err != nil {
			t.Fatalf("Register: %v", err)
		}
	}
	entries, watch, err := c.GetEntries(path)
	slices.Sort(entries)
	if want := []string{"10.0.0.1:80", "10.0.0.2:80"}; err != nil || !slices.Equal(entries, want) {
		t.Fatalf("GetEntries: got %v, %v; want %v", entries, err, want)
	}
	if err := c.Deregister(a); err != nil {
		t.Fatalf("Deregister: %v", err)
	}
	select {
	case ev := <-watch:
		if ev.Type != stdzk.EventNodeChildrenChanged {
			t.Errorf("watch event: got %v", ev.Type)
		}
	case <-ctx.Done():
		t.Fatal("the watch of GetEntries did not fire")
	}
	if err := c.Deregister(a); !errors.Is(err, zk.ErrNotRegistered) {
		t.Errorf("second Deregister: got %v, want ErrNotRegistered", err)
	}
	entries, _, err = c.GetEntries(path)
	if err != nil || !slices.Equal(entries, []string{"10.0.0.2:80"}) {
		t.Fatalf("GetEntries after Deregister: got %v, %v", entries, err)
	}
	if err := c.Deregister(b); err != nil {
		t.Fatalf("Deregister: %v", err)
	}
}
