package etcdv3_test

import (
	"context"
	"io"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/seedkit/kit/sd/etcdv3"
)

// The Username and Password options against an etcd with authentication.
func TestClientCredentials(t *testing.T) {
	t.Parallel()
	etcdAddr(t) // integration tests run only with servers
	srv := startPrivateEtcd(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	admin, err := clientv3.New(clientv3.Config{Endpoints: []string{srv.client}, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = admin.RoleAdd(ctx, "root")
	for _, step := range []func() error{
		func() error { _, err := admin.UserAdd(ctx, "root", "s3cret"); return err },
		func() error { _, err := admin.UserGrantRole(ctx, "root", "root"); return err },
		func() error { _, err := admin.AuthEnable(ctx); return err },
	} {
		if err := step(); err != nil {
			admin.Close()
			t.Fatalf("enabling authentication: %v", err)
		}
	}
	admin.Close()

	for _, tc := range []struct {
		name     string
		opts     etcdv3.ClientOptions
		wantFail bool
	}{
		{"right password", etcdv3.ClientOptions{Username: "root", Password: "s3cret"}, false},
		{"no credentials", etcdv3.ClientOptions{}, true},
		{"wrong password", etcdv3.ClientOptions{Username: "root", Password: "nope"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := etcdv3.NewClient(ctx, []string{srv.client}, tc.opts)
			if err != nil {
				if !tc.wantFail {
					t.Fatal(err)
				}
				return
			}
			defer c.(io.Closer).Close()
			s := etcdv3.Service{Key: "/auth/a", Value: "10.0.0.1:80"}
			err = c.Register(s)
			if tc.wantFail {
				if err == nil {
					_ = c.Deregister(s)
					t.Fatal("Register: got nil error")
				}
				return
			}
			if err != nil {
				t.Fatalf("Register: %v", err)
			}
			if err := c.Deregister(s); err != nil {
				t.Fatal(err)
			}
		})
	}
}
