package apicompat_test

import (
	"reflect"
	"sync"
	"testing"

	"github.com/hudl/fargo"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/eureka"
)

// fargoConn has exactly the methods of Go kit's unexported fargoConnection;
// NewInstancer and NewRegistrar must accept it and *fargo.EurekaConnection.
type fargoConn struct{}

func (fargoConn) RegisterInstance(*fargo.Instance) error   { return nil }
func (fargoConn) DeregisterInstance(*fargo.Instance) error { return nil }
func (fargoConn) ReregisterInstance(*fargo.Instance) error { return nil }
func (fargoConn) HeartBeatInstance(*fargo.Instance) error  { return nil }
func (fargoConn) ScheduleAppUpdates(string, bool, <-chan struct{}) <-chan fargo.AppUpdate {
	return nil
}
func (fargoConn) GetApp(string) (*fargo.Application, error) { return nil, nil }

var (
	_ func(*eureka.Instancer, chan<- sd.Event) = (*eureka.Instancer).Deregister
	_ func(*eureka.Instancer, chan<- sd.Event) = (*eureka.Instancer).Register
	_ func(*eureka.Instancer)                  = (*eureka.Instancer).Stop
	_ sd.Instancer                             = (*eureka.Instancer)(nil)

	_ func(*eureka.Registrar) = (*eureka.Registrar).Deregister
	_ func(*eureka.Registrar) = (*eureka.Registrar).Register
	_ sd.Registrar            = (*eureka.Registrar)(nil)

	// type Registrar struct { sync.Mutex _ unexported }
	_ func(*eureka.Registrar) *sync.Mutex = func(r *eureka.Registrar) *sync.Mutex { return &r.Mutex }
	_ sync.Locker                         = (*eureka.Registrar)(nil)
)

// The constructors take the connection interface; these only compile if
// both connections satisfy it. They are never called.
func _() {
	_ = eureka.NewInstancer(&fargo.EurekaConnection{}, "app", nil)
	_ = eureka.NewInstancer(fargoConn{}, "app", nil)
	_ = eureka.NewRegistrar(&fargo.EurekaConnection{}, &fargo.Instance{}, nil)
	_ = eureka.NewRegistrar(fargoConn{}, &fargo.Instance{}, nil)
}

func TestEurekaSignatures(t *testing.T) {
	t.Parallel()
	logger := reflect.TypeOf((*log.Logger)(nil)).Elem()
	for name, fn := range map[string]any{"NewInstancer": eureka.NewInstancer, "NewRegistrar": eureka.NewRegistrar} {
		ft := reflect.TypeOf(fn)
		conn := ft.In(0)
		if conn.Kind() != reflect.Interface || conn.NumMethod() != 6 {
			t.Errorf("%s: connection parameter %v, want an interface of 6 methods", name, conn)
		}
		if ft.NumIn() != 3 || ft.In(2) != logger || ft.NumOut() != 1 {
			t.Errorf("%s: signature %v", name, ft)
		}
	}
	if out := reflect.TypeOf(eureka.NewInstancer).Out(0); out != reflect.TypeOf((*eureka.Instancer)(nil)) {
		t.Errorf("NewInstancer returns %v", out)
	}
	if in := reflect.TypeOf(eureka.NewInstancer).In(1); in.Kind() != reflect.String {
		t.Errorf("NewInstancer's app parameter is %v", in)
	}
	if in := reflect.TypeOf(eureka.NewRegistrar).In(1); in != reflect.TypeOf((*fargo.Instance)(nil)) {
		t.Errorf("NewRegistrar's instance parameter is %v", in)
	}
}
