package addtransport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	athrift "github.com/apache/thrift/lib/go/thrift"

	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	addthrift "github.com/seedkit/kit/examples/addsvc/thrift/gen-go/addsvc"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	thrifttransport "github.com/seedkit/kit/transport/thrift"
)

// ThriftConfig is the Thrift configuration addsvc's server and client
// share: the THeader protocol (compact encoding inside, so THeaders travel
// with each call), messages bounded to maxBodyBytes and a connect timeout.
func ThriftConfig() *athrift.TConfiguration {
	return &athrift.TConfiguration{
		MaxMessageSize:    maxBodyBytes,
		MaxFrameSize:      maxBodyBytes,
		ConnectTimeout:    5 * time.Second,
		THeaderProtocolID: athrift.THeaderProtocolIDPtrMust(athrift.THeaderProtocolCompact),
	}
}

// thriftIdleTimeout closes a server connection whose client sends nothing
// for that long, so idle or stalled clients cannot hold connections forever.
const thriftIdleTimeout = time.Minute

// ThriftServer is addsvc's Thrift server: a TSimpleServer whose connections
// Shutdown can close.
type ThriftServer struct {
	*athrift.TSimpleServer
	conns *connTracker
}

// NewThriftServer returns a Thrift server for the endpoints, listening on
// addr once its Listen (or Serve) method is called. Stop it with Shutdown
// (or Stop, which waits for every client to hang up).
func NewThriftServer(addr string, endpoints addendpoint.Set, logger log.Logger) (*ThriftServer, error) {
	tcpAddr, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		return nil, err
	}
	conns := &connTracker{conns: map[*trackedConn]struct{}{}}
	socket := athrift.NewTServerSocketFromFactoryTimeout(func(a net.Addr) (net.Listener, error) {
		ln, err := net.Listen(a.Network(), a.String())
		if err != nil {
			return nil, err
		}
		return trackingListener{ln, conns}, nil
	}, tcpAddr, thriftIdleTimeout)
	conf := ThriftConfig()
	srv := athrift.NewTSimpleServer4(
		addthrift.NewAddServiceProcessor(NewThriftHandler(endpoints, logger)),
		socket,
		athrift.NewTHeaderTransportFactoryConf(nil, conf),
		athrift.NewTHeaderProtocolFactoryConf(conf),
	)
	// The server logs connection errors through log/slog's default logger
	// with this context; setting it also lets callers use Listen and
	// AcceptLoop directly (only Serve would set it otherwise).
	srv.SetLogContext(context.Background())
	return &ThriftServer{TSimpleServer: srv, conns: conns}, nil
}

// Addr returns the address the server listens on, once Listen has run.
func (s *ThriftServer) Addr() net.Addr {
	return s.ServerTransport().(*athrift.TServerSocket).Addr()
}

// Shutdown stops accepting connections and waits for the open ones to end,
// until ctx ends; then it closes them and returns ctx's error. (Stop alone
// waits for every client to hang up, however long that takes.)
func (s *ThriftServer) Shutdown(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- s.Stop() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		s.conns.closeAll()
		<-done
		return ctx.Err()
	}
}

// connTracker knows the server's open connections.
type connTracker struct {
	mu    sync.Mutex
	conns map[*trackedConn]struct{}
}

func (t *connTracker) closeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for c := range t.conns {
		_ = c.Conn.Close()
	}
}

type trackingListener struct {
	net.Listener
	t *connTracker
}

func (l trackingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	tc := &trackedConn{Conn: c, t: l.t}
	l.t.mu.Lock()
	l.t.conns[tc] = struct{}{}
	l.t.mu.Unlock()
	return tc, nil
}

type trackedConn struct {
	net.Conn
	t *connTracker
}

func (c *trackedConn) Close() error {
	c.t.mu.Lock()
	delete(c.t.conns, c)
	c.t.mu.Unlock()
	return c.Conn.Close()
}

// NewThriftHandler returns the generated AddService interface implemented
// by the endpoints. Business errors become AddError exceptions with their
// code; other errors reach the client as Thrift application errors.
func NewThriftHandler(endpoints addendpoint.Set, logger log.Logger) addthrift.AddService {
	opts := []thrifttransport.ServerOption{
		thrifttransport.ServerErrorHandler(transport.NewLogErrorHandler(logger)),
	}
	identity := func(_ context.Context, args any) (any, error) { return args, nil }
	return thriftHandler{
		sum:    thrifttransport.NewServer(endpoints.SumEndpoint, identity, encodeThriftSum, opts...),
		concat: thrifttransport.NewServer(endpoints.ConcatEndpoint, identity, encodeThriftConcat, opts...),
	}
}

