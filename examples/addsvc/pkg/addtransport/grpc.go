package addtransport

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"

	"github.com/sony/gobreaker"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/addsvc/pb"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/ratelimit"
	"github.com/seedkit/kit/transport"
	grpctransport "github.com/seedkit/kit/transport/grpc"
)

// grpcServiceName is the fully qualified name of the Add service in
// addsvc.proto, the same as Go kit's addsvc.
const grpcServiceName = "pb.Add"

// NewGRPCServer returns the generated pb.AddServer implemented by the
// endpoints, one grpctransport.Server per method. Register it on a
// grpc.Server, preferably one created with
// grpc.UnaryInterceptor(grpctransport.Interceptor).
//
// Business errors are answered with codes.InvalidArgument, the error's
// message and a pb.AddError naming it in the status details. A request with
// fields the server does not know, or (on 32-bit platforms) an operand out
// of the range of int, is answered with codes.InvalidArgument. Those
// decoding failures and transport failures go to logger; business errors
// do not (the service's logging middleware sees them).
// options are added to both methods' servers after addsvc's own.
func NewGRPCServer(endpoints addendpoint.Set, logger log.Logger, options ...grpctransport.ServerOption) pb.AddServer {
	opts := append([]grpctransport.ServerOption{
		grpctransport.ServerErrorHandler(transport.NewLogErrorHandler(logger)),
	}, options...)
	return &grpcServer{
		sum:    grpctransport.NewServer(endpoints.SumEndpoint, decodeGRPCSumRequest, encodeGRPCSumResponse, opts...),
		concat: grpctransport.NewServer(endpoints.ConcatEndpoint, decodeGRPCConcatRequest, encodeGRPCConcatResponse, opts...),
	}
}

type grpcServer struct {
	pb.UnimplementedAddServer
	sum, concat grpctransport.Handler
}

func (s *grpcServer) Sum(ctx context.Context, req *pb.SumRequest) (*pb.SumReply, error) {
	return serveGRPC[pb.SumReply](ctx, s.sum, req)
}

func (s *grpcServer) Concat(ctx context.Context, req *pb.ConcatRequest) (*pb.ConcatReply, error) {
	return serveGRPC[pb.ConcatReply](ctx, s.concat, req)
}

// serveGRPC calls h and returns its reply, or the status an encoder chose
// for a business error as the RPC's error. The encoders return that status
// as a response rather than an error, so the Server's error handler does
// not log business errors as transport failures.
func serveGRPC[Reply any](ctx context.Context, h grpctransport.Handler, req any) (*Reply, error) {
	_, resp, err := h.ServeGRPC(ctx, req)
	if err != nil {
		return nil, grpcError(err)
	}
	switch r := resp.(type) {
	case *Reply:
		return r, nil
	case *status.Status:
		return nil, r.Err()
	}
	return nil, status.Errorf(codes.Internal, "addsvc: unexpected response type %T", resp)
}

// grpcError gives the endpoint's overload errors the codes gRPC clients and
// retry policies understand, as the HTTP transport answers 429 and 503:
// ResourceExhausted for the rate limit, Unavailable for an open circuit
// breaker. Other errors keep their own status (Unknown if none).
func grpcError(err error) error {
	switch {
	case errors.Is(err, ratelimit.ErrLimited):
		return status.Error(codes.ResourceExhausted, err.Error())
	case errors.Is(err, gobreaker.ErrOpenState), errors.Is(err, gobreaker.ErrTooManyRequests):
		return status.Error(codes.Unavailable, err.Error())
	}
	return err
}

func decodeGRPCSumRequest(_ context.Context, grpcReq any) (any, error) {
	r, ok := grpcReq.(*pb.SumRequest)
	if !ok || r == nil {
		return nil, status.Errorf(codes.InvalidArgument, "addsvc: want a *pb.SumRequest, got %T", grpcReq)
	}
	if err := noUnknownFields(r); err != nil {
		return nil, err
	}
	a, b := int(r.A), int(r.B)
	if int64(a) != r.A || int64(b) != r.B {
		return nil, status.Errorf(codes.InvalidArgument, "addsvc: operands %d and %d must fit in %d bits", r.A, r.B, strconv.IntSize)
	}
	return addendpoint.SumRequest{A: a, B: b}, nil
}

func decodeGRPCConcatRequest(_ context.Context, grpcReq any) (any, error) {
	r, ok := grpcReq.(*pb.ConcatRequest)
	if !ok || r == nil {
		return nil, status.Errorf(codes.InvalidArgument, "addsvc: want a *pb.ConcatRequest, got %T", grpcReq)
	}
	if err := noUnknownFields(r); err != nil {
		return nil, err
	}
	return addendpoint.ConcatRequest{A: r.A, B: r.B}, nil
}

// noUnknownFields rejects a request carrying fields that addsvc.proto does
// not define (or defines with another type), as the HTTP transport rejects
// unknown JSON fields: the caller speaks another schema.
func noUnknownFields(m proto.Message) error {
	if len(m.ProtoReflect().GetUnknown()) > 0 {
		return status.Errorf(codes.InvalidArgument, "addsvc: %s has unknown fields", m.ProtoReflect().Descriptor().Name())
	}
	return nil
}

func encodeGRPCSumResponse(_ context.Context, response any) (any, error) {
	r, ok := response.(addendpoint.SumResponse)
	if !ok {
		return nil, typeError[addendpoint.SumResponse]("response", response)
	}
	if r.Err != nil {
		return grpcStatus(r.Err), nil
	}
	return &pb.SumReply{V: int64(r.V)}, nil
}

