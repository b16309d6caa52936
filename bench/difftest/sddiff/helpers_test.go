package sddiff_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"
)

func testContext(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func same(t *testing.T, what string, kit, gokit any) {
	t.Helper()
	if !reflect.DeepEqual(kit, gokit) {
		t.Errorf("%s differs:\n  kit:   %#v\n  gokit: %#v", what, kit, gokit)
	}
}

// endpointFunc is the underlying type of both libraries' endpoint.Endpoint.
type endpointFunc = func(context.Context, any) (any, error)

// recorder is a concurrency-safe list of strings; as a logger it satisfies
// both libraries' log.Logger.
type recorder struct {
	mu   sync.Mutex
	list []string
}

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.list = append(r.list, fmt.Sprintf(format, args...))
}

func (r *recorder) Log(keyvals ...any) error {
	r.add("%v", keyvals)
	return nil
}

// take returns the list and empties it.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := r.list
	r.list = nil
	return l
}

// distinct returns the sorted distinct strings of l.
func distinct(l []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range l {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
