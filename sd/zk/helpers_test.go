package zk_test

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	stdzk "github.com/go-zookeeper/zk"

	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/sd/zk"
)

var seq atomic.Int64

// uniquePath returns a node path no other test (of any package) uses.
func uniquePath(t testing.TB) string {
	name := strings.NewReplacer("/", "_", "#", "_").Replace(t.Name())
	return fmt.Sprintf("/kit-test/zk/%s-%d-%d", name, os.Getpid(), seq.Add(1))
}

// zkAddr returns ZK_ADDR or skips the test.
func zkAddr(t testing.TB) string {
	t.Helper()
	addr := integration.Addr(t, "ZK_ADDR")
	return addr
}

// newClient connects to addr and stops the client at the end of the test.
func newClient(t testing.TB, addr string, opts ...zk.Option) zk.Client {
	t.Helper()
	c, err := zk.NewClient([]string{addr}, nil, opts...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(c.Stop)
	return c
}

// rawConn is a plain go-zookeeper connection for checking the server's
// state; removeTree deletes a test's nodes at the end.
func rawConn(t testing.TB, addr string) *stdzk.Conn {
	t.Helper()
	conn, events, err := stdzk.Connect([]string{addr}, 5e9, stdzk.WithLogInfo(false), stdzk.WithLogger(discard{}))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range events {
		}
	}()
	t.Cleanup(func() {
		conn.Close()
		<-done
	})
	return conn
}

type discard struct{}

func (discard) Printf(string, ...any) {}

// removeTree deletes path and everything below it.
func removeTree(conn *stdzk.Conn, path string) {
	children, _, err := conn.Children(path)
	if err == nil {
		for _, c := range children {
			removeTree(conn, path+"/"+c)
		}
	}
	_ = conn.Delete(path, -1)
}

// cleanupTree creates path with the open ACL (so that the nodes above it
// never get a test's restrictive ACL) and deletes it at the end of the test,
// with the digest credentials given (user:pass), if any.
func cleanupTree(t testing.TB, addr, path string, digest ...string) {
	t.Helper()
	conn := rawConn(t, addr)
	for _, d := range digest {
		if err := conn.AddAuth("digest", []byte(d)); err != nil {
			t.Fatal(err)
		}
	}
	parts := strings.Split(path[1:], "/")
	for i := range parts {
		p := "/" + strings.Join(parts[:i+1], "/")
		if _, err := conn.Create(p, nil, 0, stdzk.WorldACL(stdzk.PermAll)); err != nil && !errors.Is(err, stdzk.ErrNodeExists) {
			t.Fatalf("create %s: %v", p, err)
		}
	}
	t.Cleanup(func() { removeTree(conn, path) })
}

// proxy is a TCP proxy the test can cut: while paused, it drops every
// connection and closes new ones at once, as a network partition would.
type proxy struct {
	ln     net.Listener
	target string

	mu     sync.Mutex
	paused bool
	conns  map[net.Conn]struct{}
	wg     sync.WaitGroup
}

func startProxy(t testing.TB, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(p.close)
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) serve() {
	defer p.wg.Done()
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.paused {
			p.mu.Unlock()
			in.Close()
			continue
		}
		out, err := net.Dial("tcp", p.target)
		if err != nil {
			p.mu.Unlock()
			in.Close()
			continue
		}
		p.conns[in] = struct{}{}
		p.conns[out] = struct{}{}
		p.wg.Add(2)
		p.mu.Unlock()
		go p.pipe(in, out)
		go p.pipe(out, in)
	}
}

func (p *proxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
	p.mu.Lock()
	delete(p.conns, dst)
	delete(p.conns, src)
	p.mu.Unlock()
}

func (p *proxy) pause() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.paused = true
	for c := range p.conns {
		c.Close()
	}
}

func (p *proxy) resume() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.paused = false
}

func (p *proxy) close() {
	p.ln.Close()
	p.pause()
	p.wg.Wait()
}
