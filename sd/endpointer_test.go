package sd_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/instance"
)

// manualInstancer hands its subscriber exactly the Events a test sends.
type manualInstancer struct {
	initial sd.Event

	mu           sync.Mutex
	ch           chan<- sd.Event
	deregistered int
}

func (m *manualInstancer) Register(ch chan<- sd.Event) {
	m.mu.Lock()
	m.ch = ch
	m.mu.Unlock()
	ch <- m.initial
}

func (m *manualInstancer) Deregister(ch chan<- sd.Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ch == ch {
		m.ch = nil
		m.deregistered++
	}
}

func (m *manualInstancer) Stop() {}

// send delivers ev and then ev again: the channel is unbuffered and served
// by one goroutine, so when the second send completes the first Event has
// been applied. Applying an Event twice changes nothing.
func (m *manualInstancer) send(ev sd.Event) {
	m.mu.Lock()
	ch := m.ch
	m.mu.Unlock()
	ch <- ev
	ch <- ev
}

// factory makes endpoints that answer with their instance, and counts what
// it made and closed.
type factory struct {
	fail map[string]error

	mu     sync.Mutex
	made   map[string]int
	closed map[string]int
}

func newFactory() *factory {
	return &factory{fail: map[string]error{}, made: map[string]int{}, closed: map[string]int{}}
}

func (f *factory) New(instance string) (endpoint.Endpoint, io.Closer, error) {
	if err := f.fail[instance]; err != nil {
		return nil, nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.made[instance]++
	return func(context.Context, any) (any, error) { return instance, nil }, closerFunc(func() error {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.closed[instance]++
		return nil
	}), nil
}

func (f *factory) counts(instance string) (made, closed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.made[instance], f.closed[instance]
}

type closerFunc func() error

func (c closerFunc) Close() error { return c() }

// logRecorder is a logger that keeps every record.
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

func (l *logRecorder) has(key string, value any) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.records {
		for i := 0; i+1 < len(r); i += 2 {
			if r[i] == key && r[i+1] == value {
				return true
			}
		}
	}
	return false
}

// answers calls every endpoint and returns what they answer.
func answers(t *testing.T, e sd.Endpointer) ([]string, error) {
	t.Helper()
	eps, err := e.Endpoints()
	var out []string
	for _, ep := range eps {
		resp, callErr := ep(context.Background(), nil)
		if callErr != nil {
			t.Fatalf("endpoint: %v", callErr)
		}
		out = append(out, resp.(string))
	}
	return out, err
}

func wantAnswers(t *testing.T, e sd.Endpointer, want ...string) {
	t.Helper()
	got, err := answers(t, e)
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("endpoints: got %q, %v; want %q", got, err, want)
	}
}

// clock is a settable time source.
type clock struct{ ns atomic.Int64 }

func (c *clock) Now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *clock) Add(d time.Duration)     { c.ns.Add(int64(d)) }
func newClock() *clock                   { c := &clock{}; c.ns.Store(time.Hour.Nanoseconds()); return c }
func event(instances ...string) sd.Event { return sd.Event{Instances: instances} }

func TestEndpointerInitialStateAndOrder(t *testing.T) {
	t.Parallel()
	f := newFactory()
	in := &manualInstancer{initial: event("c:3", "a:1", "b:2", "a:1")}
	e := sd.NewEndpointer(in, f.New, nil)
	defer e.Close()
	// Applied before NewEndpointer returns; sorted by instance; duplicates once.
	wantAnswers(t, e, "a:1", "b:2", "c:3")
	if made, _ := f.counts("a:1"); made != 1 {
		t.Errorf("a:1 made %d times, want 1", made)
	}
}

