package nats_test

// Integration tests against a real nats-server, gated by NATS_URL (for
// example nats://127.0.0.1:4222). TestReconnect starts a private
// nats-server process, so that restarting it disturbs no other test.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/internal/integration"
	natstransport "github.com/seedkit/kit/transport/nats"
)

func newSumPublisher(nc *nats.Conn, subj string, options ...natstransport.PublisherOption) endpointFunc {
	return endpointFunc(natstransport.NewPublisher(nc, subj,
		natstransport.EncodeJSONRequest, natstransport.DecodeJSONResponse[sumResponse], options...).Endpoint())
}

type endpointFunc = func(context.Context, any) (any, error)

func TestRequestReply(t *testing.T) {
	t.Parallel()
	url := natsURL(t)
	nc := connect(t, url)
	subj := subject(t)
	srv := natstransport.NewSubscriber(sum, natstransport.DecodeJSONRequest[sumRequest], natstransport.EncodeJSONResponse)
	subscribe(t, nc, subj, srv.ServeMsg(nc))

	call := newSumPublisher(connect(t, url), subj)
	for _, tc := range []struct {
		req  sumRequest
		want int
	}{{sumRequest{1, 2}, 3}, {sumRequest{-5, 5}, 0}, {sumRequest{1 << 40, 1}, 1<<40 + 1}} {
		got, err := call(testContext(t), tc.req)
		if err != nil {
			t.Fatalf("%v: %v", tc.req, err)
		}
		if got.(sumResponse).V != tc.want {
			t.Errorf("%v: got %v, want %d", tc.req, got, tc.want)
		}
	}

	// Concurrent calls on one publisher.
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			got, err := call(testContext(t), sumRequest{i, i})
			if err == nil && got.(sumResponse).V != 2*i {
				err = fmt.Errorf("%d+%d = %v", i, i, got)
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestHeadersBothWays(t *testing.T) {
	t.Parallel()
	url := natsURL(t)
	nc := connect(t, url)
	subj := subject(t)

	e := func(ctx context.Context, request any) (any, error) {
		h := natstransport.RequestHeader(ctx)
		if h.Get("X-Fail") != "" {
			return nil, fmt.Errorf("failing: %w", headerError{hdr: nats.Header{"X-Error-Code": {h.Get("X-Fail")}}})
		}
		return withHeaders{V: request.(sumRequest).A, hdr: nats.Header{
			"X-Echo":  {h.Get("X-Trace")},
			"X-Multi": {"a", "b"},
		}}, nil
	}
	srv := natstransport.NewSubscriber(e, natstransport.DecodeJSONRequest[sumRequest], natstransport.EncodeJSONResponse)
	subscribe(t, nc, subj, srv.ServeMsg(nc))

	pc := connect(t, url)
	var (
		mu       sync.Mutex
		replyHdr nats.Header
	)
	call := newSumPublisher(pc, subj,
		natstransport.PublisherBefore(natstransport.SetRequestHeader("X-Trace", "t-1")),
		natstransport.PublisherAfter(func(ctx context.Context, msg *nats.Msg) context.Context {
			mu.Lock()
			replyHdr = msg.Header
			mu.Unlock()
			return ctx
		}),
	)
	got, err := call(testContext(t), sumRequest{A: 4})
	if err != nil {
		t.Fatal(err)
	}
	if got.(sumResponse).V != 4 {
		t.Errorf("response %v", got)
	}
	mu.Lock()
	if replyHdr.Get("X-Echo") != "t-1" || len(replyHdr.Values("X-Multi")) != 2 {
		t.Errorf("reply headers %v: want X-Echo t-1 and two X-Multi", replyHdr)
	}
	mu.Unlock()

	// A request Headerer, and an error Headerer on the way back.
	failing := newSumPublisher(pc, subj,
		natstransport.PublisherAfter(func(ctx context.Context, msg *nats.Msg) context.Context {
			mu.Lock()
			replyHdr = msg.Header
			mu.Unlock()
			return ctx
		}))
	_, err = failing(testContext(t), headerRequest{S: "x", hdr: nats.Header{"X-Fail": {"E42"}}})
	var re *natstransport.ReplyError
	if !errors.As(err, &re) || re.Message != "failing: header error" {
		t.Fatalf("err = %v, want a *ReplyError with the endpoint's text", err)
	}
	mu.Lock()
	if replyHdr.Get("X-Error-Code") != "E42" || replyHdr.Get(natstransport.ErrorHeader) != "true" {
		t.Errorf("error reply headers %v", replyHdr)
	}
	mu.Unlock()
}

type headerError struct{ hdr nats.Header }

func (e headerError) Error() string        { return "header error" }
func (e headerError) Headers() nats.Header { return e.hdr }

func TestDeadlinePropagation(t *testing.T) {
	t.Parallel()
	url := natsURL(t)
	nc := connect(t, url)
	subj := subject(t)

	type observed struct {
		hasDeadline bool
		err         error
	}
	got := make(chan observed, 1)
	e := func(ctx context.Context, _ any) (any, error) {
		_, ok := ctx.Deadline()
		<-ctx.Done() // work until the caller gives up
		got <- observed{ok, ctx.Err()}
		return nil, ctx.Err()
	}
	srv := natstransport.NewSubscriber(e, natstransport.NopRequestDecoder, natstransport.EncodeJSONResponse)
	subscribe(t, nc, subj, srv.ServeMsg(nc))

	for _, tc := range []struct {
		name string
		opts []natstransport.PublisherOption
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{"publisher timeout", []natstransport.PublisherOption{natstransport.PublisherTimeout(300 * time.Millisecond)},
			func() (context.Context, context.CancelFunc) { return context.WithCancel(testContext(t)) }},
		{"caller deadline", nil,
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(testContext(t), 300*time.Millisecond)
			}},
	} {
		call := newSumPublisher(connect(t, url), subj, tc.opts...)
		ctx, cancel := tc.ctx()
		_, err := call(ctx, nil)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: caller err = %v, want context.DeadlineExceeded", tc.name, err)
		}
		select {
		case o := <-got:
			if !o.hasDeadline || !errors.Is(o.err, context.DeadlineExceeded) {
				t.Errorf("%s: subscriber context: deadline %v, err %v; want a deadline that expired", tc.name, o.hasDeadline, o.err)
			}
		case <-testContext(t).Done():
			t.Fatalf("%s: the subscriber's context did not end", tc.name)
		}
	}
}

