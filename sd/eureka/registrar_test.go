package eureka_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/hudl/fargo"

	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/eureka"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

func testInstance(app string, renewSecs int32) *fargo.Instance {
	return &fargo.Instance{
		InstanceId:     app + "-1",
		HostName:       "host-1.example.com",
		App:            app,
		IPAddr:         "10.0.0.9",
		Port:           8080,
		PortEnabled:    true,
		Status:         fargo.UP,
		VipAddress:     app,
		DataCenterInfo: fargo.DataCenterInfo{Name: fargo.MyOwn},
		LeaseInfo:      fargo.LeaseInfo{RenewalIntervalInSecs: renewSecs},
	}
}

// logRecorder keeps every record, for checks on what was logged.
type logRecorder struct {
	mu      sync.Mutex
	records [][]any
}

func (l *logRecorder) Log(kv ...any) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records = append(l.records, kv)
	return nil
}

func (l *logRecorder) find(key string, value any) []any {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.records {
		for i := 0; i+1 < len(r); i += 2 {
			if r[i] == key && r[i+1] == value {
				return r
			}
		}
	}
	return nil
}

func TestRegistrarLifecycle(t *testing.T) {
	t.Parallel()
	for _, format := range []struct {
		name    string
		useJSON bool
	}{{"XML", false}, {"JSON", true}} {
		t.Run(format.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeEureka(t)
			app := uniqueApp()
			inst := testInstance(app, 1)
			r := eureka.NewRegistrar(f.conn(time.Second, format.useJSON), inst, nil)
			id := app + "-1"

			r.Register()
			r.Register() // already registered: nothing more
			got, ok := f.instance(app, id)
			if !ok || got.IP != "10.0.0.9" || got.Port != 8080 {
				t.Fatalf("after Register the server holds %+v, %v", got, ok)
			}
			if n := f.count("POST " + app + "/" + id); n != 1 {
				t.Errorf("registrations: got %d, want 1", n)
			}

			// Heartbeats every second; the leak check proves they stop.
			f.waitCount(t, "PUT "+app+"/"+id, 1, 10*time.Second)

			// An Instancer sees the registered instance.
			in := eureka.NewInstancer(f.conn(poll, format.useJSON), app, nil)
			defer in.Stop()
			ch := sdtest.Subscribe(t, in)
			sdtest.Await(t, ch, []string{"10.0.0.9:8080"}, 5*time.Second)

			r.Deregister()
			r.Deregister() // not registered: nothing
			if _, ok := f.instance(app, id); ok {
				t.Fatal("the instance is still registered after Deregister")
			}
			sdtest.Await(t, ch, nil, 5*time.Second)

			// Registering again works.
			r.Register()
			defer r.Deregister()
			if _, ok := f.instance(app, id); !ok {
				t.Fatal("the instance is not registered after a second Register")
			}
		})
	}
}

func TestRegistrarReregistersAfterExpiry(t *testing.T) {
	t.Parallel()
	f := newFakeEureka(t)
	app := uniqueApp()
	r := eureka.NewRegistrar(f.conn(time.Second, false), testInstance(app, 1), nil)
	r.Register()
	defer r.Deregister()
	// The server forgets the instance, as when its lease expires: the next
	// heartbeat gets 404 and the Registrar registers again.
	f.remove(app, app+"-1")
	f.waitCount(t, "POST "+app+"/"+app+"-1", 2, 10*time.Second)
}

func TestRegistrarFailures(t *testing.T) {
	t.Parallel()
	f := newFakeEureka(t)
	f.failEverything(true)
	app := uniqueApp()
	logs := &logRecorder{}
	r := eureka.NewRegistrar(f.conn(time.Second, false), testInstance(app, 1), logs)
	r.Register()
	if rec := logs.find("during", "Register"); rec == nil {
		t.Errorf("a failed registration was not logged: %v", logs.records)
	}
	// The heartbeat goes on despite the failure, as in Go kit.
	r.Deregister()
	if rec := logs.find("during", "Deregister"); rec == nil {
		t.Errorf("a failed deregistration was not logged: %v", logs.records)
	}
	if rec := logs.find("service", app); rec == nil {
		t.Errorf("records lack the service name: %v", logs.records)
	}
}

func TestRegistrarBadArguments(t *testing.T) {
	t.Parallel()
	noURLs := fargo.NewConn()
	tests := []struct {
		name     string
		conn     *fargo.EurekaConnection
		instance *fargo.Instance
		want     error
	}{
		{"nil connection", nil, testInstance("A", 1), eureka.ErrNoConnection},
		{"no service URLs", &noURLs, testInstance("A", 1), eureka.ErrNoServiceURLs},
		{"nil instance", &fargo.EurekaConnection{ServiceUrls: []string{"http://127.0.0.1:1"}}, nil, eureka.ErrNoInstance},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logs := &logRecorder{}
			r := eureka.NewRegistrar(tt.conn, tt.instance, logs)
			r.Register()
			r.Deregister()
			rec := logs.find("during", "Register")
			if rec == nil || !errors.Is(rec[len(rec)-1].(error), tt.want) {
				t.Fatalf("logged %v, want %v", logs.records, tt.want)
			}
		})
	}
}

func TestRegistrarIsSDRegistrar(t *testing.T) {
	t.Parallel()
	var _ sd.Registrar = eureka.NewRegistrar(nil, nil, nil)
}
