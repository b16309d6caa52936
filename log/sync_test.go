package log_test

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/seedkit/kit/log"
)

func TestSwapLogger(t *testing.T) {
	t.Parallel()
	var sl log.SwapLogger
	if err := sl.Log("k", "v"); err != nil {
		t.Fatalf("zero value: %v", err)
	}
	var r1, r2 recorder
	sl.Swap(&r1)
	_ = sl.Log("a", 1)
	sl.Swap(&r2)
	_ = sl.Log("b", 2)
	if !slices.Equal(r1.last(), []any{"a", 1}) || !slices.Equal(r2.last(), []any{"b", 2}) || len(r1.events) != 1 {
		t.Errorf("r1 %v, r2 %v", r1.events, r2.events)
	}
	sl.Swap(nil)
	if err := sl.Log("c", 3); err != nil || len(r2.events) != 1 {
		t.Errorf("after Swap(nil): %v, %v", err, r2.events)
	}
}

func TestSwapLoggerConcurrent(t *testing.T) {
	t.Parallel()
	var sl log.SwapLogger
	var buf bytes.Buffer
	w := log.NewSyncWriter(&buf)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for range 100 {
				_ = sl.Log("g", i)
				sl.Swap(log.NewLogfmtLogger(w))
			}
		})
	}
	wg.Wait()
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if !strings.HasPrefix(line, "g=") {
			t.Fatalf("bad line %q", line)
		}
	}
}

func TestSyncLogger(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer // not safe for concurrent use on its own
	l := log.NewSyncLogger(log.NewLogfmtLogger(&buf))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 100 {
				_ = l.Log("i", i, "j", j)
			}
		})
	}
	wg.Wait()
	if n := strings.Count(buf.String(), "\n"); n != 800 {
		t.Errorf("%d lines", n)
	}
}

func TestSyncWriterKeepsFd(t *testing.T) {
	t.Parallel()
	type fder interface{ Fd() uintptr }
	w, ok := log.NewSyncWriter(os.Stderr).(fder)
	if !ok || w.Fd() != os.Stderr.Fd() {
		t.Errorf("the *os.File's Fd method was lost")
	}
	if _, ok := log.NewSyncWriter(&bytes.Buffer{}).(fder); ok {
		t.Errorf("a writer without Fd gained one")
	}
}
