package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/log"
)

// instance is an upstream service on loopback that counts the requests its
// service handler gets (health checks aside).
type instance struct {
	srv  *http.Server
	addr string // host:port
	hits atomic.Int64
	done chan struct{}
}

// addsvcHandler serves addsvc over HTTP without rate limit or breaker, so
// that a load test measures the gateway only.
func addsvcHandler() http.Handler {
	svc := addservice.NewBasicService()
	return addtransport.NewHTTPHandler(addendpoint.Set{
		SumEndpoint:    addendpoint.MakeSumEndpoint(svc),
		ConcatEndpoint: addendpoint.MakeConcatEndpoint(svc),
	}, log.NewNopLogger())
}

// stringsvcHandler behaves like examples/stringsvc1.
func stringsvcHandler() http.Handler {
	decode := func(w http.ResponseWriter, r *http.Request) (stringRequest, bool) {
		var req stringRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return req, false
		}
		return req, true
	}
	reply := func(w http.ResponseWriter, v any) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_ = json.NewEncoder(w).Encode(v)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /uppercase", func(w http.ResponseWriter, r *http.Request) {
		if req, ok := decode(w, r); ok {
			if req.S == "" {
				reply(w, uppercaseResponse{Err: "empty string"})
				return
			}
			reply(w, uppercaseResponse{V: strings.ToUpper(req.S)})
		}
	})
	mux.HandleFunc("POST /count", func(w http.ResponseWriter, r *http.Request) {
		if req, ok := decode(w, r); ok {
			reply(w, countResponse{V: len(req.S)})
		}
	})
	return mux
}

// brokenHandler fails every request as an overloaded instance would.
func brokenHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "overloaded", http.StatusServiceUnavailable)
	})
}

// startInstance serves h on 127.0.0.1 with GET /health answering 200. The
// server is stopped at the end of the test, if not before.
func startInstance(t *testing.T, h http.Handler) *instance {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	in := &instance{addr: ln.Addr().String(), done: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(http.ResponseWriter, *http.Request) {})
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in.hits.Add(1)
		h.ServeHTTP(w, r)
	}))
	in.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(in.done)
		_ = in.srv.Serve(ln)
	}()
	t.Cleanup(in.stop)
	return in
}

// stop kills the instance: its listener and every connection close at once,
// as when a process dies. Calling stop again does nothing.
func (in *instance) stop() {
	_ = in.srv.Close()
	<-in.done
}

// deadAddr returns a loopback address where nothing listens.
func deadAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

func splitHostPort(t *testing.T, addr string) (string, int) {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		t.Fatal(err)
	}
	return host, p
}

func entry(t *testing.T, addr string) *consulapi.ServiceEntry {
	host, port := splitHostPort(t, addr)
	return &consulapi.ServiceEntry{
		Node:    &consulapi.Node{Address: host},
		Service: &consulapi.AgentService{Address: host, Port: port},
	}
}

// fakeConsul is a consul Client with a fixed list of entries per service:
// the first query gets them, later (blocking) queries block until the
// Instancer stops.
type fakeConsul map[string][]*consulapi.ServiceEntry

func (fakeConsul) Register(*consulapi.AgentServiceRegistration) error   { return nil }
func (fakeConsul) Deregister(*consulapi.AgentServiceRegistration) error { return nil }
func (f fakeConsul) Service(service, _ string, _ bool, q *consulapi.QueryOptions) ([]*consulapi.ServiceEntry, *consulapi.QueryMeta, error) {
	if q != nil && q.WaitIndex > 0 {
		<-q.Context().Done()
		return nil, nil, q.Context().Err()
	}
	return f[service], &consulapi.QueryMeta{LastIndex: 1}, nil
}

var seq atomic.Int64

// uniqueName returns a Consul service name no other test uses.
func uniqueName(t *testing.T, base string) string {
	name := strings.NewReplacer("/", "-", "_", "-").Replace(strings.ToLower(t.Name()))
	return fmt.Sprintf("kit-test-%s-%s-%d-%d", base, name, os.Getpid(), seq.Add(1))
}

// consulClient returns an API client of the Consul agent at addr whose
// idle connections are closed at the end of the test.
func consulClient(t *testing.T, addr string) *consulapi.Client {
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

// register registers the instance at addr as id of service, with an HTTP
// health check on /health every second when checked is true, and
// deregisters it at the end of the test.
func register(t *testing.T, c *consulapi.Client, service, id, addr string, checked bool) *consulapi.AgentServiceRegistration {
	t.Helper()
	host, port := splitHostPort(t, addr)
	r := &consulapi.AgentServiceRegistration{ID: id, Name: service, Address: host, Port: port}
	if checked {
		r.Check = &consulapi.AgentServiceCheck{
			HTTP:                           "http://" + addr + "/health",
			Interval:                       "1s",
			Timeout:                        "1s",
			DeregisterCriticalServiceAfter: "1m",
		}
	}
	if err := c.Agent().ServiceRegister(r); err != nil {
		t.Fatalf("register %s: %v", id, err)
	}
	t.Cleanup(func() {
		if err := c.Agent().ServiceDeregister(id); err != nil {
			t.Errorf("deregister %s: %v", id, err)
		}
	})
	return r
}

// httpClient returns a client whose idle connections are closed at the end
// of the test.
func httpClient(t *testing.T) *http.Client {
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// call sends body to url with method and returns the status and the body.
func call(c *http.Client, method, url, body string) (int, string, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b)), err
}

