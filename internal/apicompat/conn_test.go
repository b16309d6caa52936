package apicompat_test

import (
	"net"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/util/conn"
)

// var ErrConnectionUnavailable = errors.New("connection unavailable")
var _ *error = &conn.ErrConnectionUnavailable

// type AfterFunc func(time.Duration) <-chan time.Time
// type Dialer func(network, address string) (net.Conn, error)
var (
	_ conn.AfterFunc                         = time.After
	_ func(time.Duration) <-chan time.Time   = conn.AfterFunc(nil)
	_ conn.Dialer                            = net.Dial
	_ func(string, string) (net.Conn, error) = conn.Dialer(nil)
)

func _(v any) {
	switch v.(type) {
	case conn.AfterFunc:
	case func(time.Duration) <-chan time.Time:
	case conn.Dialer:
	case func(string, string) (net.Conn, error):
	}
}

// type Manager struct { _ unexported }: Put, Take, Write on *Manager.
var (
	_ func(*conn.Manager, error)               = (*conn.Manager).Put
	_ func(*conn.Manager) net.Conn             = (*conn.Manager).Take
	_ func(*conn.Manager, []byte) (int, error) = (*conn.Manager).Write
)

// Functions.
var (
	_ func(time.Duration) time.Duration                                           = conn.Exponential
	_ func(string, string, log.Logger) *conn.Manager                              = conn.NewDefaultManager
	_ func(conn.Dialer, string, string, conn.AfterFunc, log.Logger) *conn.Manager = conn.NewManager
)

func TestConnValues(t *testing.T) {
	t.Parallel()
	if got := conn.ErrConnectionUnavailable.Error(); got != "connection unavailable" {
		t.Errorf("ErrConnectionUnavailable: %q", got)
	}
	if d := conn.Exponential(time.Hour); d != time.Minute {
		t.Errorf("Exponential(1h) = %v, want the 1m cap", d)
	}
}
