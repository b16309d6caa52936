package eureka_test

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hudl/fargo"

	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/eureka"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

var appCounter atomic.Int64

func uniqueApp() string { return fmt.Sprintf("KIT-TEST-%d", appCounter.Add(1)) }

// poll is how often fargo polls the fake server in these tests.
const poll = 20 * time.Millisecond

func TestInstancerConformance(t *testing.T) {
	t.Parallel()
	for _, format := range []struct {
		name    string
		useJSON bool
	}{{"XML", false}, {"JSON", true}} {
		t.Run(format.name, func(t *testing.T) {
			t.Parallel()
			sdtest.Run(t, sdtest.Harness{
				New: func(t testing.TB, initial []string) sdtest.Subject {
					f := newFakeEureka(t)
					app := uniqueApp()
					f.setApp(app, initial)
					return sdtest.Subject{
						Instancer: eureka.NewInstancer(f.conn(poll, format.useJSON), app, nil),
						Set:       func(_ testing.TB, instances []string) { f.setApp(app, instances) },
						Fail:      func(testing.TB) { f.fail(app, true) },
					}
				},
			})
		})
	}
}

func TestInstancerUnknownApp(t *testing.T) {
	t.Parallel()
	f := newFakeEureka(t)
	in := eureka.NewInstancer(f.conn(poll, false), "NOBODY", nil)
	defer in.Stop()
	ch := sdtest.Subscribe(t, in)
	var notFound fargo.AppNotFoundError
	if ev := <-ch; !errors.As(ev.Err, &notFound) {
		t.Fatalf("got %+v, want fargo.AppNotFoundError", ev)
	}
	// The application appears: the next poll reports it.
	f.setApp("NOBODY", []string{"10.0.0.1:80"})
	sdtest.Await(t, ch, []string{"10.0.0.1:80"}, 5*time.Second)
}

func TestInstancerBadConnections(t *testing.T) {
	t.Parallel()
	noURLs := fargo.NewConn()
	noURLs.PollInterval = time.Second
	noPoll := fargo.NewConn("http://127.0.0.1:1/eureka/v2")
	var nilConn *fargo.EurekaConnection
	tests := []struct {
		name string
		conn *fargo.EurekaConnection
		want error
	}{
		{"nil", nilConn, eureka.ErrNoConnection},
		{"no service URLs", &noURLs, eureka.ErrNoServiceURLs},
		{"zero poll interval (fargo.NewConn)", &noPoll, eureka.ErrPollInterval},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := eureka.NewInstancer(tt.conn, "APP", nil)
			ev := <-sdtest.Subscribe(t, in)
			if !errors.Is(ev.Err, tt.want) {
				t.Fatalf("got %+v, want %v", ev, tt.want)
			}
			in.Stop()
			in.Stop()
		})
	}
	in := eureka.NewInstancer(nil, "APP", nil)
	defer in.Stop()
	if ev := <-sdtest.Subscribe(t, in); !errors.Is(ev.Err, eureka.ErrNoConnection) {
		t.Fatalf("nil interface: got %+v", ev)
	}
}

// scheduleOnly is a fargo connection whose ScheduleAppUpdates is given by a
// test; the other methods are not used by the Instancer.
type scheduleOnly struct {
	fargoFake
	schedule func(done <-chan struct{}) <-chan fargo.AppUpdate
}

func (s scheduleOnly) ScheduleAppUpdates(_ string, _ bool, done <-chan struct{}) <-chan fargo.AppUpdate {
	return s.schedule(done)
}

type fargoFake struct{}

func (fargoFake) RegisterInstance(*fargo.Instance) error   { return nil }
func (fargoFake) DeregisterInstance(*fargo.Instance) error { return nil }
func (fargoFake) ReregisterInstance(*fargo.Instance) error { return nil }
func (fargoFake) HeartBeatInstance(*fargo.Instance) error  { return nil }
func (fargoFake) ScheduleAppUpdates(string, bool, <-chan struct{}) <-chan fargo.AppUpdate {
	return nil
}
func (fargoFake) GetApp(string) (*fargo.Application, error) { return nil, errors.New("fake") }

func TestInstancerOddUpdates(t *testing.T) {
	t.Parallel()
	app := &fargo.Application{Name: "A", Instances: []*fargo.Instance{nil, {IPAddr: "10.0.0.1", Port: 80}}}
	tests := []struct {
		name    string
		updates []fargo.AppUpdate
		close   bool
		want    []string
		wantErr bool
	}{
		{"nil instance skipped", []fargo.AppUpdate{{App: app}}, false, []string{"10.0.0.1:80"}, false},
		{"no application", []fargo.AppUpdate{{}}, false, nil, true},
		{"channel closed at once", nil, true, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			conn := scheduleOnly{schedule: func(<-chan struct{}) <-chan fargo.AppUpdate {
				c := make(chan fargo.AppUpdate, len(tt.updates))
				for _, u := range tt.updates {
					c <- u
				}
				if tt.close {
					close(c)
				}
				return c
			}}
			in := eureka.NewInstancer(conn, "A", nil)
			defer in.Stop()
			ev := <-sdtest.Subscribe(t, in)
			if (ev.Err != nil) != tt.wantErr || !sdtest.SameSet(ev.Instances, tt.want) {
				t.Fatalf("got %+v, want %v (error: %v)", ev, tt.want, tt.wantErr)
			}
		})
	}
}

// A connection that is not fargo's and never closes its channel (like Go
// kit's own test fake) must not make Stop hang.
func TestInstancerStopWithForeignConnection(t *testing.T) {
	t.Parallel()
	stopped := make(chan struct{})
	conn := scheduleOnly{schedule: func(done <-chan struct{}) <-chan fargo.AppUpdate {
		c := make(chan fargo.AppUpdate, 1)
		c <- fargo.AppUpdate{App: &fargo.Application{}}
		go func() {
			<-done
			close(stopped)
		}()
		return c
	}}
	in := eureka.NewInstancer(conn, "A", nil)
	in.Stop()
	in.Stop()
	<-stopped // the done channel was closed
}

// With a real fargo connection Stop waits for fargo's polling goroutine: the
// leak check of TestMain fails otherwise.
func TestInstancerStopEndsFargoPolling(t *testing.T) {
	t.Parallel()
	f := newFakeEureka(t)
	app := uniqueApp()
	f.setApp(app, []string{"10.0.0.1:80"})
	in := eureka.NewInstancer(f.conn(time.Millisecond, false), app, nil)
	ch := make(chan sd.Event, 1)
	in.Register(ch) // and never read again: updates block on it
	f.setApp(app, []string{"10.0.0.2:80"})
	in.Stop()
}
