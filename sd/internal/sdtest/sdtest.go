package sdtest

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd"
)

// DefaultTimeout bounds each wait of the suite when Harness.Timeout is zero.
const DefaultTimeout = 5 * time.Second

// Harness describes an Instancer implementation to Run.
type Harness struct {
	// New creates a discovery source holding initial (a non-empty set) and
	// an Instancer watching it, and registers with t.Cleanup whatever removes
	// the source (keys, registrations, fake servers). The suite calls
	// Instancer.Stop itself. Subtests run in parallel, so every call must
	// give an isolated source (a unique service name or key prefix).
	New func(t testing.TB, initial []string) Subject

	// Timeout bounds each wait for an Event. Zero means DefaultTimeout;
	// polling backends and real servers may need more.
	Timeout time.Duration
}

// Subject is one Instancer under test and the means to change what it
// watches.
type Subject struct {
	Instancer sd.Instancer

	// Set replaces the set of instances in the source (an empty set means
	// none) and returns once the source holds it; the Instancer may see the
	// change later. A backend that must be told to poll (an injected ticker)
	// does so here. A nil Set means the set never changes: the checks that
	// need changes are skipped.
	Set func(t testing.TB, instances []string)

	// Fail makes the source fail, so that the Instancer sends an Event with
	// an error, until the next Set. A nil Fail skips the error checks.
	Fail func(t testing.TB)
}

// Instances returns n distinct instance strings, "10.0.0.1:8001",
// "10.0.0.2:8002" and so on, starting after skip.
func Instances(skip, n int) []string {
	out := make([]string, 0, n)
	for i := skip + 1; i <= skip+n; i++ {
		out = append(out, fmt.Sprintf("10.0.%d.%d:%d", i/250, i%250+1, 8000+i))
	}
	return out
}

// Subscribe registers a buffered channel (capacity 64) with in, checks that
// the current state was sent before Register returned, and deregisters the
// channel when the test ends. It returns the channel, with that first Event
// still in it. The test must keep reading: an Instancer blocks on a full
// channel.
func Subscribe(t testing.TB, in sd.Instancer) <-chan sd.Event {
	t.Helper()
	ch := make(chan sd.Event, 64)
	in.Register(ch)
	t.Cleanup(func() { in.Deregister(ch) })
	if len(ch) == 0 {
		t.Fatalf("Register returned without sending the current state")
	}
	return ch
}

// Await receives Events from ch until one without error holds exactly the
// instances of want, in any order (nil and empty are the same), and returns
// it. It fails the test if timeout passes first or ch is closed; the failure
// shows the last Event received.
func Await(t testing.TB, ch <-chan sd.Event, want []string, timeout time.Duration) sd.Event {
	t.Helper()
	return await(t, ch, timeout, fmt.Sprintf("the set %v", want), func(ev sd.Event) (bool, string) {
		return ev.Err == nil && SameSet(ev.Instances, want), ""
	})
}

// AwaitErr receives Events from ch until one has a non-nil Err, and returns
// it. It fails the test if timeout passes first or ch is closed.
func AwaitErr(t testing.TB, ch <-chan sd.Event, timeout time.Duration) sd.Event {
	t.Helper()
	return await(t, ch, timeout, "an error", func(ev sd.Event) (bool, string) { return ev.Err != nil, "" })
}

// SameSet reports whether a and b hold the same strings, ignoring order.
func SameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// await receives until done reports true; a non-empty complaint fails the
// test at once.
func await(t testing.TB, ch <-chan sd.Event, timeout time.Duration, what string, done func(sd.Event) (bool, string)) sd.Event {
	t.Helper()
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var last *sd.Event
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("channel closed while waiting for %s", what)
			}
			last = &ev
			ok, complaint := done(ev)
			if complaint != "" {
				t.Fatalf("while waiting for %s: %s", what, complaint)
			}
			if ok {
				return ev
			}
		case <-timer.C:
			if last == nil {
				t.Fatalf("no Event within %v while waiting for %s", timeout, what)
			}
			t.Fatalf("no %s within %v; last Event: %+v", what, timeout, *last)
		}
	}
}

