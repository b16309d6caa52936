package addtransport_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/seedkit/kit/examples/addsvc/pb"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics/discard"
	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

// startGRPC serves srv on a loopback port until the test ends and returns a
// connection to it. The cleanup stops the server, waits for Serve to return
// and closes the connection.
func startGRPC(t *testing.T, srv pb.AddServer) *grpc.ClientConn {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
	pb.RegisterAddServer(s, srv)
	done := make(chan error, 1)
	go func() { done <- s.Serve(lis) }()
	conn := dialGRPC(t, lis.Addr().String())
	t.Cleanup(func() {
		s.Stop()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return conn
}

func dialGRPC(t *testing.T, addr string) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func newGRPCServer(logger log.Logger) pb.AddServer {
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram())
	return addtransport.NewGRPCServer(set, logger)
}

func TestGRPCRoundTrip(t *testing.T) {
	t.Parallel()
	svc := addtransport.NewGRPCClient(startGRPC(t, newGRPCServer(log.NewNopLogger())))
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

// TestGRPCBusinessErrorsOnTheWire checks what a client that is not kit's
// sees: InvalidArgument, the sentinel's message and an AddError detail.
func TestGRPCBusinessErrorsOnTheWire(t *testing.T) {
	t.Parallel()
	c := pb.NewAddClient(startGRPC(t, newGRPCServer(log.NewNopLogger())))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tests := []struct {
		name string
		call func() error
		want error
		code pb.ErrorCode
	}{
		{"two zeroes", func() error { _, err := c.Sum(ctx, &pb.SumRequest{}); return err },
			addservice.ErrTwoZeroes, pb.ErrorCode_ERROR_CODE_TWO_ZEROES},
		{"overflow", func() error { _, err := c.Sum(ctx, &pb.SumRequest{A: 1 << 62, B: 1 << 62}); return err },
			addservice.ErrIntOverflow, pb.ErrorCode_ERROR_CODE_INT_OVERFLOW},
		{"too long", func() error { _, err := c.Concat(ctx, &pb.ConcatRequest{A: "0123456789", B: "!"}); return err },
			addservice.ErrMaxSizeExceeded, pb.ErrorCode_ERROR_CODE_MAX_SIZE_EXCEEDED},
	}
	for _, tt := range tests {
		st := status.Convert(tt.call())
		if st.Code() != codes.InvalidArgument || st.Message() != tt.want.Error() {
			t.Errorf("%s: status %v %q", tt.name, st.Code(), st.Message())
		}
		if d := st.Details(); len(d) != 1 || !proto.Equal(d[0].(proto.Message), &pb.AddError{Code: tt.code}) {
			t.Errorf("%s: details %v", tt.name, d)
		}
	}
}

// rawCodec sends a *[]byte as it is, to put arbitrary bytes on the wire.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error)   { return *v.(*[]byte), nil }
func (rawCodec) Unmarshal(b []byte, v any) error { *v.(*[]byte) = b; return nil }
func (rawCodec) Name() string                    { return "proto" }

func TestGRPCBadInput(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	conn := startGRPC(t, newGRPCServer(log.NewLogfmtLogger(logs)))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	raw := func(b []byte) any { return &b }
	tests := []struct {
		name   string
		method string
		req    any
		opts   []grpc.CallOption
		want   codes.Code
	}{
		// A message of another schema: its fields are unknown to the server.
		{"Sum given a ConcatRequest", pb.Add_Sum_FullMethodName, &pb.ConcatRequest{A: "1"}, nil, codes.InvalidArgument},
		{"Concat given a SumRequest", pb.Add_Concat_FullMethodName, &pb.SumRequest{A: 1, B: 2}, nil, codes.InvalidArgument},
		{"Sum with an extra field", pb.Add_Sum_FullMethodName, raw([]byte{0x08, 0x01, 0x18, 0x01}), []grpc.CallOption{grpc.ForceCodec(rawCodec{})}, codes.InvalidArgument},
		// Bytes that are no protobuf never reach addsvc's decoder: grpc-go
		// answers Internal.
		{"truncated varint", pb.Add_Sum_FullMethodName, raw([]byte{0x08, 0xff}), []grpc.CallOption{grpc.ForceCodec(rawCodec{})}, codes.Internal},
		{"invalid UTF-8", pb.Add_Concat_FullMethodName, raw([]byte{0x0a, 0x01, 0xff}), []grpc.CallOption{grpc.ForceCodec(rawCodec{})}, codes.Internal},
		{"unknown method", "/pb.Add/Multiply", &pb.SumRequest{A: 1}, nil, codes.Unimplemented},
	}
	for _, tt := range tests {
		err := conn.Invoke(ctx, tt.method, tt.req, new(pb.SumReply), tt.opts...)
		if got := status.Code(err); got != tt.want {
			t.Errorf("%s: code %v (%v), want %v", tt.name, got, err, tt.want)
		}
	}
	// The decoder's refusals are logged, business errors are not.
	if _, err := pb.NewAddClient(conn).Sum(ctx, &pb.SumRequest{}); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("two zeroes: %v", err)
	}
	if got := strings.Count(logs.String(), "unknown fields"); got != 3 {
		t.Errorf("%d logged decoding errors, want 3:\n%s", got, logs)
	}
	if strings.Contains(logs.String(), addservice.ErrTwoZeroes.Error()) {
		t.Errorf("business error logged as a transport error:\n%s", logs)
	}
	// The server is still serving.
	if v, err := addtransport.NewGRPCClient(conn).Sum(ctx, 1, 2); v != 3 || err != nil {
		t.Errorf("after bad input: Sum = %v, %v", v, err)
	}
}

// TestGRPCServerNilRequest calls the binding directly, as no wire would:
// a nil request is refused, not dereferenced.
func TestGRPCServerNilRequest(t *testing.T) {
	t.Parallel()
	srv := newGRPCServer(log.NewNopLogger())
	ctx := context.Background()
	if _, err := srv.Sum(ctx, nil); status.Code(err) != codes.InvalidArgument {
		t.Errorf("Sum(nil): %v", err)
	}
	if _, err := srv.Concat(ctx, nil); status.Code(err) != codes.InvalidArgument {
		t.Errorf("Concat(nil): %v", err)
	}
}

func TestGRPCDeadServer(t *testing.T) {
	t.Parallel()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := lis.Addr().String()
	_ = lis.Close()
	svc := addtransport.NewGRPCClient(dialGRPC(t, addr))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = svc.Sum(ctx, 1, 2)
	if code := status.Code(err); code != codes.Unavailable {
		t.Errorf("Sum to a closed port: %v, want Unavailable", err)
	}
	if addservice.IsBusinessError(err) {
		t.Errorf("transport failure reported as business error: %v", err)
	}
}

// TestGRPCServerStops stops a server between two calls: the second call
// fails with Unavailable and Serve returns.
func TestGRPCServerStops(t *testing.T) {
	t.Parallel()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
	pb.RegisterAddServer(s, newGRPCServer(log.NewNopLogger()))
	done := make(chan error, 1)
	go func() { done <- s.Serve(lis) }()
	svc := addtransport.NewGRPCClient(dialGRPC(t, lis.Addr().String()))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if v, err := svc.Concat(ctx, "a", "b"); v != "ab" || err != nil {
		t.Fatalf("Concat = %q, %v", v, err)
	}
	s.GracefulStop()
	if err := <-done; err != nil {
		t.Errorf("Serve after GracefulStop: %v", err)
	}
	if _, err := svc.Concat(ctx, "a", "b"); status.Code(err) != codes.Unavailable {
		t.Errorf("Concat after stop: %v, want Unavailable", err)
	}
}

func TestGRPCNilConn(t *testing.T) {
	t.Parallel()
	svc := addtransport.NewGRPCClient(nil)
	if _, err := svc.Sum(context.Background(), 1, 2); !errors.Is(err, kitgrpc.ErrNilConn) {
		t.Errorf("Sum: %v, want ErrNilConn", err)
	}
}

// fakeAdd is a hand-written Add server for the client tests.
type fakeAdd struct {
	pb.UnimplementedAddServer
	sum func() (*pb.SumReply, error)
}

func (f fakeAdd) Sum(context.Context, *pb.SumRequest) (*pb.SumReply, error) { return f.sum() }

// TestGRPCOtherServers points the client at servers that are not kit's:
// Go kit's addsvc (business errors in the reply's err field) and servers
// that misbehave. Business errors map to the sentinels; anything else is an
// error that is no business error.
func TestGRPCOtherServers(t *testing.T) {
	t.Parallel()
	withDetail := func(code pb.ErrorCode, msg string) error {
		st, err := status.New(codes.InvalidArgument, msg).WithDetails(&pb.AddError{Code: code})
		if err != nil {
			t.Fatal(err)
		}
		return st.Err()
	}
	tests := []struct {
		name    string
		sum     func() (*pb.SumReply, error)
		want    int
		wantErr error // a sentinel, or nil for "some other error"
		ok      bool
	}{
		{"go kit success", func() (*pb.SumReply, error) { return &pb.SumReply{V: 5}, nil }, 5, nil, true},
		{"go kit business error", func() (*pb.SumReply, error) { return &pb.SumReply{Err: "can't sum two zeroes"}, nil }, 0, addservice.ErrTwoZeroes, false},
		{"go kit other error", func() (*pb.SumReply, error) { return &pb.SumReply{Err: "disk full"}, nil }, 0, nil, false},
		{"detail decides over message", func() (*pb.SumReply, error) {
			return nil, withDetail(pb.ErrorCode_ERROR_CODE_INT_OVERFLOW, "overflowed, sorry")
		}, 0, addservice.ErrIntOverflow, false},
		{"message without detail", func() (*pb.SumReply, error) {
			return nil, status.Error(codes.InvalidArgument, "can't sum two zeroes")
		}, 0, addservice.ErrTwoZeroes, false},
		{"unknown detail code", func() (*pb.SumReply, error) { return nil, withDetail(99, "new rule") }, 0, nil, false},
		{"other invalid argument", func() (*pb.SumReply, error) { return nil, status.Error(codes.InvalidArgument, "bad") }, 0, nil, false},
		{"sentinel message, other code", func() (*pb.SumReply, error) {
			return nil, status.Error(codes.Internal, "can't sum two zeroes")
		}, 0, nil, false},
		{"plain error", func() (*pb.SumReply, error) { return nil, errors.New("boom") }, 0, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svc := addtransport.NewGRPCClient(startGRPC(t, fakeAdd{sum: tt.sum}))
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			v, err := svc.Sum(ctx, 1, 2)
			switch {
			case tt.ok:
				if v != tt.want || err != nil {
					t.Errorf("Sum = %v, %v; want %v, nil", v, err, tt.want)
				}
			case tt.wantErr != nil:
				if err != tt.wantErr {
					t.Errorf("Sum error = %v, want the sentinel %v", err, tt.wantErr)
				}
			default:
				if err == nil || addservice.IsBusinessError(err) {
					t.Errorf("Sum error = %v, want a non-business error", err)
				}
			}
		})
	}
}

