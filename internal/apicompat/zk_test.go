package apicompat_test

import (
	"reflect"
	"testing"
	"time"

	stdzk "github.com/go-zookeeper/zk"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/zk"
)

// type Client interface { GetEntries, CreateParentNodes, Register, Deregister, Stop }
type zkClient interface {
	GetEntries(path string) ([]string, <-chan stdzk.Event, error)
	CreateParentNodes(path string) error
	Register(s *zk.Service) error
	Deregister(s *zk.Service) error
	Stop()
}

var (
	_ zk.Client = zkClient(nil)
	_ zkClient  = zk.Client(nil)

	_ time.Duration = zk.DefaultConnectTimeout
	_ time.Duration = zk.DefaultSessionTimeout
	_ *[]stdzk.ACL  = &zk.DefaultACL
	_ *error        = &zk.ErrClientClosed
	_ *error        = &zk.ErrInvalidCredentials
	_ *error        = &zk.ErrNodeNotFound
	_ *error        = &zk.ErrNotRegistered

	// type Service struct { Path string Name string Data []byte _ unexported }
	_ string = zk.Service{}.Path
	_ string = zk.Service{}.Name
	_ []byte = zk.Service{}.Data

	_ func(*zk.Instancer, chan<- sd.Event) = (*zk.Instancer).Deregister
	_ func(*zk.Instancer, chan<- sd.Event) = (*zk.Instancer).Register
	_ func(*zk.Instancer)                  = (*zk.Instancer).Stop
	_ sd.Instancer                         = (*zk.Instancer)(nil)
	_ func(*zk.Registrar)                  = (*zk.Registrar).Deregister
	_ func(*zk.Registrar)                  = (*zk.Registrar).Register
	_ sd.Registrar                         = (*zk.Registrar)(nil)

	_ func([]stdzk.ACL) zk.Option                                 = zk.ACL
	_ func(time.Duration) zk.Option                               = zk.ConnectTimeout
	_ func(string, string) zk.Option                              = zk.Credentials
	_ func(func(stdzk.Event)) zk.Option                           = zk.EventHandler
	_ func([]string, log.Logger, ...zk.Option) (zk.Client, error) = zk.NewClient
	_ func(zk.Client, string, log.Logger) (*zk.Instancer, error)  = zk.NewInstancer
	_ func(zk.Client, zk.Service, log.Logger) *zk.Registrar       = zk.NewRegistrar
	_ func([][]byte) zk.Option                                    = zk.Payload
	_ func(time.Duration) zk.Option                               = zk.SessionTimeout
)

func TestZKValues(t *testing.T) {
	t.Parallel()
	if zk.DefaultConnectTimeout != 2*time.Second || zk.DefaultSessionTimeout != 5*time.Second {
		t.Errorf("timeouts: %v, %v", zk.DefaultConnectTimeout, zk.DefaultSessionTimeout)
	}
	if !reflect.DeepEqual(zk.DefaultACL, stdzk.WorldACL(stdzk.PermAll)) {
		t.Errorf("DefaultACL: %v", zk.DefaultACL)
	}
	for err, want := range map[error]string{
		zk.ErrClientClosed:       "client service closed",
		zk.ErrInvalidCredentials: "invalid credentials provided",
		zk.ErrNodeNotFound:       "node not found",
		zk.ErrNotRegistered:      "not registered",
	} {
		if err.Error() != want {
			t.Errorf("got %q, want %q", err.Error(), want)
		}
	}
	// type Option func(*clientConfig) error: a defined func type.
	if reflect.TypeOf(zk.Option(nil)).Kind() != reflect.Func {
		t.Error("Option is not a func type")
	}
}
