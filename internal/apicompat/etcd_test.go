package apicompat_test

import (
	"context"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/etcd"
)

// type Client interface { GetEntries, WatchPrefix, Register, Deregister }
type etcdClient interface {
	GetEntries(prefix string) ([]string, error)
	WatchPrefix(prefix string, ch chan struct{})
	Register(s etcd.Service) error
	Deregister(s etcd.Service) error
}

var (
	_ etcd.Client = etcdClient(nil)
	_ etcdClient  = etcd.Client(nil)

	_ *error = &etcd.ErrNoKey
	_ *error = &etcd.ErrNoValue

	// type ClientOptions struct { Cert Key CACert DialTimeout DialKeepAlive HeaderTimeoutPerRequest }
	_ = etcd.ClientOptions(struct {
		Cert                    string
		Key                     string
		CACert                  string
		DialTimeout             time.Duration
		DialKeepAlive           time.Duration
		HeaderTimeoutPerRequest time.Duration
	}{})

	// type Service struct { Key Value TTL DeleteOptions }. Go kit's
	// DeleteOptions is *etcd.DeleteOptions of the etcd v2 client; kit owns a
	// type with the same fields (the v2 API is gone from etcd).
	_ = etcd.Service(struct {
		Key           string
		Value         string
		TTL           *etcd.TTLOption
		DeleteOptions *etcd.DeleteOptions
	}{})
	_ = etcd.DeleteOptions(struct {
		PrevValue string
		PrevIndex uint64
		Recursive bool
		Dir       bool
	}{})

	_ func(*etcd.Instancer, chan<- sd.Event) = (*etcd.Instancer).Deregister
	_ func(*etcd.Instancer, chan<- sd.Event) = (*etcd.Instancer).Register
	_ func(*etcd.Instancer)                  = (*etcd.Instancer).Stop
	_ sd.Instancer                           = (*etcd.Instancer)(nil)
	_ func(*etcd.Registrar)                  = (*etcd.Registrar).Deregister
	_ func(*etcd.Registrar)                  = (*etcd.Registrar).Register
	_ sd.Registrar                           = (*etcd.Registrar)(nil)
	_ *etcd.TTLOption                        = &etcd.TTLOption{}

	_ func(context.Context, []string, etcd.ClientOptions) (etcd.Client, error) = etcd.NewClient
	_ func(etcd.Client, string, log.Logger) (*etcd.Instancer, error)           = etcd.NewInstancer
	_ func(etcd.Client, etcd.Service, log.Logger) *etcd.Registrar              = etcd.NewRegistrar
	_ func(time.Duration, time.Duration) *etcd.TTLOption                       = etcd.NewTTLOption
)

func TestEtcdValues(t *testing.T) {
	t.Parallel()
	if got := etcd.ErrNoKey.Error(); got != "no key provided" {
		t.Errorf("ErrNoKey: %q", got)
	}
	if got := etcd.ErrNoValue.Error(); got != "no value provided" {
		t.Errorf("ErrNoValue: %q", got)
	}
}
