package apicompat_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/etcdv3"
)

// type Client interface { GetEntries, WatchPrefix, Register, Deregister, LeaseID }
type etcdv3Client interface {
	GetEntries(prefix string) ([]string, error)
	WatchPrefix(prefix string, ch chan struct{})
	Register(s etcdv3.Service) error
	Deregister(s etcdv3.Service) error
	LeaseID() int64
}

var (
	_ etcdv3.Client = etcdv3Client(nil)
	_ etcdv3Client  = etcdv3.Client(nil)

	_ *error = &etcdv3.ErrNoKey
	_ *error = &etcdv3.ErrNoValue

	// type ClientOptions struct { Cert Key CACert DialTimeout DialKeepAlive DialOptions Username Password }
	_ = etcdv3.ClientOptions(struct {
		Cert          string
		Key           string
		CACert        string
		DialTimeout   time.Duration
		DialKeepAlive time.Duration
		DialOptions   []grpc.DialOption
		Username      string
		Password      string
	}{})

	// type Service struct { Key Value TTL }
	_ = etcdv3.Service(struct {
		Key   string
		Value string
		TTL   *etcdv3.TTLOption
	}{})

	_ func(*etcdv3.Instancer, chan<- sd.Event) = (*etcdv3.Instancer).Deregister
	_ func(*etcdv3.Instancer, chan<- sd.Event) = (*etcdv3.Instancer).Register
	_ func(*etcdv3.Instancer)                  = (*etcdv3.Instancer).Stop
	_ sd.Instancer                             = (*etcdv3.Instancer)(nil)
	_ func(*etcdv3.Registrar)                  = (*etcdv3.Registrar).Deregister
	_ func(*etcdv3.Registrar)                  = (*etcdv3.Registrar).Register
	_ sd.Registrar                             = (*etcdv3.Registrar)(nil)
	_ *etcdv3.TTLOption                        = &etcdv3.TTLOption{}

	_ func(context.Context, []string, etcdv3.ClientOptions) (etcdv3.Client, error) = etcdv3.NewClient
	_ func(etcdv3.Client, string, log.Logger) (*etcdv3.Instancer, error)           = etcdv3.NewInstancer
	_ func(etcdv3.Client, etcdv3.Service, log.Logger) *etcdv3.Registrar            = etcdv3.NewRegistrar
	_ func(time.Duration, time.Duration) *etcdv3.TTLOption                         = etcdv3.NewTTLOption
)

func TestEtcdv3Values(t *testing.T) {
	t.Parallel()
	if got := etcdv3.ErrNoKey.Error(); got != "no key provided" {
		t.Errorf("ErrNoKey: %q", got)
	}
	if got := etcdv3.ErrNoValue.Error(); got != "no value provided" {
		t.Errorf("ErrNoValue: %q", got)
	}
}
