package log_test

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/seedkit/kit/log"
)

// recorder is a Logger that keeps a copy of every event.
type recorder struct {
	mu     sync.Mutex
	events [][]any
}

func (r *recorder) Log(keyvals ...any) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, slices.Clone(keyvals))
	return nil
}

func (r *recorder) last() []any {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.events) == 0 {
		return nil
	}
	return r.events[len(r.events)-1]
}

func TestContexts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		build func(log.Logger) log.Logger
		call  []any
		want  []any
	}{
		{"no context", func(l log.Logger) log.Logger { return l }, []any{"a", 1}, []any{"a", 1}},
		{"with", func(l log.Logger) log.Logger { return log.With(l, "a", 1) }, []any{"b", 2}, []any{"a", 1, "b", 2}},
		{"with twice", func(l log.Logger) log.Logger { return log.With(log.With(l, "a", 1), "b", 2) }, []any{"c", 3},
			[]any{"a", 1, "b", 2, "c", 3}},
		{"prefix", func(l log.Logger) log.Logger { return log.WithPrefix(log.With(l, "a", 1), "p", 0) }, []any{"c", 3},
			[]any{"p", 0, "a", 1, "c", 3}},
		{"suffix", func(l log.Logger) log.Logger { return log.WithSuffix(l, "s", 9) }, []any{"c", 3}, []any{"c", 3, "s", 9}},
		{"suffix twice", func(l log.Logger) log.Logger { return log.WithSuffix(log.WithSuffix(l, "s1", 1), "s2", 2) },
			[]any{"c", 3}, []any{"c", 3, "s1", 1, "s2", 2}},
		{"all", func(l log.Logger) log.Logger {
			return log.WithSuffix(log.WithPrefix(log.With(l, "w", 1), "p", 2), "s", 3)
		}, []any{"c", 4}, []any{"p", 2, "w", 1, "c", 4, "s", 3}},
		{"odd with", func(l log.Logger) log.Logger { return log.With(l, "a") }, []any{"b", 2},
			[]any{"a", log.ErrMissingValue, "b", 2}},
		{"odd prefix", func(l log.Logger) log.Logger { return log.WithPrefix(log.With(l, "w", 1), "a") }, nil,
			[]any{"a", log.ErrMissingValue, "w", 1}},
		{"odd suffix", func(l log.Logger) log.Logger { return log.WithSuffix(l, "s") }, []any{"b", 2},
			[]any{"b", 2, "s", log.ErrMissingValue}},
		{"odd call", func(l log.Logger) log.Logger { return log.WithSuffix(log.With(l, "w", 1), "s", 2) }, []any{"b"},
			[]any{"w", 1, "b", log.ErrMissingValue, "s", 2}},
		{"empty with", func(l log.Logger) log.Logger { return log.With(l) }, []any{"b", 2}, []any{"b", 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var r recorder
			if err := tt.build(&r).Log(tt.call...); err != nil {
				t.Fatal(err)
			}
			if got := r.last(); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEmptyContextReturnsLogger(t *testing.T) {
	t.Parallel()
	var r recorder
	for _, f := range []func(log.Logger, ...any) log.Logger{log.With, log.WithPrefix, log.WithSuffix} {
		if got := f(&r); got != log.Logger(&r) {
			t.Errorf("got %v, want the logger itself", got)
		}
	}
}

func TestValuersAreBoundPerEvent(t *testing.T) {
	t.Parallel()
	var r recorder
	n := 0
	count := log.Valuer(func() any { n++; return n })
	l := log.WithSuffix(log.With(&r, "n", count), "m", count)
	for want := 1; want <= 5; want += 2 {
		if err := l.Log(); err != nil {
			t.Fatal(err)
		}
		if got := r.last(); !slices.Equal(got, []any{"n", want, "m", want + 1}) {
			t.Fatalf("got %v", got)
		}
	}
	// A Valuer passed to Log itself is not evaluated.
	if err := l.Log("v", count); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.last()[3].(log.Valuer); !ok {
		t.Errorf("a Valuer given to Log was evaluated: %v", r.last())
	}
	// Keys are never evaluated.
	if err := log.With(&r, count, 1).Log(); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.last()[0].(log.Valuer); !ok {
		t.Errorf("a Valuer in key position was evaluated: %v", r.last())
	}
}

func TestContextDoesNotShareKeyvals(t *testing.T) {
	t.Parallel()
	base := log.With(log.LoggerFunc(func(kv ...any) error {
		for i := range kv {
			kv[i] = nil // a misbehaving logger must not damage the context
		}
		return nil
	}), "a", 1)
	ctx := log.With(base, "b", 2)
	var r recorder
	// Deriving two contexts from the same parent must not make them share
	// storage.
	c1 := log.With(log.With(&r, "a", 1), "x", 1)
	parent := log.With(&r, "a", 1)
	c2, c3 := log.With(parent, "y", 2), log.With(parent, "z", 3)
	for range 3 {
		if err := ctx.Log("c", 3); err != nil {
			t.Fatal(err)
		}
	}
	if err := c1.Log(); err != nil {
		t.Fatal(err)
	}
	_ = c2.Log()
	if got := r.last(); !slices.Equal(got, []any{"a", 1, "y", 2}) {
		t.Errorf("got %v", got)
	}
	_ = c3.Log()
	if got := r.last(); !slices.Equal(got, []any{"a", 1, "z", 3}) {
		t.Errorf("got %v", got)
	}
}

func TestContextConcurrent(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := log.With(log.NewLogfmtLogger(log.NewSyncWriter(&buf)), "ts", log.DefaultTimestamp, "caller", log.DefaultCaller)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			lg := log.With(l, "g", g)
			for i := range 50 {
				_ = lg.Log("i", i)
				_ = log.WithSuffix(lg, "s", i).Log()
			}
		})
	}
	wg.Wait()
	if got := strings.Count(buf.String(), "\n"); got != 8*100 {
		t.Errorf("got %d lines, want %d", got, 800)
	}
}

func TestDefaultCaller(t *testing.T) {
	t.Parallel()
	var r recorder
	check := func(t *testing.T, want int) {
		t.Helper()
		got := r.last()
		var caller any
		for i := 0; i+1 < len(got); i += 2 {
			if got[i] == "caller" {
				caller = got[i+1]
			}
		}
		if w := fmt.Sprintf("log_test.go:%d", want); caller != w {
			t.Errorf("caller = %v, want %s", caller, w)
		}
	}
	_, _, line, _ := runtime.Caller(0)
	_ = log.With(&r, "caller", log.DefaultCaller).Log("msg", "x")
	check(t, line+1)

	l := log.WithPrefix(log.With(&r, "a", 1), "caller", log.DefaultCaller)
	_, _, line, _ = runtime.Caller(0)
	_ = log.With(l, "b", 2).Log()
	check(t, line+1)

	_, _, line, _ = runtime.Caller(0)
	_ = log.WithSuffix(&r, "caller", log.DefaultCaller).Log("odd")
	check(t, line+1)

	// Caller(0) is the Valuer itself, which lives in value.go.
	_ = log.With(&r, "caller", log.Caller(0)).Log()
	if got := r.last()[1]; !strings.HasPrefix(got.(string), "value.go:") {
		t.Errorf("Caller(0) = %v", got)
	}
}