type thriftHandler struct{ sum, concat *thrifttransport.Server }

func (h thriftHandler) Sum(ctx context.Context, a, b int64) (int64, error) {
	_, reply, err := h.sum.Serve(ctx, addendpoint.SumRequest{A: int(a), B: int(b)})
	if err != nil {
		return 0, err
	}
	return reply.(int64), nil
}

func (h thriftHandler) Concat(ctx context.Context, a, b string) (string, error) {
	_, reply, err := h.concat.Serve(ctx, addendpoint.ConcatRequest{A: a, B: b})
	if err != nil {
		return "", err
	}
	return reply.(string), nil
}

func encodeThriftSum(_ context.Context, response any) (any, error) {
	r := response.(addendpoint.SumResponse)
	if r.Err != nil {
		return nil, thriftError(r.Err)
	}
	return int64(r.V), nil
}

func encodeThriftConcat(_ context.Context, response any) (any, error) {
	r := response.(addendpoint.ConcatResponse)
	if r.Err != nil {
		return nil, thriftError(r.Err)
	}
	return r.V, nil
}

var thriftCodes = map[error]addthrift.ErrorCode{
	addservice.ErrTwoZeroes:       addthrift.ErrorCode_TWO_ZEROES,
	addservice.ErrIntOverflow:     addthrift.ErrorCode_INT_OVERFLOW,
	addservice.ErrMaxSizeExceeded: addthrift.ErrorCode_MAX_SIZE_EXCEEDED,
}

// thriftError turns a business error into the AddError exception.
func thriftError(err error) error {
	for sentinel, code := range thriftCodes {
		if errors.Is(err, sentinel) {
			return &addthrift.AddError{Code: code, Message: err.Error()}
		}
	}
	return err
}

// NewThriftClient returns a Service backed by an addsvc Thrift server at
// instance ("host:port"), and the function that closes its connection. The
// connection is opened here; a dead server is an error now, not at the
// first call. Each call's reads and writes are bounded by its context's
// deadline (Thrift does not watch contexts otherwise). The client is not
// safe for concurrent use: Thrift clients own one connection and serialise
// nothing.
func NewThriftClient(instance string) (addservice.Service, func() error, error) {
	conf := ThriftConfig()
	socket := athrift.NewTSocketConf(instance, conf)
	// Thrift reads do not watch the call's context: each call bounds its
	// socket reads and writes by the context's deadline instead.
	deadline := func(ctx context.Context) {
		var d time.Duration
		if t, ok := ctx.Deadline(); ok {
			d = max(time.Until(t), time.Millisecond)
		}
		_ = socket.SetSocketTimeout(d)
	}
	trans := athrift.NewTHeaderTransportConf(socket, conf)
	if err := trans.Open(); err != nil {
		return nil, nil, fmt.Errorf("addsvc: thrift dial %s: %w", instance, err)
	}
	proto := athrift.NewTHeaderProtocolConf(trans, conf)
	c := addthrift.NewAddServiceClient(athrift.NewTStandardClient(proto, proto))
	identity := func(_ context.Context, req any) (any, error) { return req, nil }
	sum := thrifttransport.NewClient(func(ctx context.Context, req any) (any, error) {
		r := req.(addendpoint.SumRequest)
		deadline(ctx)
		v, err := c.Sum(ctx, int64(r.A), int64(r.B))
		if e := businessError(err); e != nil {
			return addendpoint.SumResponse{Err: e}, nil
		}
		if err != nil {
			return nil, err
		}
		return addendpoint.SumResponse{V: int(v)}, nil
	}, identity, identity)
	concat := thrifttransport.NewClient(func(ctx context.Context, req any) (any, error) {
		r := req.(addendpoint.ConcatRequest)
		deadline(ctx)
		v, err := c.Concat(ctx, r.A, r.B)
		if e := businessError(err); e != nil {
			return addendpoint.ConcatResponse{Err: e}, nil
		}
		if err != nil {
			return nil, err
		}
		return addendpoint.ConcatResponse{V: v}, nil
	}, identity, identity)
	return addendpoint.Set{SumEndpoint: sum.Endpoint(), ConcatEndpoint: concat.Endpoint()}, trans.Close, nil
}

// businessError maps an AddError exception back to its sentinel, or
// returns nil when err is not one.
func businessError(err error) error {
	var ae *addthrift.AddError
	if !errors.As(err, &ae) {
		return nil
	}
	for sentinel, code := range thriftCodes {
		if ae.Code == code {
			return sentinel
		}
	}
	return errors.New(ae.Message)
}
