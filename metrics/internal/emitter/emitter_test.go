package emitter_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/metrics/internal/emitter"
	"github.com/seedkit/kit/metrics/internal/emitter/emittertest"
	"github.com/seedkit/kit/metrics/internal/lv"
)

func TestSetFlush(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kind emitter.Kind
		ops  func(st *emitter.Set)
		want []emitter.Point
	}{
		{"sum", emitter.Sum, func(st *emitter.Set) {
			s := st.Series("a", nil)
			s.Add(1)
			s.Add(2)
		}, []emitter.Point{{Name: "a", N: 2, Value: 3}}},
		{"last set then add", emitter.Last, func(st *emitter.Set) {
			s := st.Series("g", nil)
			s.Set(10)
			s.Add(-3)
		}, []emitter.Point{{Name: "g", N: 2, Value: 7}}},
		{"samples", emitter.Samples, func(st *emitter.Set) {
			s := st.Series("t", lv.LabelValues{"k", "v"})
			s.Add(1)
			s.Add(5)
		}, []emitter.Point{{Name: "t", LVs: lv.LabelValues{"k", "v"}, N: 2, Obs: []float64{1, 5}}}},
		{"order by name then labels; pair order is one series", emitter.Sum, func(st *emitter.Set) {
			st.Series("b", nil).Add(1)
			st.Series("a", lv.LabelValues{"x", "2"}).Add(1)
			st.Series("a", lv.LabelValues{"x", "1", "y", "1"}).Add(1)
			st.Series("a", lv.LabelValues{"y", "1", "x", "1"}).Add(1)
		}, []emitter.Point{
			{Name: "a", LVs: lv.LabelValues{"x", "1", "y", "1"}, N: 2, Value: 2},
			{Name: "a", LVs: lv.LabelValues{"x", "2"}, N: 1, Value: 1},
			{Name: "b", N: 1, Value: 1},
		}},
		{"odd labels padded", emitter.Sum, func(st *emitter.Set) {
			st.Series("a", lv.LabelValues{"x"}).Add(1)
			st.Series("a", lv.LabelValues{"x", "unknown"}).Add(1)
		}, []emitter.Point{{Name: "a", LVs: lv.LabelValues{"x", "unknown"}, N: 2, Value: 2}}},
		{"untouched series not reported", emitter.Sum, func(st *emitter.Set) {
			st.Series("a", nil)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := emitter.NewSet(tt.kind, false)
			tt.ops(st)
			got := st.Flush()
			if !equalPoints(got, tt.want) {
				t.Fatalf("Flush = %+v, want %+v", got, tt.want)
			}
			if again := st.Flush(); len(again) != 0 {
				t.Fatalf("second Flush = %+v, want nothing", again)
			}
		})
	}
}

func equalPoints(a, b []emitter.Point) bool {
	return slices.EqualFunc(a, b, func(x, y emitter.Point) bool {
		return x.Name == y.Name && slices.Equal(x.LVs, y.LVs) && x.N == y.N &&
			x.Value == y.Value && slices.Equal(x.Obs, y.Obs)
	})
}

func TestSetSumRestartsGaugeKeeps(t *testing.T) {
	t.Parallel()
	sum := emitter.NewSet(emitter.Sum, false)
	c := sum.Series("c", nil)
	c.Add(5)
	sum.Flush()
	c.Add(1)
	if got := sum.Flush(); len(got) != 1 || got[0].Value != 1 {
		t.Fatalf("counter after flush = %+v, want 1", got)
	}
	last := emitter.NewSet(emitter.Last, true)
	g := last.Series("g", nil)
	g.Set(5)
	last.Flush()
	g.Add(1)
	if got := last.Flush(); len(got) != 1 || got[0].Value != 6 {
		t.Fatalf("gauge after flush = %+v, want 6", got)
	}
}

func TestSetConcurrent(t *testing.T) {
	t.Parallel()
	st := emitter.NewSet(emitter.Sum, false)
	const workers, each = 8, 1000
	var total float64
	stop := make(chan struct{})
	flushed := make(chan struct{})
	go func() { // flushes while the workers add
		defer close(flushed)
		for {
			for _, p := range st.Flush() {
				total += p.Value
			}
			select {
			case <-stop:
				return
			default:
				runtime.Gosched()
			}
		}
	}()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			s := st.Series("c", lv.LabelValues{"w", string(rune('a' + w%2))})
			for range each {
				s.Add(1)
			}
		})
	}
	wg.Wait()
	close(stop)
	<-flushed
	for _, p := range st.Flush() {
		total += p.Value
	}
	if total != workers*each {
		t.Fatalf("flushed %v in all, want %d", total, workers*each)
	}
}

