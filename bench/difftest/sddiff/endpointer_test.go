package sddiff_test

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	gokitendpoint "github.com/go-kit/kit/endpoint"
	gokitsd "github.com/go-kit/kit/sd"
	kitendpoint "github.com/seedkit/kit/endpoint"
	kitsd "github.com/seedkit/kit/sd"
)

// fakeInstancer is an Instancer driven by the test, generic in the event
// type so that it serves both libraries. Register sends the initial event,
// as an Instancer must.
type fakeInstancer[Ev any] struct {
	initial Ev
	mu      sync.Mutex
	ch      chan<- Ev
	regs    int
	deregs  int
}

func (f *fakeInstancer[Ev]) Register(ch chan<- Ev) {
	f.mu.Lock()
	f.ch = ch
	f.regs++
	f.mu.Unlock()
	ch <- f.initial
}

func (f *fakeInstancer[Ev]) Deregister(ch chan<- Ev) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ch == ch {
		f.ch = nil
	}
	f.deregs++
}

func (f *fakeInstancer[Ev]) Stop() {}

// send delivers ev and waits until every Endpointer has applied it.
func (f *fakeInstancer[Ev]) send(t *testing.T, ev Ev) {
	f.mu.Lock()
	ch := f.ch
	f.mu.Unlock()
	ch <- ev
	waitIdle(t)
}

// waitIdle waits until the receiving goroutine of every DefaultEndpointer
// (kit's and Go kit's) is blocked on its channel again, that is, has
// finished applying the events it was sent. Both read their unbuffered
// channel from one goroutine, so once a send has returned the goroutine is
// runnable or busy until the update is done. Waiting on the goroutines'
// state changes nothing in the Endpointers, unlike a synchronising event.
func waitIdle(t *testing.T) {
	t.Helper()
	ctx := testContext(t)
	buf := make([]byte, 1<<20)
	for {
		for {
			n := runtime.Stack(buf, true)
			if n < len(buf) {
				buf = buf[:n]
				break
			}
			buf = make([]byte, 2*len(buf))
		}
		busy := false
		for _, g := range strings.Split(string(buf), "\n\n") {
			if strings.Contains(g, "sd.(*DefaultEndpointer).receive") && !strings.Contains(g[:strings.IndexByte(g, '\n')+1], "[chan receive") {
				busy = true
				break
			}
		}
		if !busy {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatal("an Endpointer never finished its update")
		case <-time.After(100 * time.Microsecond):
		}
		buf = buf[:cap(buf)]
	}
}

// closer records its instance when closed.
type closer struct {
	inst string
	rec  *recorder
}

func (c closer) Close() error {
	c.rec.add("close %s", c.inst)
	return nil
}

// factory makes endpoints answering their instance; instances starting
// with "bad" fail, "nil" gives a nil endpoint. made records every call.
func factory[E ~func(context.Context, any) (any, error)](made *recorder) func(string) (E, io.Closer, error) {
	return func(inst string) (E, io.Closer, error) {
		made.add("make %s", inst)
		switch {
		case strings.HasPrefix(inst, "bad"):
			return nil, nil, errors.New("refused " + inst)
		case inst == "nil":
			return nil, nil, nil
		}
		return E(func(context.Context, any) (any, error) { return inst, nil }), closer{inst, made}, nil
	}
}

// step is an Instancer event: instances, or an error when err is set.
type step struct {
	instances []string
	err       string
}

// stepObs is what a client sees after one event.
type stepObs struct {
	Endpoints []string // each endpoint's answer, in order
	Err       string
	Made      []string // factory calls and closes during the step, sorted
	Logs      []string // distinct log lines of the step
}

func observe[E ~func(context.Context, any) (any, error)](list []E, err error, made, logs *recorder) stepObs {
	var o stepObs
	for _, e := range list {
		if e == nil {
			o.Endpoints = append(o.Endpoints, "<nil endpoint>")
			continue
		}
		v, _ := e(context.Background(), nil)
		o.Endpoints = append(o.Endpoints, v.(string))
	}
	if err != nil {
		o.Err = err.Error()
	}
	// Closes happen in map order in both libraries: compare them sorted.
	o.Made, o.Logs = made.take(), distinct(logs.take())
	sort.Strings(o.Made)
	return o
}

func kitEvent(s step) kitsd.Event {
	if s.err != "" {
		return kitsd.Event{Err: errors.New(s.err)}
	}
	return kitsd.Event{Instances: append([]string(nil), s.instances...)}
}

func gokitEvent(s step) gokitsd.Event {
	if s.err != "" {
		return gokitsd.Event{Err: errors.New(s.err)}
	}
	return gokitsd.Event{Instances: append([]string(nil), s.instances...)}
}

type endpointerCase struct {
	name       string
	invalidate time.Duration // InvalidateOnError when >= 0
	initial    step
	steps      []step
}