func TestMalformedPayload(t *testing.T) {
	t.Parallel()
	url := natsURL(t)
	nc := connect(t, url)
	subj := subject(t)
	errs := newErrorRecorder()
	srv := natstransport.NewSubscriber(sum, natstransport.DecodeJSONRequest[sumRequest], natstransport.EncodeJSONResponse,
		natstransport.SubscriberErrorHandler(errs))
	subscribe(t, nc, subj, srv.ServeMsg(nc))

	pc := connect(t, url)
	for _, payload := range [][]byte{nil, []byte("{"), []byte("\xff\xfe"), []byte(`{"A":"one"}`), []byte(`[1,2]`), []byte(`{"A":1}garbage`)} {
		reply, err := pc.RequestWithContext(testContext(t), subj, payload)
		if err != nil {
			t.Fatalf("%q: %v", payload, err)
		}
		if reply.Header.Get(natstransport.ErrorHeader) != "true" {
			t.Errorf("%q: reply %q without the error header", payload, reply.Data)
		}
		_, err = natstransport.DecodeJSONResponse[sumResponse](context.Background(), reply)
		var re *natstransport.ReplyError
		if !errors.As(err, &re) || re.Message == "" {
			t.Errorf("%q: decoded reply %q as %v, want a *ReplyError", payload, reply.Data, err)
		}
	}
	if n := len(errs.all()); n != 6 {
		t.Errorf("%d errors handled, want 6", n)
	}
	// The subscriber still serves well-formed requests.
	got, err := newSumPublisher(pc, subj)(testContext(t), sumRequest{2, 2})
	if err != nil || got.(sumResponse).V != 4 {
		t.Errorf("after malformed payloads: %v, %v", got, err)
	}
}