func TestWeakSeriesReclaimed(t *testing.T) {
	t.Parallel()
	st := emitter.NewSet(emitter.Sum, false)
	for i := range 100 {
		st.Series("c", lv.LabelValues{"id", string(rune('a' + i%26)), "n", strings.Repeat("x", i)}).Add(1)
	}
	if got := len(st.Flush()); got != 100 {
		t.Fatalf("flushed %d series, want 100", got)
	}
	deadline := time.Now().Add(10 * time.Second)
	for st.Len() > 0 && time.Now().Before(deadline) {
		runtime.GC()
		runtime.Gosched()
	}
	if n := st.Len(); n > 0 {
		t.Fatalf("%d flushed, unreferenced series still tracked", n)
	}
}

func TestWeakSeriesKeptWhileUnflushed(t *testing.T) {
	t.Parallel()
	st := emitter.NewSet(emitter.Sum, false)
	st.Series("c", nil).Add(2) // nobody keeps the series
	runtime.GC()
	runtime.GC()
	if got := st.Flush(); len(got) != 1 || got[0].Value != 2 {
		t.Fatalf("Flush = %+v, want the unflushed value 2", got)
	}
}

func TestStrongSetKeepsSeries(t *testing.T) {
	t.Parallel()
	st := emitter.NewSet(emitter.Last, true)
	st.Series("g", nil).Set(4)
	st.Flush()
	runtime.GC()
	st.Series("g", nil).Add(1)
	if got := st.Flush(); len(got) != 1 || got[0].Value != 5 {
		t.Fatalf("Flush = %+v, want 5", got)
	}
}

func TestKeepRootsSet(t *testing.T) {
	t.Parallel()
	st := emitter.NewSetKeepRoots(emitter.Last)
	st.Series("g", nil).Set(4)
	for i := range 100 {
		st.Series("g", lv.LabelValues{"id", strings.Repeat("x", i)}).Set(1)
	}
	if got := len(st.Flush()); got != 101 {
		t.Fatalf("flushed %d series, want 101", got)
	}
	deadline := time.Now().Add(10 * time.Second)
	for st.Len() > 1 && time.Now().Before(deadline) {
		runtime.GC()
		runtime.Gosched()
	}
	if n := st.Len(); n != 1 {
		t.Fatalf("%d series tracked, want only the unlabelled one", n)
	}
	st.Series("g", nil).Add(1) // the unlabelled series kept its value
	if got := st.Flush(); len(got) != 1 || got[0].Value != 5 {
		t.Fatalf("Flush = %+v, want 5", got)
	}
}

type recorder struct {
	writes [][]byte
	failAt int // fail the write with this index (1-based); 0 never
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.failAt > 0 && len(r.writes)+1 == r.failAt {
		r.writes = append(r.writes, nil)
		return 0, errors.New("boom")
	}
	r.writes = append(r.writes, bytes.Clone(p))
	return len(p), nil
}

func TestPacker(t *testing.T) {
	t.Parallel()
	lines := []string{"aaaa", "bbbb", "cccc", strings.Repeat("d", 20), "e"}
	tests := []struct {
		name   string
		mtu    int
		failAt int
		want   []string
		err    bool
		lines  int
	}{
		{"one write per line", 0, 0, []string{"aaaa\n", "bbbb\n", "cccc\n", strings.Repeat("d", 20) + "\n", "e\n"}, false, 5},
		{"batched", 10, 0, []string{"aaaa\nbbbb\n", "cccc\n", strings.Repeat("d", 20) + "\n", "e\n"}, false, 5},
		{"all in one", 1000, 0, []string{"aaaa\nbbbb\ncccc\n" + strings.Repeat("d", 20) + "\ne\n"}, false, 5},
		{"stops at first error", 10, 2, []string{"aaaa\nbbbb\n", ""}, true, 2},
		{"first write fails", 0, 1, []string{""}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := &recorder{failAt: tt.failAt}
			p := emitter.NewPacker(r, tt.mtu)
			for _, l := range lines {
				b := p.Line()
				b = append(b, l...)
				p.End(b)
			}
			n, err := p.Flush()
			if (err != nil) != tt.err {
				t.Fatalf("err = %v, want error %v", err, tt.err)
			}
			var got []string
			var total int64
			for _, w := range r.writes {
				got = append(got, string(w))
				total += int64(len(w))
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("writes %q, want %q", got, tt.want)
			}
			if n != total {
				t.Fatalf("count %d, want %d", n, total)
			}
			if got := p.Lines(); got != tt.lines {
				t.Fatalf("Lines() = %d, want %d", got, tt.lines)
			}
		})
	}
}