func runKitEndpointer(t *testing.T, tc endpointerCase) []stepObs {
	made, logs := &recorder{}, &recorder{}
	inst := &fakeInstancer[kitsd.Event]{initial: kitEvent(tc.initial)}
	var opts []kitsd.EndpointerOption
	if tc.invalidate >= 0 {
		opts = append(opts, kitsd.InvalidateOnError(tc.invalidate))
	}
	e := kitsd.NewEndpointer(inst, factory[kitendpoint.Endpoint](made), logs, opts...)
	waitIdle(t) // kit applied the initial event before NewEndpointer returned
	list, err := e.Endpoints()
	out := []stepObs{observe(list, err, made, logs)}
	for _, s := range tc.steps {
		inst.send(t, kitEvent(s))
		list, err := e.Endpoints()
		out = append(out, observe(list, err, made, logs))
	}
	e.Close()
	return out
}

func runGokitEndpointer(t *testing.T, tc endpointerCase) []stepObs {
	made, logs := &recorder{}, &recorder{}
	inst := &fakeInstancer[gokitsd.Event]{initial: gokitEvent(tc.initial)}
	var opts []gokitsd.EndpointerOption
	if tc.invalidate >= 0 {
		opts = append(opts, gokitsd.InvalidateOnError(tc.invalidate))
	}
	e := gokitsd.NewEndpointer(inst, factory[gokitendpoint.Endpoint](made), logs, opts...)
	waitIdle(t) // Go kit may still be applying it
	list, err := e.Endpoints()
	out := []stepObs{observe(list, err, made, logs)}
	for _, s := range tc.steps {
		inst.send(t, gokitEvent(s))
		list, err := e.Endpoints()
		out = append(out, observe(list, err, made, logs))
	}
	e.Close()
	return out
}

func ev(instances ...string) step { return step{instances: instances} }
func fail(err string) step        { return step{err: err} }

// TestEndpointerEvents feeds the same Instancer events to both libraries'
// NewEndpointer and compares, after each, the endpoints, the error, the
// factory calls, the closes and the log lines.
func TestEndpointerEvents(t *testing.T) {
	t.Parallel()
	const keep = -1 // no InvalidateOnError
	cases := []endpointerCase{
		{"changes", keep, ev("b", "a"), []step{
			ev("a", "b", "c"), ev("c"), ev(), ev("c", "a"), ev("bad:x", "a"), ev("a"), ev("a", "b"),
		}},
		{"empty start", keep, ev(), []step{ev("a"), ev()}},
		{"nil instances", keep, step{}, []step{ev("a"), step{}}},
		{"errors keep endpoints", keep, ev("a", "b"), []step{
			fail("e1"), ev("a"), fail("e2"), fail("e3"), ev("b"),
		}},
		{"initial error", keep, fail("e0"), []step{ev("a"), fail("e1")}},
		{"factory errors", keep, ev("bad:1", "a", "bad:2"), []step{
			ev("bad:1", "a", "b"), ev("bad:1"), ev("a"),
		}},
		{"invalidate at once", 0, ev("a", "b"), []step{
			fail("e1"), ev("a"), fail("e2"), fail("e3"), ev("b"), ev("b", "c"),
		}},
		{"invalidate initial error", 0, fail("e0"), []step{ev("a"), fail("e1")}},
		{"invalidate later", time.Hour, ev("a", "b"), []step{
			fail("e1"), fail("e2"), ev("c"), fail("e3"), ev("a"),
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, g := runKitEndpointer(t, tc), runGokitEndpointer(t, tc)
			if len(k) != len(g) {
				t.Fatalf("steps: kit %d, gokit %d", len(k), len(g))
			}
			for i := range k {
				same(t, "step "+stepName(tc, i), k[i], g[i])
			}
		})
	}
}

func stepName(tc endpointerCase, i int) string {
	s := tc.initial
	if i > 0 {
		s = tc.steps[i-1]
	}
	if s.err != "" {
		return "error " + s.err
	}
	return "[" + strings.Join(s.instances, " ") + "]"
}

// TestEndpointerDuplicates: an Instancer event listing an instance twice.
// kit makes one endpoint for it and lists it once; Go kit calls the
// Factory twice, lists the second endpoint twice and never closes the
// first. (kit's package docs do not mention this difference.)
func TestEndpointerDuplicates(t *testing.T) {
	t.Parallel()
	tc := endpointerCase{"duplicates", -1, ev("a", "b", "a"), []step{ev("a"), ev("b", "b")}}
	k, g := runKitEndpointer(t, tc), runGokitEndpointer(t, tc)
	same(t, "kit", k, []stepObs{
		{Endpoints: []string{"a", "b"}, Made: []string{"make a", "make b"}},
		{Endpoints: []string{"a"}, Made: []string{"close b"}},
		{Endpoints: []string{"b"}, Made: []string{"close a", "make b"}},
	})
	same(t, "gokit", g, []stepObs{
		{Endpoints: []string{"a", "a", "b"}, Made: []string{"make a", "make a", "make b"}},
		{Endpoints: []string{"a"}, Made: []string{"close b"}},
		{Endpoints: []string{"b", "b"}, Made: []string{"close a", "make b", "make b"}},
	})
}

