package conn_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/util/conn"
)

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// manualAfter is an AfterFunc whose timers the test fires by hand.
type manualAfter struct{ calls chan timer }

type timer struct {
	d    time.Duration
	fire chan time.Time
}

func newManualAfter() *manualAfter { return &manualAfter{calls: make(chan timer, 100)} }

func (a *manualAfter) After(d time.Duration) <-chan time.Time {
	c := make(chan time.Time, 1)
	a.calls <- timer{d, c}
	return c
}

// next returns the next timer the Manager asked for.
func (a *manualAfter) next(ctx context.Context, t *testing.T) timer {
	t.Helper()
	select {
	case tm := <-a.calls:
		return tm
	case <-ctx.Done():
		t.Fatal("the Manager never scheduled a dial")
		return timer{}
	}
}

// recordingLogger keeps the values logged under "err".
type recordingLogger struct {
	mu   sync.Mutex
	errs []string
}

func (l *recordingLogger) Log(keyvals ...any) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := 0; i+1 < len(keyvals); i += 2 {
		if keyvals[i] == "err" {
			if err, ok := keyvals[i+1].(error); ok {
				l.errs = append(l.errs, err.Error())
			}
		}
	}
	return nil
}

func (l *recordingLogger) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.errs)
}

// server is a TCP listener on loopback that hands its accepted
// connections to the test.
type server struct {
	ln    net.Listener
	conns chan net.Conn
	done  chan struct{}
}

func listen(t *testing.T, addr string) *server {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	s := &server{ln: ln, conns: make(chan net.Conn, 10), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.conns <- c
		}
	}()
	t.Cleanup(s.stop)
	return s
}

// stop closes the listener and every accepted connection, with a reset so
// that the client's next writes fail.
func (s *server) stop() {
	s.ln.Close()
	<-s.done
	for {
		select {
		case c := <-s.conns:
			if tc, ok := c.(*net.TCPConn); ok {
				_ = tc.SetLinger(0)
			}
			c.Close()
		default:
			return
		}
	}
}

func (s *server) accept(ctx context.Context, t *testing.T) net.Conn {
	t.Helper()
	select {
	case c := <-s.conns:
		return c
	case <-ctx.Done():
		t.Fatal("no connection arrived")
		return nil
	}
}

// readLine reads one line from c.
func readLine(t *testing.T, c net.Conn) string {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		t.Fatalf("reading: %v", err)
	}
	return line
}

// takeConnected calls Take until the Manager has a connection.
func takeConnected(ctx context.Context, t *testing.T, m *conn.Manager) net.Conn {
	t.Helper()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		if c := m.Take(); c != nil {
			return c
		}
		select {
		case <-ctx.Done():
			t.Fatal("the Manager never connected")
		case <-tick.C:
		}
	}
}

// TestManagerSurvivesServerRestart writes to a real TCP server on loopback
// that goes away and comes back on the same address.
func TestManagerSurvivesServerRestart(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := listen(t, "127.0.0.1:0")
	addr := srv.ln.Addr().String()
	after := newManualAfter()
	logger := &recordingLogger{}
	m := conn.NewManager(net.Dial, "tcp", addr, after.After, logger)
	defer m.Close()

	if _, err := m.Write([]byte("one\n")); err != nil {
		t.Fatalf("first write: %v", err)
	}
	peer := srv.accept(ctx, t)
	if got := readLine(t, peer); got != "one\n" {
		t.Fatalf("server read %q", got)
	}
	srv.conns <- peer // let stop reset it
	srv.stop()

	// Writes fail once the reset arrives; the Manager then drops the
	// connection and asks to dial again at once.
	for {
		_, err := m.Write([]byte("lost\n"))
		if errors.Is(err, conn.ErrConnectionUnavailable) {
			t.Fatal("the connection was dropped without a write error")
		}
		if err != nil {
			break
		}
		if ctx.Err() != nil {
			t.Fatal("writes to a reset connection kept succeeding")
		}
	}
	if c := m.Take(); c != nil {
		t.Fatal("Take returned a connection after it broke")
	}
	if _, err := m.Write([]byte("x\n")); !errors.Is(err, conn.ErrConnectionUnavailable) {
		t.Fatalf("write while disconnected: got %v, want ErrConnectionUnavailable", err)
	}
	immediate := after.next(ctx, t)
	if logger.count() == 0 { // logged before the redial was scheduled
		t.Error("the write error was not logged")
	}
	if immediate.d != time.Nanosecond {
		t.Errorf("redial after a broken connection: delay %v, want 1ns", immediate.d)
	}
	immediate.fire <- time.Now()

	// The server is down: the dial fails, and the next one is scheduled
	// with backoff.
	backoff := after.next(ctx, t)
	if backoff.d < time.Second || backoff.d >= 3*time.Second {
		t.Errorf("first backoff %v, want in [1s, 3s)", backoff.d)
	}
	if m.Take() != nil {
		t.Error("Take returned a connection while the server is down")
	}

	srv2 := listen(t, addr)
	backoff.fire <- time.Now()
	c := takeConnected(ctx, t, m)
	if _, err := c.Write([]byte("two\n")); err != nil {
		t.Fatal(err)
	}
	m.Put(nil)
	if got := readLine(t, srv2.accept(ctx, t)); got != "two\n" {
		t.Errorf("restarted server read %q", got)
	}
}