// eventually waits until cond holds, checking it every 10ms, and fails t
// if it does not within timeout.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("%s: not within %v", what, timeout)
		case <-tick.C:
		}
	}
}

// startRun runs the gateway with args (plus -http-addr 127.0.0.1:0) until
// the end of the test, and returns its base URL.
func startRun(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	args = append([]string{"-http-addr", "127.0.0.1:0"}, args...)
	go func() { done <- run(ctx, args, io.Discard, func(a string) { addrc <- a }) }()
	select {
	case addr := <-addrc:
		t.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("run: %v", err)
			}
		})
		return "http://" + addr
	case err := <-done:
		cancel()
		t.Fatalf("run: %v", err)
		return ""
	}
}

// route is one request to the gateway and what it must answer.
type route struct {
	method, path, body string
	wantCode           int
	wantBody           string // a substring of the answer
	wantHits           int64  // requests reaching the healthy instances
}

// routes are the gateway's behaviours with healthy, dead and broken
// instances of both services behind it.
var routes = []route{
	{"POST", "/addsvc/sum", `{"a":1,"b":2}`, 200, `{"v":3}`, 1},
	{"POST", "/addsvc/concat", `{"a":"ab","b":"cd"}`, 200, `{"v":"abcd"}`, 1},
	// Business errors are answers: one instance is asked, never another.
	{"POST", "/addsvc/sum", `{"a":0,"b":0}`, 400, `{"error":"can't sum two zeroes"}`, 1},
	{"POST", "/addsvc/concat", `{"a":"0123456789","b":"x"}`, 400, `{"error":"result exceeds maximum size"}`, 1},
	// Bad input stops at the gateway.
	{"POST", "/addsvc/sum", `{"a":`, 400, `bad request`, 0},
	{"POST", "/addsvc/sum", `{"a":1,"c":2}`, 400, `bad request`, 0},
	{"GET", "/addsvc/sum", ``, 405, ``, 0},
	{"POST", "/addsvc/multiply", `{}`, 404, ``, 0},
	{"POST", "/stringsvc/uppercase", `{"s":"hello"}`, 200, `{"v":"HELLO"}`, 1},
	{"POST", "/stringsvc/uppercase", `{"s":""}`, 200, `{"v":"","err":"empty string"}`, 1},
	{"POST", "/stringsvc/count", `{"s":"hello"}`, 200, `{"v":5}`, 1},
	{"POST", "/stringsvc/count", `[1,2]`, 400, `bad request`, 0},
	{"POST", "/stringsvc/count", `{"s":`, 400, `bad request`, 0},
	{"GET", "/stringsvc/count", ``, 405, ``, 0},
	{"POST", "/other", `{}`, 404, ``, 0},
}

// checkRoutes sends every route to the gateway at base, in order; hits
// returns the number of requests the healthy instances have received.
func checkRoutes(t *testing.T, base string, hits func() int64) {
	t.Helper()
	c := httpClient(t)
	for _, r := range routes {
		before := hits()
		code, body, err := call(c, r.method, base+r.path, r.body)
		if err != nil {
			t.Errorf("%s %s %s: %v", r.method, r.path, r.body, err)
			continue
		}
		if code != r.wantCode || !strings.Contains(body, r.wantBody) {
			t.Errorf("%s %s %s = %d %s; want %d with %s", r.method, r.path, r.body, code, body, r.wantCode, r.wantBody)
		}
		if got := hits() - before; got != r.wantHits {
			t.Errorf("%s %s %s reached the instances %d times; want %d", r.method, r.path, r.body, got, r.wantHits)
		}
	}
}

// checkNoInstances checks that, with no instance of either service, the
// gateway answers at once with an error naming the service.
func checkNoInstances(t *testing.T, base, addsvc, stringsvc string) {
	t.Helper()
	c := httpClient(t)
	for _, r := range []route{
		{"POST", "/addsvc/sum", `{"a":1,"b":2}`, 500, `no healthy instance of ` + addsvc, 0},
		{"POST", "/addsvc/concat", `{"a":"1","b":"2"}`, 500, `no healthy instance of ` + addsvc, 0},
		{"POST", "/stringsvc/uppercase", `{"s":"x"}`, 503, `no healthy instance of ` + stringsvc, 0},
		{"POST", "/stringsvc/count", `{"s":"x"}`, 503, `no healthy instance of ` + stringsvc, 0},
	} {
		code, body, err := call(c, r.method, base+r.path, r.body)
		if err != nil {
			t.Errorf("%s %s: %v", r.method, r.path, err)
			continue
		}
		if code != r.wantCode || !strings.Contains(body, r.wantBody) {
			t.Errorf("%s %s = %d %s; want %d with %q", r.method, r.path, code, body, r.wantCode, r.wantBody)
		}
	}
}