// Run runs the conformance suite as parallel subtests of t.
func Run(t *testing.T, h Harness) {
	t.Helper()
	if h.New == nil {
		t.Fatal("sdtest: Harness.New is nil")
	}
	if h.Timeout <= 0 {
		h.Timeout = DefaultTimeout
	}
	s := suite{h}
	tests := []struct {
		name    string
		fn      func(*testing.T)
		changes bool
		fails   bool
	}{
		{"InitialState", s.initialState, false, false},
		{"OwnCopies", s.ownCopies, false, false},
		{"Updates", s.updates, true, false},
		{"LateSubscriber", s.lateSubscriber, true, false},
		{"Deregister", s.deregister, true, false},
		{"Concurrent", s.concurrent, true, false},
		{"Endpointer", s.endpointer, true, false},
		{"Errors", s.errors, true, true},
		{"Stop", s.stop, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t)
		})
	}
}

type suite struct{ h Harness }

// start makes a Subject and stops its Instancer when the test ends, skipping
// the test when the Subject cannot do what it needs.
func (s suite) start(t *testing.T, initial []string, changes, fails bool) Subject {
	t.Helper()
	sub := s.h.New(t, initial)
	if sub.Instancer == nil {
		t.Fatal("Harness.New returned a Subject without an Instancer")
	}
	t.Cleanup(sub.Instancer.Stop)
	if changes && sub.Set == nil {
		t.Skip("the backend's instance set is fixed (Subject.Set is nil)")
	}
	if fails && sub.Fail == nil {
		t.Skip("the backend cannot be made to fail (Subject.Fail is nil)")
	}
	return sub
}

// awaitTransition waits on ch for the set to, checking that every Event on
// the way is complete: it holds every instance of from ∩ to and nothing
// outside from ∪ to. Errors on the way fail the test.
func (s suite) awaitTransition(t *testing.T, ch <-chan sd.Event, from, to []string) sd.Event {
	t.Helper()
	return await(t, ch, s.h.Timeout, fmt.Sprintf("the set %v", to), func(ev sd.Event) (bool, string) {
		if ev.Err != nil {
			return false, fmt.Sprintf("unexpected error Event: %v", ev.Err)
		}
		for _, inst := range from {
			if slices.Contains(to, inst) && !slices.Contains(ev.Instances, inst) {
				return false, fmt.Sprintf("Event %v is not a complete set: it lacks %q, present before and after", ev.Instances, inst)
			}
		}
		for _, inst := range ev.Instances {
			if !slices.Contains(from, inst) && !slices.Contains(to, inst) {
				return false, fmt.Sprintf("Event %v holds %q, which is in neither %v nor %v", ev.Instances, inst, from, to)
			}
		}
		return SameSet(ev.Instances, to), ""
	})
}

// first checks that a freshly registered channel holds the expected state.
func first(t *testing.T, ch <-chan sd.Event, want []string) sd.Event {
	t.Helper()
	select {
	case ev := <-ch:
		if ev.Err != nil || !SameSet(ev.Instances, want) {
			t.Fatalf("first Event after Register: got %+v, want the set %v", ev, want)
		}
		return ev
	default:
		t.Fatal("Register returned without sending the current state")
		return sd.Event{}
	}
}

func (s suite) initialState(t *testing.T) {
	initial := Instances(0, 3)
	sub := s.start(t, initial, false, false)
	ch := Subscribe(t, sub.Instancer)
	first(t, ch, initial)

	// A second subscriber gets the same state at once too.
	ch2 := Subscribe(t, sub.Instancer)
	first(t, ch2, initial)
}