func TestEndpointerUpdates(t *testing.T) {
	t.Parallel()
	f := newFactory()
	in := &manualInstancer{initial: event("a:1", "b:2")}
	e := sd.NewEndpointer(in, f.New, nil)
	defer e.Close()

	steps := []struct {
		instances []string
		want      []string
	}{
		{[]string{"b:2", "c:3"}, []string{"b:2", "c:3"}},
		{[]string{"a:1", "b:2", "c:3"}, []string{"a:1", "b:2", "c:3"}},
		{nil, nil},
		{[]string{"d:4"}, []string{"d:4"}},
	}
	for _, st := range steps {
		in.send(event(st.instances...))
		wantAnswers(t, e, st.want...)
	}
	// b:2 lived through the first two steps on one endpoint; a:1 came back
	// and got a new one.
	for inst, want := range map[string][2]int{"a:1": {2, 2}, "b:2": {1, 1}, "c:3": {1, 1}, "d:4": {1, 0}} {
		if made, closed := f.counts(inst); made != want[0] || closed != want[1] {
			t.Errorf("%s: made %d, closed %d; want %d, %d", inst, made, closed, want[0], want[1])
		}
	}
}

func TestEndpointerFactoryErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	f := newFactory()
	f.fail["b:2"] = boom
	logs := &logRecorder{}
	in := &manualInstancer{initial: event("a:1", "b:2", "c:3")}
	e := sd.NewEndpointer(in, f.New, logs)
	defer e.Close()
	wantAnswers(t, e, "a:1", "c:3")
	if !logs.has("instance", "b:2") || !logs.has("err", boom) {
		t.Errorf("factory error not logged: %v", logs.records)
	}
}

func TestEndpointerNilEndpointFromFactory(t *testing.T) {
	t.Parallel()
	closed := 0
	f := func(instance string) (endpoint.Endpoint, io.Closer, error) {
		return nil, closerFunc(func() error { closed++; return nil }), nil
	}
	e := sd.NewEndpointer(&manualInstancer{initial: event("a:1")}, f, nil)
	wantAnswers(t, e)
	e.Close()
	if closed != 1 {
		t.Errorf("closer of a nil endpoint called %d times, want 1", closed)
	}
}

func TestEndpointerErrors(t *testing.T) {
	t.Parallel()
	errA, errB := errors.New("discovery down"), errors.New("still down")
	tests := []struct {
		name    string
		options func(*clock) []sd.EndpointerOption
		// what Endpoints returns within the grace period and after it
		during, after error
		closed        bool // whether the endpoints are closed after the grace period
	}{
		{"keep endpoints by default", func(*clock) []sd.EndpointerOption { return nil }, nil, nil, false},
		{"invalidate after timeout", func(c *clock) []sd.EndpointerOption {
			return []sd.EndpointerOption{sd.InvalidateOnError(time.Second), sd.EndpointerClock(c.Now)}
		}, nil, errA, true},
		{"invalidate at once", func(c *clock) []sd.EndpointerOption {
			return []sd.EndpointerOption{sd.InvalidateOnError(0), sd.EndpointerClock(c.Now)}
		}, errA, errA, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newClock()
			f := newFactory()
			logs := &logRecorder{}
			in := &manualInstancer{initial: event("a:1", "b:2")}
			e := sd.NewEndpointer(in, f.New, logs, tt.options(c)...)
			defer e.Close()

			in.send(sd.Event{Err: errA})
			if !logs.has("err", errA) {
				t.Errorf("error Event not logged")
			}
			c.Add(time.Second / 2)
			in.send(sd.Event{Err: errB}) // a later error keeps the first one's deadline
			check := func(when string, wantErr error) {
				t.Helper()
				got, err := answers(t, e)
				switch {
				case wantErr == nil && (err != nil || !slices.Equal(got, []string{"a:1", "b:2"})):
					t.Fatalf("%s: got %q, %v; want the last endpoints", when, got, err)
				case wantErr != nil && (err != wantErr || got != nil):
					t.Fatalf("%s: got %q, %v; want no endpoints and %v", when, got, err, wantErr)
				}
			}
			check("within the grace period", tt.during)
			c.Add(time.Second / 2)
			check("after the grace period", tt.after)
			check("again", tt.after)
			if _, closed := f.counts("a:1"); (closed == 1) != tt.closed {
				t.Fatalf("a:1 closed %d times; want closed: %v", closed, tt.closed)
			}

			// A good Event restores normal operation.
			in.send(event("b:2", "c:3"))
			wantAnswers(t, e, "b:2", "c:3")
			c.Add(time.Hour)
			wantAnswers(t, e, "b:2", "c:3")
		})
	}
}