func TestManagerBackoff(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	after := newManualAfter()
	errRefused := errors.New("refused")
	m := conn.NewManager(func(string, string) (net.Conn, error) { return nil, errRefused }, "tcp", "unused", after.After, nil)
	defer m.Close()
	prev := time.Second
	for i := 0; i < 20; i++ {
		tm := after.next(ctx, t)
		if tm.d > time.Minute {
			t.Fatalf("attempt %d: backoff %v above a minute", i, tm.d)
		}
		if tm.d < prev && tm.d != time.Minute {
			t.Fatalf("attempt %d: backoff %v shrank from %v", i, tm.d, prev)
		}
		if prev < 20*time.Second && tm.d >= 3*prev {
			t.Fatalf("attempt %d: backoff %v, want below 3 x %v", i, tm.d, prev)
		}
		prev = tm.d
		if m.Take() != nil {
			t.Fatal("Take returned a connection although every dial fails")
		}
		tm.fire <- time.Now()
	}
	if prev != time.Minute {
		t.Errorf("after 20 failures the backoff is %v, want the 1m cap", prev)
	}
}

func TestExponential(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       time.Duration
		min, max time.Duration // result in [min, max]
	}{
		{0, 0, 0},
		{time.Second, time.Second, 3 * time.Second},
		{10 * time.Second, 10 * time.Second, time.Minute},
		{time.Minute, time.Minute, time.Minute},
		{time.Hour, time.Minute, time.Minute},
		{1 << 62, time.Minute, time.Minute},
		{-time.Second, time.Minute, time.Minute},
	}
	for _, tt := range tests {
		for i := 0; i < 100; i++ {
			if got := conn.Exponential(tt.in); got < tt.min || got > tt.max {
				t.Fatalf("Exponential(%v) = %v, want in [%v, %v]", tt.in, got, tt.min, tt.max)
			}
		}
	}
}

func TestManagerClose(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := listen(t, "127.0.0.1:0")
	m := conn.NewDefaultManager("tcp", srv.ln.Addr().String(), nil)
	if c := takeConnected(ctx, t, m); c == nil {
		t.Fatal("no connection")
	}
	m.Put(nil)
	peer := srv.accept(ctx, t)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	// The server sees the connection closed.
	_ = peer.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := peer.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("server read after Close: got %v, want EOF", err)
	}
	peer.Close()
	if c := m.Take(); c != nil {
		t.Error("Take after Close returned a connection")
	}
	m.Put(errors.New("ignored")) // must not block
	if _, err := m.Write([]byte("x")); !errors.Is(err, conn.ErrConnectionUnavailable) {
		t.Errorf("Write after Close: got %v", err)
	}
	if err := m.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestManagerCloseDuringDial closes a Manager whose dial is still in
// progress; the connection that dial returns later is closed, not leaked.
func TestManagerCloseDuringDial(t *testing.T) {
	t.Parallel()
	entered, release := make(chan struct{}), make(chan struct{})
	client, peer := net.Pipe()
	defer peer.Close()
	m := conn.NewManager(func(string, string) (net.Conn, error) {
		close(entered)
		<-release
		return client, nil
	}, "pipe", "", nil, nil)
	<-entered
	taken := make(chan net.Conn)
	go func() { taken <- m.Take() }() // waits for the first dial
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if c := <-taken; c != nil {
		t.Error("a Take waiting for the first dial got a connection after Close")
	}
	close(release)
	_ = peer.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := peer.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("the late connection was not closed: read got %v", err)
	}
}

func TestManagerFirstTakeWaitsForDial(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	client, peer := net.Pipe()
	defer peer.Close()
	m := conn.NewManager(func(string, string) (net.Conn, error) {
		<-release
		return client, nil
	}, "pipe", "", nil, nil)
	defer m.Close()
	taken := make(chan net.Conn, 1)
	go func() { taken <- m.Take() }()
	select {
	case c := <-taken:
		t.Fatalf("Take returned %v before the first dial completed", c)
	default:
	}
	close(release)
	if c := <-taken; c != client {
		t.Errorf("Take: got %v, want the dialled connection", c)
	}
	m.Put(nil)
}

func TestManagerConcurrentWrites(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := listen(t, "127.0.0.1:0")
	m := conn.NewManager(nil, "tcp", srv.ln.Addr().String(), nil, nil)
	defer m.Close()
	takeConnected(ctx, t, m)
	m.Put(nil)
	peer := srv.accept(ctx, t)
	defer peer.Close()
	const writers, lines = 4, 50
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Go(func() {
			for i := 0; i < lines; i++ {
				if _, err := m.Write([]byte("line\n")); err != nil {
					t.Errorf("write: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	_ = peer.SetReadDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(peer)
	for i := 0; i < writers*lines; i++ {
		line, err := r.ReadString('\n')
		if err != nil || strings.TrimSpace(line) != "line" {
			t.Fatalf("line %d: %q, %v", i, line, err)
		}
	}
}