func (s suite) ownCopies(t *testing.T) {
	initial := Instances(0, 3)
	sub := s.start(t, initial, false, false)
	ch1 := Subscribe(t, sub.Instancer)
	ch2 := Subscribe(t, sub.Instancer)
	ev1 := first(t, ch1, initial)
	ev2 := first(t, ch2, initial)
	for i := range ev1.Instances {
		ev1.Instances[i] = "edited"
	}
	if !SameSet(ev2.Instances, initial) {
		t.Fatalf("editing one subscriber's Instances changed another's: %v", ev2.Instances)
	}
	first(t, Subscribe(t, sub.Instancer), initial)
}

func (s suite) updates(t *testing.T) {
	a := Instances(0, 2)
	sub := s.start(t, a, true, false)
	ch := Subscribe(t, sub.Instancer)
	first(t, ch, a)
	steps := [][]string{
		Instances(0, 3),  // add one
		Instances(1, 2),  // remove one at each end
		Instances(10, 2), // replace all
		{},               // none left
		Instances(20, 1), // back from empty
		append(Instances(0, 1), Instances(20, 2)...), // add and keep
	}
	prev := a
	for _, next := range steps {
		sub.Set(t, next)
		s.awaitTransition(t, ch, prev, next)
		prev = next
	}
}

func (s suite) lateSubscriber(t *testing.T) {
	a, b := Instances(0, 2), Instances(5, 3)
	sub := s.start(t, a, true, false)
	ch := Subscribe(t, sub.Instancer)
	first(t, ch, a)
	sub.Set(t, b)
	s.awaitTransition(t, ch, a, b)
	first(t, Subscribe(t, sub.Instancer), b)
}

func (s suite) deregister(t *testing.T) {
	a, b, c := Instances(0, 2), Instances(0, 3), Instances(3, 1)
	sub := s.start(t, a, true, false)
	gone := make(chan sd.Event, 64)
	sub.Instancer.Register(gone)
	first(t, gone, a)
	stays := Subscribe(t, sub.Instancer)
	first(t, stays, a)

	sub.Instancer.Deregister(gone)
	sub.Instancer.Deregister(gone) // twice is fine

	sub.Set(t, b)
	s.awaitTransition(t, stays, a, b)
	sub.Set(t, c)
	s.awaitTransition(t, stays, b, c)
	if n := len(gone); n != 0 {
		t.Fatalf("a deregistered channel received %d Events, first %+v", n, <-gone)
	}

	// A channel that was never registered.
	sub.Instancer.Deregister(make(chan sd.Event))
}

func (s suite) concurrent(t *testing.T) {
	a := Instances(0, 2)
	sub := s.start(t, a, true, false)
	watch := Subscribe(t, sub.Instancer)
	first(t, watch, a)

	ctx, cancel := context.WithTimeout(context.Background(), s.h.Timeout)
	defer cancel()
	var wg sync.WaitGroup
	problems := make(chan string, 8)
	for range 4 {
		wg.Go(func() {
			for i := 0; i < 100 && ctx.Err() == nil; i++ {
				ch := make(chan sd.Event, 64)
				sub.Instancer.Register(ch)
				n := len(ch)
				sub.Instancer.Deregister(ch)
				if n == 0 {
					problems <- "Register returned without sending the current state"
					return
				}
				for len(ch) > 0 {
					if ev := <-ch; ev.Err != nil {
						problems <- fmt.Sprintf("unexpected error Event: %v", ev.Err)
						return
					}
				}
			}
		})
	}
	prev := a
	for i := range 3 {
		next := Instances(i+1, 2)
		sub.Set(t, next)
		s.awaitTransition(t, watch, prev, next)
		prev = next
	}
	cancel()
	wg.Wait()
	close(problems)
	for p := range problems {
		t.Error(p)
	}
	first(t, Subscribe(t, sub.Instancer), prev)
}

// instanceFactory makes endpoints that answer with their instance string.
func instanceFactory(instance string) (endpoint.Endpoint, io.Closer, error) {
	return func(context.Context, any) (any, error) { return instance, nil }, nil, nil
}