func TestPackerNilWriter(t *testing.T) {
	t.Parallel()
	p := emitter.NewPacker(nil, 10)
	p.End(append(p.Line(), "x"...))
	if _, err := p.Flush(); err == nil {
		t.Fatal("Flush to a nil writer succeeded")
	}
}

// fakeConn is a net.Conn whose Write records into buf until broken.
type fakeConn struct {
	net.Conn // nil: only Write and Close are used
	buf      *bytes.Buffer
	broken   *bool
}

func (f fakeConn) Write(p []byte) (int, error) {
	if *f.broken {
		return 0, errors.New("broken pipe")
	}
	return f.buf.Write(p)
}

func (f fakeConn) Close() error { return nil }

func (f fakeConn) SetWriteDeadline(time.Time) error { return nil }

func TestConnBackoffAndRedial(t *testing.T) {
	t.Parallel()
	now := time.Unix(0, 0)
	dials := 0
	fail, broken := true, false
	var got bytes.Buffer
	c := emitter.NewConn(context.Background(), "tcp", "example:1")
	c.Now = func() time.Time { return now }
	c.Dial = func(_ context.Context, network, address string) (net.Conn, error) {
		dials++
		if fail {
			return nil, errors.New("refused")
		}
		return fakeConn{buf: &got, broken: &broken}, nil
	}
	if _, err := c.Write([]byte("x")); err == nil || errors.Is(err, emitter.ErrUnavailable) {
		t.Fatalf("first write: %v, want the dial error", err)
	}
	if _, err := c.Write([]byte("x")); !errors.Is(err, emitter.ErrUnavailable) {
		t.Fatalf("write during backoff: %v, want ErrUnavailable", err)
	}
	if dials != 1 {
		t.Fatalf("%d dials during backoff, want 1", dials)
	}
	now = now.Add(time.Minute)
	fail = false
	if _, err := c.Write([]byte("hi")); err != nil {
		t.Fatalf("write after backoff: %v", err)
	}
	broken = true
	if _, err := c.Write([]byte("x")); err == nil {
		t.Fatal("write to a broken connection succeeded")
	}
	broken = false
	if _, err := c.Write([]byte("ho")); err != nil { // redials at once
		t.Fatalf("write after a failed write: %v", err)
	}
	if dials != 3 || got.String() != "hiho" {
		t.Fatalf("%d dials, received %q; want 3 and hiho", dials, got.String())
	}
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := c.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("write after Close: %v", err)
	}
}

// TestConnDialHonoursContext is a regression test: a dial to a receiver
// that drops connection attempts used to block Write (and so SendLoop) for
// minutes, whatever became of the loop's context.
func TestConnDialHonoursContext(t *testing.T) {
	t.Parallel()
	addr := emittertest.Blackhole(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := emitter.NewConn(ctx, "tcp", addr)
	defer c.Close()
	done := make(chan error, 1)
	go func() {
		_, err := c.Write([]byte("x 1 1\n"))
		done <- err
	}()
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	emittertest.WaitDialing(wctx, t, addr)
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Write to a blackhole succeeded")
		}
	case <-time.After(emitter.DialTimeout / 2):
		t.Fatal("Write still dialling after its context was cancelled")
	}
	if _, err := c.Write([]byte("x")); !errors.Is(err, context.Canceled) {
		t.Fatalf("Write after cancel: %v, want context.Canceled", err)
	}
}

// TestConnWriteHonoursContext: a write to a receiver that stops reading is
// abandoned when the context is done.
func TestConnWriteHonoursContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client, server := net.Pipe() // nobody reads server: writes block
	defer server.Close()
	c := emitter.NewConn(ctx, "tcp", "example:1")
	c.Dial = func(context.Context, string, string) (net.Conn, error) { return client, nil }
	defer c.Close()
	done := make(chan error, 1)
	go func() {
		_, err := c.Write([]byte("x 1 1\n"))
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Write to a peer that never reads succeeded")
		}
	case <-time.After(emitter.WriteTimeout / 2):
		t.Fatal("Write still blocked after its context was cancelled")
	}
}
