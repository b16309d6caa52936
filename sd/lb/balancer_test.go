package lb_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/lb"
)

// numbered returns n endpoints, endpoint i answering i.
func numbered(n int) sd.FixedEndpointer {
	eps := make(sd.FixedEndpointer, n)
	for i := range eps {
		eps[i] = func(context.Context, any) (any, error) { return i, nil }
	}
	return eps
}

func pick(t testing.TB, b lb.Balancer) int {
	t.Helper()
	i, err := tryPick(b)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func tryPick(b lb.Balancer) (int, error) {
	e, err := b.Endpoint()
	if err != nil {
		return 0, fmt.Errorf("Endpoint: %w", err)
	}
	resp, _ := e(context.Background(), nil)
	return resp.(int), nil
}

func TestRoundRobinOrder(t *testing.T) {
	t.Parallel()
	b := lb.NewRoundRobin(numbered(3))
	var got []int
	for range 7 {
		got = append(got, pick(t, b))
	}
	if want := []int{0, 1, 2, 0, 1, 2, 0}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestRandomDistribution(t *testing.T) {
	t.Parallel()
	const n, draws = 5, 50000
	counts := make([]int, n)
	b := lb.NewRandom(numbered(n), 42)
	for range draws {
		counts[pick(t, b)]++
	}
	// The sequence is fixed by the seed, so this is not flaky: each share
	// is within 3% of the fair one.
	for i, c := range counts {
		if c < draws/n*97/100 || c > draws/n*103/100 {
			t.Errorf("endpoint %d picked %d times out of %d, want about %d", i, c, draws, draws/n)
		}
	}
}

func TestRandomSeed(t *testing.T) {
	t.Parallel()
	seq := func(seed int64) string {
		b := lb.NewRandom(numbered(10), seed)
		var s []int
		for range 20 {
			s = append(s, pick(t, b))
		}
		return fmt.Sprint(s)
	}
	first, again := seq(7), seq(7)
	if first != again {
		t.Error("the same seed gave different sequences")
	}
	if first == seq(8) {
		t.Error("different seeds gave the same sequence")
	}
}

func TestBalancerErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("discovery down")
	failing := endpointerFunc(func() ([]endpoint.Endpoint, error) { return nil, boom })
	constructors := map[string]func(sd.Endpointer) lb.Balancer{
		"round robin": lb.NewRoundRobin,
		"random":      func(s sd.Endpointer) lb.Balancer { return lb.NewRandom(s, 1) },
	}
	tests := []struct {
		name string
		s    sd.Endpointer
		want error
	}{
		{"no endpoints", sd.FixedEndpointer{}, lb.ErrNoEndpoints},
		{"nil endpointer", nil, lb.ErrNoEndpoints},
		{"endpointer error", failing, boom},
	}
	for cname, newBalancer := range constructors {
		for _, tt := range tests {
			t.Run(cname+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				e, err := newBalancer(tt.s).Endpoint()
				if e != nil || !errors.Is(err, tt.want) {
					t.Fatalf("got %v, %v; want %v", e, err, tt.want)
				}
			})
		}
	}
}

type endpointerFunc func() ([]endpoint.Endpoint, error)

func (f endpointerFunc) Endpoints() ([]endpoint.Endpoint, error) { return f() }

// Run with -race: Go kit's Random shares a *rand.Rand without a lock.
func TestBalancersConcurrent(t *testing.T) {
	t.Parallel()
	const goroutines, picks, n = 8, 1000, 4
	tests := []struct {
		name     string
		b        lb.Balancer
		balanced bool // round robin splits the picks exactly
	}{
		{"round robin", lb.NewRoundRobin(numbered(n)), true},
		{"random", lb.NewRandom(numbered(n), 3), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			counts := make([]int, n)
			var wg sync.WaitGroup
			for range goroutines {
				wg.Go(func() {
					local := make([]int, n)
					for range picks {
						i, err := tryPick(tt.b)
						if err != nil {
							t.Error(err)
							return
						}
						local[i]++
					}
					mu.Lock()
					defer mu.Unlock()
					for i, c := range local {
						counts[i] += c
					}
				})
			}
			wg.Wait()
			for i, c := range counts {
				if tt.balanced && c != goroutines*picks/n {
					t.Errorf("endpoint %d picked %d times, want %d", i, c, goroutines*picks/n)
				}
				if c == 0 {
					t.Errorf("endpoint %d never picked", i)
				}
			}
		})
	}
}

func TestBalancerFunc(t *testing.T) {
	t.Parallel()
	var b lb.Balancer = lb.BalancerFunc(func() (endpoint.Endpoint, error) { return endpoint.Nop, nil })
	if e, err := b.Endpoint(); e == nil || err != nil {
		t.Fatalf("got %v, %v", e, err)
	}
}

func TestPickDoesNotAllocate(t *testing.T) {
	eps := numbered(3)
	for name, b := range map[string]lb.Balancer{"round robin": lb.NewRoundRobin(eps), "random": lb.NewRandom(eps, 1)} {
		if n := testing.AllocsPerRun(100, func() { _, _ = b.Endpoint() }); n != 0 {
			t.Errorf("%s: %v allocations per pick, want 0", name, n)
		}
	}
}
