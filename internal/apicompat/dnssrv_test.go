package apicompat_test

import (
	"net"
	"testing"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/dnssrv"
)

var (
	_ *error = &dnssrv.ErrPortZero

	// type Lookup func(service, proto, name string) (cname string, addrs []*net.SRV, err error)
	_ dnssrv.Lookup                                                 = net.LookupSRV
	_ func(service, proto, name string) (string, []*net.SRV, error) = dnssrv.Lookup(nil)

	_ func(*dnssrv.Instancer, chan<- sd.Event) = (*dnssrv.Instancer).Deregister
	_ func(*dnssrv.Instancer, chan<- sd.Event) = (*dnssrv.Instancer).Register
	_ func(*dnssrv.Instancer)                  = (*dnssrv.Instancer).Stop
	_ sd.Instancer                             = (*dnssrv.Instancer)(nil)

	_ func(string, time.Duration, log.Logger) *dnssrv.Instancer               = dnssrv.NewInstancer
	_ func(string, *time.Ticker, dnssrv.Lookup, log.Logger) *dnssrv.Instancer = dnssrv.NewInstancerDetailed
)

func _(v any) {
	switch v.(type) {
	case dnssrv.Lookup:
	case func(string, string, string) (string, []*net.SRV, error):
	}
}

func TestDNSSRVValues(t *testing.T) {
	t.Parallel()
	if got := dnssrv.ErrPortZero.Error(); got != "resolver returned SRV record with port 0" {
		t.Errorf("ErrPortZero: %q", got)
	}
}