// TestEndpointerNilEndpoint: a Factory that returns a nil endpoint and no
// error. kit leaves the instance out and logs it; Go kit lists the nil
// endpoint, which a Balancer then hands out. (kit's package docs do not
// mention this difference.)
func TestEndpointerNilEndpoint(t *testing.T) {
	t.Parallel()
	tc := endpointerCase{"nil endpoint", -1, ev("a", "nil"), nil}
	k, g := runKitEndpointer(t, tc), runGokitEndpointer(t, tc)
	same(t, "kit", k, []stepObs{{
		Endpoints: []string{"a"}, Made: []string{"make a", "make nil"},
		Logs: []string{"[instance nil err sd: factory returned a nil endpoint]"},
	}})
	same(t, "gokit", g, []stepObs{{Endpoints: []string{"a", "<nil endpoint>"}, Made: []string{"make a", "make nil"}}})
}

// TestEndpointerClose pins documented differences: kit's Close closes the
// endpoints it made, is idempotent, and Endpoints then returns
// ErrEndpointerClosed; Go kit's Close leaves the endpoints open and
// Endpoints keeps returning them. Both deregister from the Instancer.
func TestEndpointerClose(t *testing.T) {
	t.Parallel()
	kmade, glogs, gmade := &recorder{}, &recorder{}, &recorder{}
	kinst := &fakeInstancer[kitsd.Event]{initial: kitEvent(ev("a", "b"))}
	ke := kitsd.NewEndpointer(kinst, factory[kitendpoint.Endpoint](kmade), nil)
	ke.Close()
	ke.Close()
	list, err := ke.Endpoints()
	same(t, "kit after Close", observe(list, err, kmade, &recorder{}), stepObs{
		Err: kitsd.ErrEndpointerClosed.Error(), Made: []string{"close a", "close b", "make a", "make b"},
	})
	same(t, "kit deregistered", [2]int{kinst.regs, kinst.deregs}, [2]int{1, 1})

	ginst := &fakeInstancer[gokitsd.Event]{initial: gokitEvent(ev("a", "b"))}
	ge := gokitsd.NewEndpointer(ginst, factory[gokitendpoint.Endpoint](gmade), glogs)
	waitIdle(t)
	ge.Close() // a second Close would panic in Go kit (close of a closed channel)
	list2, err := ge.Endpoints()
	same(t, "gokit after Close", observe(list2, err, gmade, glogs), stepObs{
		Endpoints: []string{"a", "b"}, Made: []string{"make a", "make b"},
	})
	same(t, "gokit deregistered", [2]int{ginst.regs, ginst.deregs}, [2]int{1, 1})
}

// TestEndpointerFixedInstancer: NewEndpointer over a FixedInstancer.
// Documented differences: kit has applied the initial state when
// NewEndpointer returns, and its FixedInstancer sends a fresh copy of the
// instances, where Go kit's Endpointer sorts the FixedInstancer's own
// slice in place.
func TestEndpointerFixedInstancer(t *testing.T) {
	t.Parallel()
	made := &recorder{}
	kfixed := kitsd.FixedInstancer{"c", "a", "b"}
	ke := kitsd.NewEndpointer(kfixed, factory[kitendpoint.Endpoint](made), nil)
	defer ke.Close()
	list, err := ke.Endpoints() // no waiting
	same(t, "kit at once", observe(list, err, made, &recorder{}).Endpoints, []string{"a", "b", "c"})
	same(t, "kit FixedInstancer", []string(kfixed), []string{"c", "a", "b"})

	gmade := &recorder{}
	gfixed := gokitsd.FixedInstancer{"c", "a", "b"}
	ge := gokitsd.NewEndpointer(gfixed, factory[gokitendpoint.Endpoint](gmade), &recorder{})
	defer ge.Close()
	// Go kit may not have applied the event yet: wait for it.
	ctx := testContext(t)
	for {
		list, err := ge.Endpoints()
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 3 {
			same(t, "gokit", observe(list, nil, gmade, &recorder{}).Endpoints, []string{"a", "b", "c"})
			break
		}
		select {
		case <-ctx.Done():
			t.Fatal("gokit endpointer never got its instances")
		case <-time.After(time.Millisecond):
		}
	}
	same(t, "gokit FixedInstancer sorted in place", []string(gfixed), []string{"a", "b", "c"})
}