func TestNoResponders(t *testing.T) {
	t.Parallel()
	call := newSumPublisher(connect(t, natsURL(t)), subject(t))
	if _, err := call(testContext(t), sumRequest{}); !errors.Is(err, nats.ErrNoResponders) {
		t.Errorf("err = %v, want nats.ErrNoResponders", err)
	}
}

func TestClosedConnection(t *testing.T) {
	t.Parallel()
	nc := connect(t, natsURL(t))
	nc.Close()
	if _, err := newSumPublisher(nc, subject(t))(testContext(t), sumRequest{}); !errors.Is(err, nats.ErrConnectionClosed) {
		t.Errorf("err = %v, want nats.ErrConnectionClosed", err)
	}
}

// privateServer is a nats-server process of the test's own, on a fixed
// loopback port, that the test may stop and start again.
type privateServer struct {
	t    *testing.T
	bin  string
	port int
	cmd  *exec.Cmd
}

func startPrivateServer(t *testing.T) *privateServer {
	t.Helper()
	bin := integration.Binary(t, "nats-server")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	s := &privateServer{t: t, bin: bin, port: port}
	s.start()
	t.Cleanup(s.stop)
	return s
}

func (s *privateServer) url() string { return "nats://127.0.0.1:" + strconv.Itoa(s.port) }

func (s *privateServer) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "-a", "127.0.0.1", "-p", strconv.Itoa(s.port))
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start nats-server: %v", err)
	}
	// Wait until it accepts connections.
	ctx := testContext(s.t)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(s.port))
		if err == nil {
			_ = c.Close()
			return
		}
		select {
		case <-ctx.Done():
			s.t.Fatalf("nats-server on port %d did not come up: %v", s.port, err)
		case <-tick.C:
		}
	}
}

func (s *privateServer) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// TestReconnect restarts a private nats-server under a subscriber and a
// publisher: both reconnect (nats.go resubscribes) and calls work again.
func TestReconnect(t *testing.T) {
	t.Parallel()
	srvProc := startPrivateServer(t)

	events := func() (chan struct{}, chan struct{}, []nats.Option) {
		down, up := make(chan struct{}, 10), make(chan struct{}, 10)
		return down, up, []nats.Option{
			nats.MaxReconnects(-1),
			nats.ReconnectWait(20 * time.Millisecond),
			nats.ReconnectJitter(0, 0),
			nats.DisconnectErrHandler(func(*nats.Conn, error) { down <- struct{}{} }),
			nats.ReconnectHandler(func(*nats.Conn) { up <- struct{}{} }),
		}
	}
	wait := func(what string, ch chan struct{}) {
		t.Helper()
		select {
		case <-ch:
		case <-testContext(t).Done():
			t.Fatalf("timed out waiting for %s", what)
		}
	}

	subDown, subUp, subOpts := events()
	nc := connect(t, srvProc.url(), subOpts...)
	pubDown, pubUp, pubOpts := events()
	pc := connect(t, srvProc.url(), pubOpts...)

	subj := subject(t)
	srv := natstransport.NewSubscriber(sum, natstransport.DecodeJSONRequest[sumRequest], natstransport.EncodeJSONResponse)
	subscribe(t, nc, subj, srv.ServeMsg(nc))
	call := newSumPublisher(pc, subj)
	if got, err := call(testContext(t), sumRequest{1, 1}); err != nil || got.(sumResponse).V != 2 {
		t.Fatalf("before restart: %v, %v", got, err)
	}

	srvProc.stop()
	wait("the subscriber to notice the server went away", subDown)
	wait("the publisher to notice the server went away", pubDown)

	srvProc.start()
	wait("the subscriber to reconnect", subUp)
	wait("the publisher to reconnect", pubUp)
	// Once the subscriber's connection has flushed, the server knows its
	// resent subscription.
	if err := nc.FlushWithContext(testContext(t)); err != nil {
		t.Fatalf("flush after reconnect: %v", err)
	}
	if got, err := call(testContext(t), sumRequest{2, 3}); err != nil || got.(sumResponse).V != 5 {
		t.Fatalf("after restart: %v, %v", got, err)
	}
}
