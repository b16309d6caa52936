package sddiff_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gokitendpoint "github.com/go-kit/kit/endpoint"
	gokitsd "github.com/go-kit/kit/sd"
	gokitlb "github.com/go-kit/kit/sd/lb"
	kitendpoint "github.com/seedkit/kit/endpoint"
	kitsd "github.com/seedkit/kit/sd"
	kitlb "github.com/seedkit/kit/sd/lb"
)

// scripted is an Endpointer whose n-th call returns sizes[n] endpoints
// (the last size repeats); a negative size is an error. Endpoint i
// answers i. It is generic in the endpoint type so that one script serves
// both libraries.
type scripted[E ~func(context.Context, any) (any, error)] struct {
	mu    sync.Mutex
	sizes []int
	n     int
}

func (s *scripted[E]) Endpoints() ([]E, error) {
	s.mu.Lock()
	size := s.sizes[min(s.n, len(s.sizes)-1)]
	s.n++
	s.mu.Unlock()
	if size < 0 {
		return nil, fmt.Errorf("endpointer failure %d", -size)
	}
	out := make([]E, size)
	for i := range out {
		out[i] = E(func(context.Context, any) (any, error) { return i, nil })
	}
	return out, nil
}

// pick describes one Balancer.Endpoint result.
func pick(e endpointFunc, err error) string {
	if err != nil {
		return "err: " + err.Error()
	}
	v, _ := e(context.Background(), nil)
	return strconv.Itoa(v.(int))
}

func kitPicks(b kitlb.Balancer, n int) []string {
	out := make([]string, n)
	for i := range out {
		e, err := b.Endpoint()
		out[i] = pick(e, err)
	}
	return out
}

func gokitPicks(b gokitlb.Balancer, n int) []string {
	out := make([]string, n)
	for i := range out {
		e, err := b.Endpoint()
		out[i] = pick(e, err)
	}
	return out
}

func TestRoundRobinPicks(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		sizes []int
		picks int
	}{
		{"one", []int{1}, 4},
		{"three", []int{3}, 10},
		{"empty", []int{0}, 3},
		{"error", []int{-1}, 3},
		{"shrinking", []int{5, 5, 4, 3, 2, 1, 1}, 12},
		{"growing", []int{1, 2, 3, 4, 5, 6, 7}, 12},
		{"errors and gaps", []int{3, -1, 3, 0, 3, -2, 3}, 12},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k := kitPicks(kitlb.NewRoundRobin(&scripted[kitendpoint.Endpoint]{sizes: tc.sizes}), tc.picks)
			g := gokitPicks(gokitlb.NewRoundRobin(&scripted[gokitendpoint.Endpoint]{sizes: tc.sizes}), tc.picks)
			same(t, "picks", k, g)
		})
	}
	same(t, "ErrNoEndpoints", kitlb.ErrNoEndpoints.Error(), gokitlb.ErrNoEndpoints.Error())
}

// TestRandomPicks: both balancers pick in range and report errors alike;
// the sequences for one seed differ, as kit documents ("NewRandom ... draws
// a different sequence for the same seed").
func TestRandomPicks(t *testing.T) {
	t.Parallel()
	for _, seed := range []int64{0, 1, 42, -7} {
		k := kitPicks(kitlb.NewRandom(kitsd.FixedEndpointer(make([]kitendpoint.Endpoint, 0)), seed), 1)
		g := gokitPicks(gokitlb.NewRandom(gokitsd.FixedEndpointer(nil), seed), 1)
		same(t, "empty", k, g)
		k = kitPicks(kitlb.NewRandom(&scripted[kitendpoint.Endpoint]{sizes: []int{-3}}, seed), 1)
		g = gokitPicks(gokitlb.NewRandom(&scripted[gokitendpoint.Endpoint]{sizes: []int{-3}}, seed), 1)
		same(t, "error", k, g)

		const n = 64
		k = kitPicks(kitlb.NewRandom(&scripted[kitendpoint.Endpoint]{sizes: []int{5}}, seed), n)
		g = gokitPicks(gokitlb.NewRandom(&scripted[gokitendpoint.Endpoint]{sizes: []int{5}}, seed), n)
		for _, picks := range [][]string{k, g} {
			for _, p := range picks {
				if i, err := strconv.Atoi(p); err != nil || i < 0 || i >= 5 {
					t.Fatalf("seed %d: pick %q out of range", seed, p)
				}
			}
		}
		if strings.Join(k, ",") == strings.Join(g, ",") {
			t.Errorf("seed %d: kit and Go kit drew the same %d picks: the documented difference is gone", seed, n)
		}
		// Each library is deterministic for its seed.
		same(t, "kit replay", k, kitPicks(kitlb.NewRandom(&scripted[kitendpoint.Endpoint]{sizes: []int{5}}, seed), n))
		same(t, "gokit replay", g, gokitPicks(gokitlb.NewRandom(&scripted[gokitendpoint.Endpoint]{sizes: []int{5}}, seed), n))
	}
}

