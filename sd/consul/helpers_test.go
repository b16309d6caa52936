package consul_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/internal/integration"
)

var seq atomic.Int64

// uniqueName returns a service name no other test (of any package) uses.
func uniqueName(t testing.TB) string {
	name := strings.NewReplacer("/", "-", "#", "-", "_", "-").Replace(strings.ToLower(t.Name()))
	return fmt.Sprintf("kit-test-%s-%d-%d", name, os.Getpid(), seq.Add(1))
}

// consulAddr returns CONSUL_ADDR or skips the test.
func consulAddr(t testing.TB) string {
	t.Helper()
	addr := integration.Addr(t, "CONSUL_ADDR")
	return addr
}

// apiClient returns a Consul API client of addr whose idle connections are
// closed at the end of the test.
func apiClient(t testing.TB, addr string) *consulapi.Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	cfg := consulapi.DefaultConfig()
	cfg.Address = addr
	cfg.Transport = tr
	c, err := consulapi.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// countingProxy is a reverse proxy in front of a Consul agent that counts
// the health queries of one service.
type countingProxy struct {
	srv     *httptest.Server
	service string
	count   atomic.Int64
}

func newCountingProxy(t testing.TB, target, service string) *countingProxy {
	t.Helper()
	u, err := url.Parse("http://" + target)
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.Transport = tr
	rp.ErrorHandler = func(w http.ResponseWriter, _ *http.Request, _ error) {
		w.WriteHeader(http.StatusBadGateway) // a query cancelled at Stop; nothing to log
	}
	p := &countingProxy{service: service}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/health/service/"+service {
			p.count.Add(1)
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		p.srv.Close()
		tr.CloseIdleConnections()
	})
	return p
}

func (p *countingProxy) addr() string { return strings.TrimPrefix(p.srv.URL, "http://") }

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// privateAgent is a `consul agent -dev` owned by one test, which may restart
// it (a dev agent keeps its state in memory: a restart loses it).
type privateAgent struct {
	t      testing.TB
	bin    string
	node   string
	http   string
	args   []string
	cmd    *exec.Cmd
	exited chan struct{}
	log    *os.File
}

// startPrivateAgent starts consul from PATH on free ports, or skips the test
// when consul is not installed.
func startPrivateAgent(t testing.TB) *privateAgent {
	t.Helper()
	bin := integration.Binary(t, "consul")
	dir := t.TempDir()
	p := &privateAgent{t: t, bin: bin, node: uniqueName(t)}
	port := freePort(t)
	p.http = fmt.Sprintf("127.0.0.1:%d", port)
	p.args = []string{"agent", "-dev", "-bind", "127.0.0.1", "-client", "127.0.0.1",
		"-node", p.node, "-log-level", "warn",
		"-http-port", fmt.Sprint(port), "-dns-port", "-1", "-grpc-port", "-1", "-grpc-tls-port", "-1",
		"-serf-lan-port", fmt.Sprint(freePort(t)), "-serf-wan-port", fmt.Sprint(freePort(t)),
		"-server-port", fmt.Sprint(freePort(t)),
	}
	lf, err := os.Create(filepath.Join(dir, "consul.log"))
	if err != nil {
		t.Fatal(err)
	}
	p.log = lf
	p.start()
	t.Cleanup(func() {
		p.stop()
		lf.Close()
	})
	return p
}

func (p *privateAgent) start() {
	p.t.Helper()
	p.cmd = exec.Command(p.bin, p.args...)
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		p.t.Fatalf("start consul: %v", err)
	}
	p.exited = make(chan struct{})
	go func(cmd *exec.Cmd, exited chan struct{}) {
		_ = cmd.Wait()
		close(exited)
	}(p.cmd, p.exited)

	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	cfg := consulapi.DefaultConfig()
	cfg.Address = p.http
	cfg.Transport = tr
	c, err := consulapi.NewClient(cfg)
	if err != nil {
		p.t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			out, _ := os.ReadFile(p.log.Name())
			p.t.Fatalf("consul exited early:\n%s", out)
		default:
		}
		if node, _, err := c.Catalog().Node(p.node, nil); err == nil && node != nil {
			return
		}
		time.Sleep(100 * time.Millisecond) // polling a process that is starting up
	}
	p.t.Fatal("consul agent not ready in 60s")
}

func (p *privateAgent) stop() {
	if p.cmd == nil {
		return
	}
	_ = p.cmd.Process.Kill()
	<-p.exited
	p.cmd = nil
}
