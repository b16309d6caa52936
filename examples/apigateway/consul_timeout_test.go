package main

import (
	"context"
	"io"
	"net"
	"sync"
	"testing"
	"time"
)

// hungConsul is a TCP listener that accepts connections and never answers
// on them, like a Consul agent that is wedged. accepted gets a value for
// each connection it accepts.
type hungConsul struct {
	ln       net.Listener
	accepted chan struct{}
	mu       sync.Mutex
	conns    []net.Conn
	done     chan struct{}
}

func startHungConsul(t *testing.T) *hungConsul {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := &hungConsul{ln: ln, accepted: make(chan struct{}, 64), done: make(chan struct{})}
	go func() {
		defer close(h.done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			h.mu.Lock()
			h.conns = append(h.conns, c)
			h.mu.Unlock()
			select {
			case h.accepted <- struct{}{}:
			default:
			}
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		<-h.done
		h.mu.Lock()
		defer h.mu.Unlock()
		for _, c := range h.conns {
			_ = c.Close()
		}
	})
	return h
}

func (h *hungConsul) addr() string { return h.ln.Addr().String() }

// TestRunConsulUnresponsive starts the gateway on a Consul agent that
// accepts connections but never answers: the start-up queries time out
// (instead of blocking run forever), the gateway serves, answering that it
// knows no instance, and stops cleanly.
func TestRunConsulUnresponsive(t *testing.T) {
	t.Parallel()
	consul := startHungConsul(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	args := []string{"-http-addr", "127.0.0.1:0", "-consul-addr", consul.addr(), "-consul-wait", "200ms", "-retry-timeout", "5s"}
	go func() { done <- run(ctx, args, io.Discard, func(a string) { addrc <- a }) }()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("run returned %v before serving", err)
	case <-time.After(time.Minute):
		t.Fatal("run still starting after a minute with a Consul agent that never answers")
	}
	checkNoInstances(t, base, "addsvc", "stringsvc")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("run did not return within a minute of its context ending")
	}
}

// TestRunStopDuringStartup ends run's context while its first Consul query
// hangs (with the default, minute-long, wait time): run gives up the query
// and returns without serving.
func TestRunStopDuringStartup(t *testing.T) {
	t.Parallel()
	consul := startHungConsul(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	served := make(chan struct{}, 1)
	args := []string{"-http-addr", "127.0.0.1:0", "-consul-addr", consul.addr()}
	go func() { done <- run(ctx, args, io.Discard, func(string) { served <- struct{}{} }) }()
	select {
	case <-consul.accepted: // the first query is in flight
	case err := <-done:
		t.Fatalf("run returned %v before querying Consul", err)
	case <-time.After(time.Minute):
		t.Fatal("run did not query Consul within a minute")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return within 30s of its context ending during start-up")
	}
	select {
	case <-served:
		t.Error("run served after its context ended during start-up")
	default:
	}
}
