package addtransport_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	athrift "github.com/apache/thrift/lib/go/thrift"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	addthrift "github.com/seedkit/kit/examples/addsvc/thrift/gen-go/addsvc"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics/discard"
	thrifttransport "github.com/seedkit/kit/transport/thrift"
)

// serveThrift starts srv on a loopback port and returns its address; the
// server stops when the test ends.
func serveThrift(t *testing.T, srv *athrift.TSimpleServer) string {
	t.Helper()
	if err := srv.Listen(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.AcceptLoop()
	}()
	t.Cleanup(func() {
		_ = srv.Stop()
		<-done
	})
	return srv.ServerTransport().(*athrift.TServerSocket).Addr().String()
}

func newThriftServer(t *testing.T) string {
	t.Helper()
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram())
	srv, err := addtransport.NewThriftServer("127.0.0.1:0", set, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	return serveThrift(t, srv.TSimpleServer)
}

func TestThriftRoundTrip(t *testing.T) {
	t.Parallel()
	svc, closeFn, err := addtransport.NewThriftClient(newThriftServer(t))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = closeFn() }()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tests := []struct {
		name    string
		call    func() (any, error)
		want    any
		wantErr error
	}{
		{"sum", func() (any, error) { return svc.Sum(ctx, 40, 2) }, 42, nil},
		{"sum negative", func() (any, error) { return svc.Sum(ctx, -40, 2) }, -38, nil},
		{"two zeroes", func() (any, error) { return svc.Sum(ctx, 0, 0) }, 0, addservice.ErrTwoZeroes},
		{"overflow", func() (any, error) { return svc.Sum(ctx, 1<<62, 1<<62) }, 0, addservice.ErrIntOverflow},
		{"concat", func() (any, error) { return svc.Concat(ctx, "a b", "\"c\"") }, "a b\"c\"", nil},
		{"too long", func() (any, error) { return svc.Concat(ctx, "0123456789", "!") }, "", addservice.ErrMaxSizeExceeded},
	}
	for _, tt := range tests {
		got, err := tt.call()
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: got %v, %v; want %v, %v", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestThriftDeadServer(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	if _, _, err := addtransport.NewThriftClient(addr); err == nil {
		t.Fatal("NewThriftClient to a closed port: got nil error")
	}
}

// TestThriftGarbage sends bytes that are no Thrift message, and a frame
// announcing more than the size limit: the server drops that connection
// and goes on serving others.
func TestThriftGarbage(t *testing.T) {
	t.Parallel()
	addr := newThriftServer(t)
	for _, payload := range []string{
		"GET / HTTP/1.1\r\n\r\n",
		"\x7f\xff\xff\xff" + strings.Repeat("x", 64), // a 2 GiB frame
		"\x00\x00\x00\x05\x0f\xff\x00\x00\x00",       // THeader magic, then nonsense
	} {
		conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := conn.Write([]byte(payload)); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 1024)
		for {
			if _, err := conn.Read(buf); err != nil {
				break // the server closed the connection (or answered and closed)
			}
		}
		_ = conn.Close()
	}
	svc, closeFn, err := addtransport.NewThriftClient(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = closeFn() }()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if v, err := svc.Sum(ctx, 1, 2); v != 3 || err != nil {
		t.Fatalf("after garbage: Sum = %v, %v; want 3, nil", v, err)
	}
}

// TestThriftHeaders sends a THeader with a ClientBefore hook and reads it
// in a ServerBefore hook, across a real connection.
func TestThriftHeaders(t *testing.T) {
	t.Parallel()
	type key struct{}
	seen := make(chan string, 1)
	sum := thrifttransport.NewServer(
		func(ctx context.Context, _ any) (any, error) { seen <- ctx.Value(key{}).(string); return int64(0), nil },
		func(_ context.Context, args any) (any, error) { return args, nil },
		func(_ context.Context, resp any) (any, error) { return resp, nil },
		thrifttransport.ServerBefore(func(ctx context.Context) context.Context {
			v, _ := thrifttransport.ServerHeader(ctx, "x-request-id")
			return context.WithValue(ctx, key{}, v)
		}),
	)
	conf := addtransport.ThriftConfig()
	socket, err := athrift.NewTServerSocket("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := athrift.NewTSimpleServer4(
		addthrift.NewAddServiceProcessor(headerHandler{sum}), socket,
		athrift.NewTHeaderTransportFactoryConf(nil, conf), athrift.NewTHeaderProtocolFactoryConf(conf))
	srv.SetLogContext(context.Background())
	addr := serveThrift(t, srv)

	trans := athrift.NewTHeaderTransportConf(athrift.NewTSocketConf(addr, conf), conf)
	if err := trans.Open(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = trans.Close() }()
	proto := athrift.NewTHeaderProtocolConf(trans, conf)
	c := addthrift.NewAddServiceClient(athrift.NewTStandardClient(proto, proto))
	var e endpoint.Endpoint = thrifttransport.NewClient(
		func(ctx context.Context, _ any) (any, error) { return c.Sum(ctx, 1, 1) },
		func(_ context.Context, req any) (any, error) { return req, nil },
		func(_ context.Context, reply any) (any, error) { return reply, nil },
		thrifttransport.ClientBefore(thrifttransport.SetRequestHeader("x-request-id", "abc-123")),
	).Endpoint()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := e(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := <-seen; got != "abc-123" {
		t.Fatalf("server saw header %q, want abc-123", got)
	}
}

type headerHandler struct{ sum *thrifttransport.Server }

func (h headerHandler) Sum(ctx context.Context, _, _ int64) (int64, error) {
	_, reply, err := h.sum.Serve(ctx, nil)
	if err != nil {
		return 0, err
	}
	return reply.(int64), nil
}

func (headerHandler) Concat(context.Context, string, string) (string, error) { return "", nil }

// TestThriftCallHonoursDeadline: a server that accepts but never answers
// makes the call fail at the context's deadline, not hang.
func TestThriftCallHonoursDeadline(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			accepted <- c // held open, never answered
		}
		close(accepted)
	}()
	svc, closeFn, err := addtransport.NewThriftClient(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = closeFn() }()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := svc.Sum(ctx, 1, 2)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Sum against a silent server: nil error")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Sum did not return after its deadline")
	}
	if c, ok := <-accepted; ok {
		c.Close()
	}
}