// outcomes makes one endpoint per outcome ("ok:v" answers v, anything else
// fails with that text), counting calls.
func outcomes[E ~func(context.Context, any) (any, error)](list []string, calls *atomic.Int64) []E {
	out := make([]E, len(list))
	for i, o := range list {
		out[i] = E(func(context.Context, any) (any, error) {
			calls.Add(1)
			if v, ok := strings.CutPrefix(o, "ok:"); ok {
				return v, nil
			}
			return nil, errors.New(o)
		})
	}
	return out
}

// retryResult is everything one Retry call shows.
type retryResult struct {
	Resp      any
	Err       string
	Calls     int64
	Callbacks []string
	Raw       []string // RetryError.RawErrors
	Final     string   // RetryError.Final
}

func errTexts(errs []error) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = fmt.Sprint(e)
	}
	return out
}

type callbackSpec struct {
	name string
	// decide returns keepTrying and the replacement's text ("" for none).
	decide func(n int, err error) (bool, string)
}

func TestRetryAttempts(t *testing.T) {
	t.Parallel()
	stopOnB := callbackSpec{"stop on b", func(n int, err error) (bool, string) { return err.Error() != "b", "" }}
	replace := callbackSpec{"replace", func(n int, err error) (bool, string) {
		return n < 3, fmt.Sprintf("replaced %d: %v", n, err)
	}}
	replaceFirstOnly := callbackSpec{"replace first", func(n int, err error) (bool, string) {
		if n == 1 {
			return true, "first replaced"
		}
		return n < 4, ""
	}}
	never := callbackSpec{"never", func(int, error) (bool, string) { return false, "" }}
	cases := []struct {
		name     string
		outcomes []string
		max      int
		cb       *callbackSpec // RetryWithCallback when set
		nilCB    bool          // RetryWithCallback with a nil Callback
	}{
		{"first succeeds", []string{"ok:x"}, 3, nil, false},
		{"third succeeds", []string{"a", "b", "ok:c"}, 3, nil, false},
		{"gives up before success", []string{"a", "b", "ok:c"}, 2, nil, false},
		{"all fail", []string{"a", "b"}, 5, nil, false},
		{"max one", []string{"a", "ok:b"}, 1, nil, false},
		{"max zero", []string{"a", "ok:b"}, 0, nil, false},
		{"max negative", []string{"a", "ok:b"}, -2, nil, false},
		{"no endpoints", nil, 3, nil, false},
		{"callback stops on b", []string{"a", "a", "b", "ok:c"}, 0, &stopOnB, false},
		{"callback replaces", []string{"a", "b"}, 0, &replace, false},
		{"callback replaces first", []string{"a", "b", "c", "d", "ok:e"}, 0, &replaceFirstOnly, false},
		{"callback never", []string{"a", "ok:b"}, 0, &never, false},
		{"nil callback retries until success", []string{"a", "b", "c", "ok:d"}, 0, nil, true},
		{"callback with no endpoints", nil, 0, &replace, false},
	}
	run := func(tc int, kit bool) retryResult {
		c := cases[tc]
		var (
			res   retryResult
			calls atomic.Int64
			cbMu  sync.Mutex
		)
		cb := func(n int, err error) (bool, error) {
			cbMu.Lock()
			res.Callbacks = append(res.Callbacks, fmt.Sprintf("%d:%v", n, err))
			cbMu.Unlock()
			if c.cb == nil {
				return n < c.max, nil
			}
			keep, repl := c.cb.decide(n, err)
			if repl == "" {
				return keep, nil
			}
			return keep, errors.New(repl)
		}
		var call endpointFunc
		if kit {
			b := kitlb.NewRoundRobin(kitsd.FixedEndpointer(outcomes[kitendpoint.Endpoint](c.outcomes, &calls)))
			switch {
			case c.nilCB:
				call = kitlb.RetryWithCallback(time.Minute, b, nil)
			case c.cb != nil:
				call = kitlb.RetryWithCallback(time.Minute, b, cb)
			default:
				call = kitlb.Retry(c.max, time.Minute, b)
			}
		} else {
			b := gokitlb.NewRoundRobin(gokitsd.FixedEndpointer(outcomes[gokitendpoint.Endpoint](c.outcomes, &calls)))
			switch {
			case c.nilCB:
				call = gokitlb.RetryWithCallback(time.Minute, b, nil)
			case c.cb != nil:
				call = gokitlb.RetryWithCallback(time.Minute, b, cb)
			default:
				call = gokitlb.Retry(c.max, time.Minute, b)
			}
		}
		resp, err := call(context.Background(), "req")
		res.Resp, res.Calls = resp, calls.Load()
		if err != nil {
			res.Err = err.Error()
		}
		// Each library's own RetryError type.
		var kre kitlb.RetryError
		var gre gokitlb.RetryError
		switch {
		case errors.As(err, &kre):
			res.Raw, res.Final = errTexts(kre.RawErrors), fmt.Sprint(kre.Final)
		case errors.As(err, &gre):
			res.Raw, res.Final = errTexts(gre.RawErrors), fmt.Sprint(gre.Final)
		case err != nil:
			res.Final = "not a RetryError: " + err.Error()
		}
		return res
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k, g := run(i, true), run(i, false)
			same(t, "retry", k, g)
		})
	}
}