// TestGRPCConcurrentClients shares one client between goroutines.
func TestGRPCConcurrentClients(t *testing.T) {
	t.Parallel()
	svc := addtransport.NewGRPCClient(startGRPC(t, newGRPCServer(log.NewNopLogger())))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			if v, err := svc.Sum(ctx, i, 1); v != i+1 || err != nil {
				errs <- fmt.Errorf("Sum(%d, 1) = %d, %v", i, v, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// syncBuffer is a log sink safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A gRPC server on a loopback port and a client for it: business errors
// come back as the addservice sentinels.
func ExampleNewGRPCClient() {
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram())
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
	pb.RegisterAddServer(srv, addtransport.NewGRPCServer(set, log.NewNopLogger()))
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()

	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer conn.Close()
	svc := addtransport.NewGRPCClient(conn)

	v, err := svc.Sum(context.Background(), 2, 3)
	fmt.Println(v, err)
	_, err = svc.Sum(context.Background(), 0, 0)
	fmt.Println(err == addservice.ErrTwoZeroes)
	// Output:
	// 5 <nil>
	// true
}

// FuzzGRPCServer decodes arbitrary bytes as requests, as grpc-go would, and
// hands them to the binding: it answers a reply or a status with a known
// code, never panics.
func FuzzGRPCServer(f *testing.F) {
	for _, seed := range [][]byte{
		nil,
		{0x08, 0x01, 0x10, 0x02},                // a=1 b=2
		{0x08, 0x01, 0x18, 0x01},                // an unknown field 3
		{0x0a, 0x02, 'a', 'b', 0x12, 0x01, 'c'}, // a="ab" b="c"
		{0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, // a=MaxInt64
	} {
		f.Add(seed)
	}
	srv := newGRPCServer(log.NewNopLogger())
	f.Fuzz(func(t *testing.T, b []byte) {
		ctx := context.Background()
		check := func(method string, err error) {
			switch status.Code(err) {
			case codes.OK, codes.InvalidArgument:
			default:
				t.Errorf("%s(%x): %v", method, b, err)
			}
		}
		var sr pb.SumRequest
		if proto.Unmarshal(b, &sr) == nil {
			_, err := srv.Sum(ctx, &sr)
			check("Sum", err)
		}
		var cr pb.ConcatRequest
		if proto.Unmarshal(b, &cr) == nil {
			_, err := srv.Concat(ctx, &cr)
			check("Concat", err)
		}
	})
}

// TestGRPCOverloadCodes: the rate limit and an open breaker reach gRPC
// clients as ResourceExhausted and Unavailable, as HTTP answers 429 and 503.
func TestGRPCOverloadCodes(t *testing.T) {
	t.Parallel()
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram(),
		addendpoint.WithRateLimit(rate.Every(time.Hour), 1))
	client := pb.NewAddClient(startGRPC(t, addtransport.NewGRPCServer(set, log.NewNopLogger())))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := client.Sum(ctx, &pb.SumRequest{A: 1, B: 2}); err != nil {
		t.Fatalf("first call: %v", err)
	}
	if _, err := client.Sum(ctx, &pb.SumRequest{A: 1, B: 2}); status.Code(err) != codes.ResourceExhausted {
		t.Fatalf("rate-limited call: %v, want ResourceExhausted", err)
	}
}

// TestHTTPClientHostStartingWithHTTP: an instance whose host name starts
// with "http" is a host, not a URL.
func TestHTTPClientHostStartingWithHTTP(t *testing.T) {
	t.Parallel()
	for _, mk := range []func(string, *http.Client) (addservice.Service, error){addtransport.NewHTTPClient, addtransport.NewJSONRPCClient} {
		svc, err := mk("http-addsvc.invalid:80", nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err = svc.Sum(ctx, 1, 2)
		cancel()
		if err == nil || strings.Contains(err.Error(), "unsupported protocol scheme") {
			t.Fatalf("err = %v, want a dial error for host http-addsvc.invalid", err)
		}
	}
}
