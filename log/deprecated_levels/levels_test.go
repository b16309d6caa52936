package levels_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/seedkit/kit/log"
	levels "github.com/seedkit/kit/log/deprecated_levels"
)

// recorder is a logger that keeps the events it receives, formatted.
type recorder struct {
	mu     sync.Mutex
	events []string
}

func (r *recorder) Log(keyvals ...any) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, strings.TrimSuffix(fmt.Sprintln(keyvals...), "\n"))
	return nil
}

func (r *recorder) last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.events) == 0 {
		return ""
	}
	return r.events[len(r.events)-1]
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	var r recorder
	l := levels.New(&r)
	tests := []struct {
		logger log.Logger
		want   string
	}{
		{l.Debug(), "level debug a 1"},
		{l.Info(), "level info a 1"},
		{l.Warn(), "level warn a 1"},
		{l.Error(), "level error a 1"},
		{l.Crit(), "level crit a 1"},
	}
	for _, tt := range tests {
		if err := tt.logger.Log("a", 1); err != nil {
			t.Fatal(err)
		}
		if got := r.last(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	var r recorder
	l := levels.New(&r,
		levels.Key("severity"),
		levels.DebugValue("D"), levels.InfoValue("I"), levels.WarnValue("W"),
		levels.ErrorValue("E"), levels.CritValue("C"),
		nil, // ignored
	)
	for _, tt := range []struct {
		logger log.Logger
		want   string
	}{
		{l.Debug(), "severity D"},
		{l.Info(), "severity I"},
		{l.Warn(), "severity W"},
		{l.Error(), "severity E"},
		{l.Crit(), "severity C"},
	} {
		_ = tt.logger.Log()
		if got := r.last(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestWith(t *testing.T) {
	t.Parallel()
	var r recorder
	base := levels.New(&r)
	l := base.With("svc", "billing").With("odd")
	_ = l.Info().Log("msg", "hi")
	if got, want := r.last(), "level info svc billing odd (MISSING) msg hi"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	_ = base.Info().Log("msg", "hi") // the receiver is unchanged
	if got, want := r.last(), "level info msg hi"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNilAndZero(t *testing.T) {
	t.Parallel()
	if err := levels.New(nil).With("a", 1).Crit().Log("k", "v"); err != nil {
		t.Fatal(err)
	}
	if err := (levels.Levels{}).Info().Log("k", "v"); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrent(t *testing.T) {
	t.Parallel()
	var r recorder
	l := levels.New(&r).With("svc", "x")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				_ = l.Warn().Log("g", g, "i", i)
			}
		})
	}
	wg.Wait()
	if len(r.events) != 400 {
		t.Errorf("got %d events", len(r.events))
	}
}