func encodeGRPCConcatResponse(_ context.Context, response any) (any, error) {
	r, ok := response.(addendpoint.ConcatResponse)
	if !ok {
		return nil, typeError[addendpoint.ConcatResponse]("response", response)
	}
	if r.Err != nil {
		return grpcStatus(r.Err), nil
	}
	return &pb.ConcatReply{V: r.V}, nil
}

// The wire names of the business errors, both ways.
var grpcCodes = []struct {
	sentinel error
	code     pb.ErrorCode
}{
	{addservice.ErrTwoZeroes, pb.ErrorCode_ERROR_CODE_TWO_ZEROES},
	{addservice.ErrIntOverflow, pb.ErrorCode_ERROR_CODE_INT_OVERFLOW},
	{addservice.ErrMaxSizeExceeded, pb.ErrorCode_ERROR_CODE_MAX_SIZE_EXCEEDED},
}

// grpcStatus is the status answering the error an endpoint put in its
// response: InvalidArgument with an AddError detail for a business error,
// Unknown (as grpc-go would choose) for anything else.
func grpcStatus(err error) *status.Status {
	for _, c := range grpcCodes {
		if errors.Is(err, c.sentinel) {
			st := status.New(codes.InvalidArgument, err.Error())
			if withDetail, derr := st.WithDetails(&pb.AddError{Code: c.code}); derr == nil {
				st = withDetail
			}
			return st
		}
	}
	return status.New(codes.Unknown, err.Error())
}

// NewGRPCClient returns a Service calling an addsvc gRPC server over conn,
// one grpctransport.Client per method. The caller owns conn and closes it
// after the last call; the Service is safe for concurrent use, as conn is.
//
// Business errors come back as the addservice sentinels (errors.Is and ==
// work), whether the server sent them as a status with a pb.AddError detail
// (kit) or in the reply's err field (Go kit). Every other failure is
// returned as grpc-go's status error: status.Code tells the code, for
// example codes.Unavailable for a server that cannot be reached. With a nil
// conn, every call fails with grpctransport.ErrNilConn.
func NewGRPCClient(conn *grpc.ClientConn) addservice.Service {
	return addendpoint.Set{
		SumEndpoint: grpcBusinessErrors[addendpoint.SumResponse](grpctransport.NewClient(
			conn, grpcServiceName, "Sum", encodeGRPCSumRequest, decodeGRPCSumResponse, pb.SumReply{}).Endpoint()),
		ConcatEndpoint: grpcBusinessErrors[addendpoint.ConcatResponse](grpctransport.NewClient(
			conn, grpcServiceName, "Concat", encodeGRPCConcatRequest, decodeGRPCConcatResponse, pb.ConcatReply{}).Endpoint()),
	}
}

func encodeGRPCSumRequest(_ context.Context, request any) (any, error) {
	r, ok := request.(addendpoint.SumRequest)
	if !ok {
		return nil, typeError[addendpoint.SumRequest]("request", request)
	}
	return &pb.SumRequest{A: int64(r.A), B: int64(r.B)}, nil
}

func encodeGRPCConcatRequest(_ context.Context, request any) (any, error) {
	r, ok := request.(addendpoint.ConcatRequest)
	if !ok {
		return nil, typeError[addendpoint.ConcatRequest]("request", request)
	}
	return &pb.ConcatRequest{A: r.A, B: r.B}, nil
}

func decodeGRPCSumResponse(_ context.Context, grpcReply any) (any, error) {
	r := grpcReply.(*pb.SumReply) // the Client allocates it
	if r.Err != "" {
		return addendpoint.SumResponse{Err: errorFromMessage(r.Err)}, nil
	}
	v := int(r.V)
	if int64(v) != r.V {
		return nil, fmt.Errorf("addsvc: sum %d does not fit in an int", r.V)
	}
	return addendpoint.SumResponse{V: v}, nil
}

func decodeGRPCConcatResponse(_ context.Context, grpcReply any) (any, error) {
	r := grpcReply.(*pb.ConcatReply)
	if r.Err != "" {
		return addendpoint.ConcatResponse{Err: errorFromMessage(r.Err)}, nil
	}
	return addendpoint.ConcatResponse{V: r.V}, nil
}

// grpcBusinessErrors turns a status carrying a business error, which the
// grpctransport Client returns as the endpoint's error, into a response of
// type Resp with the sentinel in its Err field, like the other clients do.
func grpcBusinessErrors[Resp any](next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		response, err := next(ctx, request)
		if err == nil {
			return response, nil
		}
		if berr := grpcBusinessError(err); berr != nil {
			return withErr[Resp](berr), nil
		}
		return nil, err
	}
}

// grpcBusinessError returns the sentinel that a status error names, or nil
// when err is no business error. The AddError detail decides; without one,
// an InvalidArgument status whose message is a sentinel's counts too.
func grpcBusinessError(err error) error {
	st, ok := status.FromError(err)
	if !ok || st.Code() != codes.InvalidArgument {
		return nil
	}
	for _, d := range st.Details() {
		if ae, ok := d.(*pb.AddError); ok {
			for _, c := range grpcCodes {
				if ae.Code == c.code {
					return c.sentinel
				}
			}
		}
	}
	if berr := errorFromMessage(st.Message()); addservice.IsBusinessError(berr) {
		return berr
	}
	return nil
}

// typeError reports a value of the wrong type handed to a codec.
func typeError[Want any](role string, got any) error {
	return &endpoint.TypeError{Role: role, Want: reflect.TypeFor[Want](), Got: reflect.TypeOf(got)}
}
