package etcdv3_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/etcdv3"
)

var seq atomic.Int64

// uniquePrefix returns a key prefix no other test (of any package) uses.
func uniquePrefix(t testing.TB) string {
	return fmt.Sprintf("/kit-test/etcdv3/%s/%d-%d/", strings.ReplaceAll(t.Name(), "/", "_"), os.Getpid(), seq.Add(1))
}

// etcdAddr returns ETCD_ADDR or skips the test.
func etcdAddr(t *testing.T) string {
	t.Helper()
	addr := integration.Addr(t, "ETCD_ADDR")
	return addr
}

// newClient connects to addr and closes the client at the end of the test.
func newClient(t testing.TB, addr string) etcdv3.Client {
	t.Helper()
	c, err := etcdv3.NewClient(context.Background(), []string{addr}, etcdv3.ClientOptions{DialTimeout: 2 * time.Second})
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() { _ = c.(io.Closer).Close() })
	return c
}

// waitFor reads events from ch until one satisfies ok, or fails the test
// after the context's deadline.
func waitFor(ctx context.Context, t *testing.T, ch <-chan sd.Event, what string, ok func(sd.Event) bool) sd.Event {
	t.Helper()
	var last sd.Event
	for {
		select {
		case ev := <-ch:
			if ok(ev) {
				return ev
			}
			last = ev
		case <-ctx.Done():
			t.Fatalf("waiting for %s: last event %+v", what, last)
			return sd.Event{}
		}
	}
}

// instancesAre matches an event without error whose instances equal want.
func instancesAre(want ...string) func(sd.Event) bool {
	return func(ev sd.Event) bool {
		got := slices.Clone(ev.Instances)
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		return ev.Err == nil && slices.Equal(got, w)
	}
}

// subscribe registers a buffered channel with in and deregisters it at the
// end of the test.
func subscribe(t *testing.T, in sd.Instancer) <-chan sd.Event {
	ch := make(chan sd.Event, 64)
	in.Register(ch)
	t.Cleanup(func() { in.Deregister(ch) })
	return ch
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// privateEtcd is an etcd server owned by one test, which may stop and
// restart it.
type privateEtcd struct {
	t       *testing.T
	bin     string
	dir     string
	client  string
	peer    string
	cmd     *exec.Cmd
	exited  chan struct{}
	logFile *os.File

	scheme string               // "http" or "https"
	extra  []string             // extra etcd flags
	opts   etcdv3.ClientOptions // how waitReady connects
}

// startPrivateEtcd starts etcd from PATH on free ports with a temporary data
// directory, or skips the test when etcd is not installed.
func startPrivateEtcd(t *testing.T) *privateEtcd {
	t.Helper()
	return startPrivateEtcdWith(t, "http", etcdv3.ClientOptions{})
}

// startPrivateEtcdWith starts etcd serving clients with scheme, passing it
// extra flags; waitReady connects with opts.
func startPrivateEtcdWith(t *testing.T, scheme string, opts etcdv3.ClientOptions, extra ...string) *privateEtcd {
	t.Helper()
	bin := integration.Binary(t, "etcd")
	dir := t.TempDir()
	p := &privateEtcd{
		t:      t,
		bin:    bin,
		dir:    dir,
		client: fmt.Sprintf("127.0.0.1:%d", freePort(t)),
		peer:   fmt.Sprintf("127.0.0.1:%d", freePort(t)),
		scheme: scheme,
		extra:  extra,
		opts:   opts,
	}
	lf, err := os.Create(filepath.Join(dir, "etcd.log"))
	if err != nil {
		t.Fatal(err)
	}
	p.logFile = lf
	p.start()
	t.Cleanup(func() {
		p.stop()
		lf.Close()
	})
	return p
}

func (p *privateEtcd) start() {
	p.t.Helper()
	args := append([]string{
		"--name", "kit-test",
		"--data-dir", filepath.Join(p.dir, "data"),
		"--listen-client-urls", p.scheme + "://" + p.client,
		"--advertise-client-urls", p.scheme + "://" + p.client,
		"--listen-peer-urls", "http://" + p.peer,
		"--initial-advertise-peer-urls", "http://" + p.peer,
		"--initial-cluster", "kit-test=http://" + p.peer,
	}, p.extra...)
	p.cmd = exec.Command(p.bin, args...)
	p.cmd.Stdout = p.logFile
	p.cmd.Stderr = p.logFile
	if err := p.cmd.Start(); err != nil {
		p.t.Fatalf("start etcd: %v", err)
	}
	p.exited = make(chan struct{})
	go func(cmd *exec.Cmd, exited chan struct{}) {
		_ = cmd.Wait()
		close(exited)
	}(p.cmd, p.exited)
	p.waitReady()
}

func (p *privateEtcd) waitReady() {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			log, _ := os.ReadFile(p.logFile.Name())
			p.t.Fatalf("etcd exited early:\n%s", log)
		default:
		}
		opts := p.opts
		opts.DialTimeout = time.Second
		c, err := etcdv3.NewClient(context.Background(), []string{p.client}, opts)
		if err == nil {
			_, err = c.GetEntries("/ready-probe")
			_ = c.(io.Closer).Close()
			if err == nil {
				return
			}
		}
		time.Sleep(100 * time.Millisecond) // polling a process that is starting up
	}
	p.t.Fatal("etcd did not become ready in 30s")
}

func (p *privateEtcd) stop() {
	if p.cmd == nil {
		return
	}
	_ = p.cmd.Process.Kill()
	<-p.exited
	p.cmd = nil
}

func (p *privateEtcd) restart() {
	p.t.Helper()
	p.stop()
	p.start()
}