// endpointInstances calls every endpoint of e and returns the answers.
func endpointInstances(t *testing.T, e sd.Endpointer) ([]string, error) {
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

// awaitEndpoints waits for e to yield endpoints for exactly want. There is
// no notification when a DefaultEndpointer applies an Event, so it polls.
func (s suite) awaitEndpoints(t *testing.T, e sd.Endpointer, want []string) {
	t.Helper()
	deadline := time.NewTimer(s.h.Timeout)
	defer deadline.Stop()
	poll := time.NewTicker(time.Millisecond)
	defer poll.Stop()
	for {
		got, err := endpointInstances(t, e)
		if err == nil && SameSet(got, want) {
			return
		}
		select {
		case <-poll.C:
		case <-deadline.C:
			t.Fatalf("endpoints: got %v, %v; want %v", got, err, want)
		}
	}
}

func (s suite) endpointer(t *testing.T) {
	a, b := Instances(0, 2), Instances(1, 3)
	sub := s.start(t, a, true, false)
	e := sd.NewEndpointer(sub.Instancer, instanceFactory, nil)
	defer e.Close()
	// The initial state has been applied when NewEndpointer returns.
	got, err := endpointInstances(t, e)
	if err != nil || !SameSet(got, a) {
		t.Fatalf("endpoints right after NewEndpointer: got %v, %v; want %v", got, err, a)
	}
	sub.Set(t, b)
	s.awaitEndpoints(t, e, b)
}

func (s suite) errors(t *testing.T) {
	a, b := Instances(0, 2), Instances(0, 3)
	sub := s.start(t, a, true, true)
	ch := Subscribe(t, sub.Instancer)
	first(t, ch, a)

	logged := make(chan struct{}, 16)
	e := sd.NewEndpointer(sub.Instancer, instanceFactory, logFunc(func(kv ...any) error {
		if len(kv) >= 2 && kv[0] == "err" {
			select {
			case logged <- struct{}{}:
			default:
			}
		}
		return nil
	}))
	defer e.Close()

	sub.Fail(t)
	AwaitErr(t, ch, s.h.Timeout)

	// A subscriber registering now gets the error at once.
	late := Subscribe(t, sub.Instancer)
	if ev := <-late; ev.Err == nil {
		t.Fatalf("Register during an error: got %+v, want an Event with Err", ev)
	}

	// The Endpointer logged the error and keeps the last good endpoints.
	select {
	case <-logged:
	case <-time.After(s.h.Timeout):
		t.Fatal("the Endpointer did not log the error Event")
	}
	if got, err := endpointInstances(t, e); err != nil || !SameSet(got, a) {
		t.Fatalf("endpoints during the error: got %v, %v; want the last good set %v", got, err, a)
	}

	// Recovery sends the complete set, even when it did not change.
	sub.Set(t, a)
	Await(t, ch, a, s.h.Timeout)
	Await(t, late, a, s.h.Timeout)

	sub.Fail(t)
	AwaitErr(t, ch, s.h.Timeout)
	sub.Set(t, b)
	Await(t, ch, b, s.h.Timeout)
	s.awaitEndpoints(t, e, b)
}

func (s suite) stop(t *testing.T) {
	a := Instances(0, 2)
	sub := s.start(t, a, false, false)
	ch := Subscribe(t, sub.Instancer)
	first(t, ch, a)

	sub.Instancer.Stop()
	sub.Instancer.Stop() // idempotent

	// Register and Deregister still return after Stop.
	done := make(chan struct{})
	go func() {
		defer close(done)
		late := make(chan sd.Event, 1)
		sub.Instancer.Register(late)
		sub.Instancer.Deregister(late)
	}()
	select {
	case <-done:
	case <-time.After(s.h.Timeout):
		t.Fatal("Register or Deregister blocked after Stop")
	}
}

// logFunc adapts a function to the logger interface of sd.NewEndpointer.
type logFunc func(...any) error

func (f logFunc) Log(kv ...any) error { return f(kv...) }