type countingInstancer struct {
	*instance.Cache
	deregistered atomic.Int32
}

func (c *countingInstancer) Deregister(ch chan<- sd.Event) {
	c.deregistered.Add(1)
	c.Cache.Deregister(ch)
}

func TestEndpointerClose(t *testing.T) {
	t.Parallel()
	f := newFactory()
	in := &countingInstancer{Cache: instance.NewCache()}
	in.Update(event("a:1", "b:2"))
	e := sd.NewEndpointer(in, f.New, nil)
	wantAnswers(t, e, "a:1", "b:2")

	e.Close()
	e.Close() // idempotent
	if n := in.deregistered.Load(); n != 1 {
		t.Errorf("Deregister called %d times, want 1", n)
	}
	for _, inst := range []string{"a:1", "b:2"} {
		if _, closed := f.counts(inst); closed != 1 {
			t.Errorf("%s closed %d times, want 1", inst, closed)
		}
	}
	if eps, err := e.Endpoints(); eps != nil || !errors.Is(err, sd.ErrEndpointerClosed) {
		t.Errorf("Endpoints after Close: got %v, %v; want ErrEndpointerClosed", eps, err)
	}
	// The Instancer goes on without the closed Endpointer.
	in.Update(event("c:3"))
	if made, _ := f.counts("c:3"); made != 0 {
		t.Errorf("a closed Endpointer still follows its Instancer")
	}
}

func TestEndpointerNilArguments(t *testing.T) {
	t.Parallel()
	f := newFactory()
	tests := []struct {
		name string
		src  sd.Instancer
		f    sd.Factory
	}{
		{"nil instancer", nil, f.New},
		{"nil factory", sd.FixedInstancer{"a:1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := sd.NewEndpointer(tt.src, tt.f, nil, nil)
			if eps, err := e.Endpoints(); eps != nil || err == nil {
				t.Errorf("got %v, %v; want an error", eps, err)
			}
			e.Close()
		})
	}
}

func TestEndpointerConcurrent(t *testing.T) {
	t.Parallel()
	f := newFactory()
	cache := instance.NewCache()
	e := sd.NewEndpointer(cache, f.New, nil, sd.InvalidateOnError(time.Hour))
	defer e.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for ctx.Err() == nil {
				eps, err := e.Endpoints()
				if err != nil {
					t.Errorf("Endpoints: %v", err)
					return
				}
				for _, ep := range eps {
					if _, err := ep(ctx, nil); err != nil {
						t.Errorf("endpoint: %v", err)
						return
					}
				}
			}
		})
	}
	for i := range 200 {
		if i%10 == 0 {
			cache.Update(sd.Event{Err: errors.New("blip")})
			continue
		}
		cache.Update(event(fmt.Sprintf("a:%d", i), fmt.Sprintf("b:%d", i%7)))
	}
	cancel()
	wg.Wait()
}

func TestFixedEndpointer(t *testing.T) {
	t.Parallel()
	eps := sd.FixedEndpointer{endpoint.Nop, endpoint.Nop}
	got, err := eps.Endpoints()
	if err != nil || len(got) != 2 {
		t.Fatalf("got %d endpoints, %v", len(got), err)
	}
	if got, err := sd.FixedEndpointer(nil).Endpoints(); got != nil || err != nil {
		t.Fatalf("nil FixedEndpointer: got %v, %v", got, err)
	}
}