// TestRetryErrorUnwraps pins a documented difference: kit's RetryError
// unwraps to every attempt's error, Go kit's does not.
func TestRetryErrorUnwraps(t *testing.T) {
	t.Parallel()
	sentinel := errors.New("sentinel")
	fail := func(context.Context, any) (any, error) { return nil, sentinel }
	_, kerr := kitlb.Retry(2, time.Minute, kitlb.NewRoundRobin(kitsd.FixedEndpointer{fail}))(context.Background(), nil)
	_, gerr := gokitlb.Retry(2, time.Minute, gokitlb.NewRoundRobin(gokitsd.FixedEndpointer{fail}))(context.Background(), nil)
	same(t, "text", kerr.Error(), gerr.Error())
	if !errors.Is(kerr, sentinel) {
		t.Errorf("kit: errors.Is(%v, sentinel) = false", kerr)
	}
	if errors.Is(gerr, sentinel) {
		t.Error("gokit: RetryError unwraps: the documented difference is gone")
	}
}

// TestRetryTimeout: an endpoint that honours its context and never answers
// ends both calls with the context's error, not a RetryError.
func TestRetryTimeout(t *testing.T) {
	t.Parallel()
	block := func(ctx context.Context, _ any) (any, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	// A large max, so that Go kit's select (which may see the attempt's
	// error and the deadline at once) cannot run out of attempts first.
	const max = 1000
	_, kerr := kitlb.Retry(max, 20*time.Millisecond, kitlb.NewRoundRobin(kitsd.FixedEndpointer{block}))(context.Background(), nil)
	_, gerr := gokitlb.Retry(max, 20*time.Millisecond, gokitlb.NewRoundRobin(gokitsd.FixedEndpointer{block}))(context.Background(), nil)
	same(t, "timeout error", fmt.Sprint(kerr), fmt.Sprint(gerr))
	if !errors.Is(kerr, context.DeadlineExceeded) || !errors.Is(gerr, context.DeadlineExceeded) {
		t.Errorf("kit %v, gokit %v: want context.DeadlineExceeded", kerr, gerr)
	}
}

func goroutineID() string {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	return string(b[:bytes.IndexByte(b, ' ')])
}

// TestRetryGoroutine pins a documented difference: kit runs the attempts
// on the caller's goroutine and waits for an endpoint that ignores its
// context; Go kit runs each attempt on a new goroutine and abandons it when
// the timeout passes.
func TestRetryGoroutine(t *testing.T) {
	t.Parallel()
	type run struct {
		resp any
		err  error
	}
	for _, kit := range []bool{true, false} {
		name := map[bool]string{true: "kit", false: "gokit"}[kit]
		var (
			attemptGoroutine = make(chan string, 1)
			timedOut         = make(chan struct{})
			release          = make(chan struct{})
			finished         = make(chan struct{})
			result           = make(chan run, 1)
		)
		stubborn := func(ctx context.Context, _ any) (any, error) {
			defer close(finished)
			attemptGoroutine <- goroutineID()
			<-ctx.Done() // the Retry timeout has passed...
			close(timedOut)
			<-release // ...and the endpoint keeps going regardless
			return "late", nil
		}
		var call endpointFunc
		if kit {
			call = kitlb.Retry(1, 10*time.Millisecond, kitlb.NewRoundRobin(kitsd.FixedEndpointer{stubborn}))
		} else {
			call = gokitlb.Retry(1, 10*time.Millisecond, gokitlb.NewRoundRobin(gokitsd.FixedEndpointer{stubborn}))
		}
		callerGoroutine := make(chan string, 1)
		go func() {
			callerGoroutine <- goroutineID()
			resp, err := call(context.Background(), nil)
			result <- run{resp, err}
		}()
		caller, attempt := <-callerGoroutine, <-attemptGoroutine
		<-timedOut
		if kit {
			// kit is still waiting for the attempt: release it, and
			// the late answer is the result.
			close(release)
			r := <-result
			<-finished
			if caller != attempt {
				t.Errorf("kit: attempt on goroutine %s, caller on %s", attempt, caller)
			}
			if r.resp != "late" || r.err != nil {
				t.Errorf("kit: %v, %v; want the late answer", r.resp, r.err)
			}
			continue
		}
		// Go kit returns at the timeout with the attempt still running.
		r := <-result
		close(release)
		<-finished
		if caller == attempt {
			t.Errorf("%s: attempt on the caller's goroutine: the documented difference is gone", name)
		}
		if !errors.Is(r.err, context.DeadlineExceeded) {
			t.Errorf("%s: %v, %v; want context.DeadlineExceeded", name, r.resp, r.err)
		}
	}
}
