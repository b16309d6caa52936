package dnssrv_test

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/dnssrv"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

// fakeDNS is a Lookup over records a test sets, with a hand-driven ticker.
type fakeDNS struct {
	mu      sync.Mutex
	records []*net.SRV
	err     error
	names   []string // names looked up

	tick chan time.Time
}

func newFakeDNS(instances []string) *fakeDNS {
	f := &fakeDNS{tick: make(chan time.Time, 1)}
	f.set(instances)
	return f
}

func (f *fakeDNS) set(instances []string) {
	var records []*net.SRV
	for _, inst := range instances {
		host, port, err := net.SplitHostPort(inst)
		if err != nil {
			panic(err)
		}
		p, _ := strconv.Atoi(port)
		records = append(records, &net.SRV{Target: host, Port: uint16(p)})
	}
	f.mu.Lock()
	f.records, f.err = records, nil
	f.mu.Unlock()
}

func (f *fakeDNS) fail(err error) {
	f.mu.Lock()
	f.err = err
	f.mu.Unlock()
}

func (f *fakeDNS) lookup(service, proto, name string) (string, []*net.SRV, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.names = append(f.names, fmt.Sprintf("%q %q %q", service, proto, name))
	if f.err != nil {
		return "", nil, f.err
	}
	return name, f.records, nil
}

// poll asks the Instancer for a lookup. A tick already pending does as well,
// as it comes after the change.
func (f *fakeDNS) poll() {
	select {
	case f.tick <- time.Now():
	default:
	}
}

func (f *fakeDNS) ticker() *time.Ticker { return &time.Ticker{C: f.tick} }

func TestInstancerConformance(t *testing.T) {
	t.Parallel()
	sdtest.Run(t, sdtest.Harness{
		New: func(_ testing.TB, initial []string) sdtest.Subject {
			f := newFakeDNS(initial)
			return sdtest.Subject{
				Instancer: dnssrv.NewInstancerDetailed("_svc._tcp.example.com", f.ticker(), f.lookup, nil),
				Set:       func(_ testing.TB, instances []string) { f.set(instances); f.poll() },
				Fail:      func(testing.TB) { f.fail(errors.New("SERVFAIL")); f.poll() },
			}
		},
	})
}

func TestInstancerLookupArguments(t *testing.T) {
	t.Parallel()
	f := newFakeDNS([]string{"one.example.com.:8001"})
	in := dnssrv.NewInstancerDetailed("_svc._tcp.example.com", f.ticker(), f.lookup, nil)
	defer in.Stop()
	ch := sdtest.Subscribe(t, in)
	if ev := <-ch; ev.Err != nil || !sdtest.SameSet(ev.Instances, []string{"one.example.com.:8001"}) {
		t.Fatalf("got %+v", ev)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if want := `"" "" "_svc._tcp.example.com"`; len(f.names) != 1 || f.names[0] != want {
		t.Errorf("lookups: got %v, want one of %s", f.names, want)
	}
}

func TestInstancerBadAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		records []*net.SRV
		want    []string
		wantErr error
	}{
		{"port zero", []*net.SRV{{Target: "a.", Port: 80}, {Target: "b.", Port: 0}}, nil, dnssrv.ErrPortZero},
		{"nil record skipped", []*net.SRV{nil, {Target: "a.", Port: 80}}, []string{"a.:80"}, nil},
		{"no records", nil, nil, nil},
		{"IPv6 target", []*net.SRV{{Target: "::1", Port: 80}}, []string{"[::1]:80"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			lookup := func(string, string, string) (string, []*net.SRV, error) { return "", tt.records, nil }
			in := dnssrv.NewInstancerDetailed("x", &time.Ticker{C: make(chan time.Time)}, lookup, nil)
			defer in.Stop()
			ev := <-sdtest.Subscribe(t, in)
			if ev.Err != tt.wantErr || !sdtest.SameSet(ev.Instances, tt.want) {
				t.Fatalf("got %+v, want %v, %v", ev, tt.want, tt.wantErr)
			}
		})
	}
}

func TestInstancerInvalidRefresh(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]*dnssrv.Instancer{
		"zero ttl":     dnssrv.NewInstancer("_svc._tcp.example.com", 0, nil),
		"negative ttl": dnssrv.NewInstancer("_svc._tcp.example.com", -time.Second, nil),
		"nil ticker":   dnssrv.NewInstancerDetailed("_svc._tcp.example.com", nil, nil, nil),
	} {
		ev := <-sdtest.Subscribe(t, in)
		if !errors.Is(ev.Err, dnssrv.ErrInvalidRefresh) {
			t.Errorf("%s: got %+v, want ErrInvalidRefresh", name, ev)
		}
		in.Stop()
		in.Stop()
	}
}

// Stop ends the goroutine (the leak check of TestMain proves it) even while
// a subscriber is not reading.
func TestInstancerStopWithSlowSubscriber(t *testing.T) {
	t.Parallel()
	f := newFakeDNS([]string{"a:1"})
	in := dnssrv.NewInstancerDetailed("x", f.ticker(), f.lookup, nil)
	ch := make(chan sd.Event, 1)
	in.Register(ch) // full from now on
	f.set([]string{"b:2"})
	f.poll() // the goroutine blocks sending to ch
	in.Stop()
	in.Stop()
}
