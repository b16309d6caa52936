package backoff_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/seedkit/kit/internal/leakcheck"
	"github.com/seedkit/kit/sd/internal/backoff"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

func TestJitterBounds(t *testing.T) {
	t.Parallel()
	for _, d := range []time.Duration{0, 1, 2, 3, time.Millisecond, time.Second} {
		for range 100 {
			if j := backoff.Jitter(d); j < d/2 || j > d {
				t.Fatalf("Jitter(%v) = %v, outside [d/2, d]", d, j)
			}
		}
	}
}

func TestExponential(t *testing.T) {
	t.Parallel()
	b := backoff.New(10*time.Millisecond, 40*time.Millisecond)
	for i, ceil := range []time.Duration{10, 20, 40, 40} {
		ceil *= time.Millisecond
		if d := b.Next(); d < ceil/2 || d > ceil {
			t.Fatalf("step %d: %v, want within [%v, %v]", i, d, ceil/2, ceil)
		}
	}
	b.Reset()
	if d := b.Next(); d > 10*time.Millisecond {
		t.Fatalf("after Reset: %v, want at most 10ms", d)
	}
}

func TestSleepEndsWithContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := backoff.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("Sleep = %v, want context.Canceled", err)
	}
	if err := backoff.Sleep(context.Background(), time.Millisecond); err != nil {
		t.Fatalf("Sleep = %v", err)
	}
}
