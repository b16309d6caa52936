package grpc

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

// Handler is what a gRPC service binding calls for each RPC: the generated
// server method hands it the incoming gRPC request message and returns the
// gRPC response message it gets back. request and the returned response are
// gRPC (protobuf) types, not the service's domain types. The returned context
// is the request's context after the server's hooks ran.
type Handler interface {
	ServeGRPC(ctx context.Context, request any) (context.Context, any, error)
}

// Server wraps an endpoint and implements Handler. Build it with NewServer;
// the zero value is not usable. A Server is safe for concurrent use as long
// as its endpoint, codecs and hooks are.
type Server struct {
	e            endpoint.Endpoint
	dec          DecodeRequestFunc
	enc          EncodeResponseFunc
	before       []ServerRequestFunc
	after        []ServerResponseFunc
	finalizer    []ServerFinalizerFunc
	errorHandler transport.ErrorHandler
}

// NewServer constructs a new server, which wraps the provided endpoint and
// implements the Handler interface. dec turns the gRPC request message into
// the endpoint's request value and enc turns the endpoint's response into
// the gRPC response message. Services write a binding that implements the
// generated server interface by calling ServeGRPC, one Server per RPC.
//
// By default errors are handed to an error handler that discards them; see
// ServerErrorHandler.
func NewServer(
	e endpoint.Endpoint,
	dec DecodeRequestFunc,
	enc EncodeResponseFunc,
	options ...ServerOption,
) *Server {
	s := &Server{
		e:            e,
		dec:          dec,
		enc:          enc,
		errorHandler: transport.NewLogErrorHandler(log.NewNopLogger()),
	}
	for _, option := range options {
		option(s)
	}
	return s
}

// ServerOption sets an optional parameter for servers.
type ServerOption func(*Server)

// ServerBefore appends functions that are executed before the request is
// decoded, in the order given. Each receives the context returned by the
// previous one and the request's incoming metadata (an empty, non-nil MD if
// the request has none). The metadata is a copy the functions may keep or
// modify.
//
// Only servers with at least one ServerBefore function read the incoming
// metadata at all.
func ServerBefore(before ...ServerRequestFunc) ServerOption {
	return func(s *Server) { s.before = append(s.before, before...) }
}

// ServerAfter appends functions that are executed after the endpoint
// succeeded, before the response is encoded, in the order given. They
// receive pointers to the response header and trailer metadata (non-nil,
// empty maps to start with; a function may also replace them); whatever
// they hold once the response is encoded is sent with grpc.SendHeader and
// grpc.SetTrailer. Nothing is sent for an empty header or trailer.
func ServerAfter(after ...ServerResponseFunc) ServerOption {
	return func(s *Server) { s.after = append(s.after, after...) }
}

// ServerErrorLogger makes the server log every error it meets to logger, as
// the pair "err", err. It is shorthand for
// ServerErrorHandler(transport.NewLogErrorHandler(logger)).
//
// Deprecated: Use ServerErrorHandler instead.
func ServerErrorLogger(logger log.Logger) ServerOption {
	return func(s *Server) { s.errorHandler = transport.NewLogErrorHandler(logger) }
}

// ServerErrorHandler sets the handler that sees every error (decoder,
// endpoint, encoder, sending metadata) before ServeGRPC returns it, for
// diagnostics such as logging or counting. It cannot change the error; by
// default errors are discarded.
func ServerErrorHandler(errorHandler transport.ErrorHandler) ServerOption {
	return func(s *Server) { s.errorHandler = errorHandler }
}

// ServerFinalizer appends functions that are executed at the end of every
// ServeGRPC call, in the order given, whether it succeeded or not (also
// when a codec or the endpoint panics). See ServerFinalizerFunc.
func ServerFinalizer(f ...ServerFinalizerFunc) ServerOption {
	return func(s *Server) { s.finalizer = append(s.finalizer, f...) }
}

// ServeGRPC implements the Handler interface. For each request it runs, in
// order: the before functions, the decoder, the endpoint, the after
// functions and the encoder, then sends the header and trailer metadata the
// after functions set. The first error ends the call: it goes to the error
// handler and is returned as is, with a nil response, and the returned
// context is the one the hooks had built so far. Finalizers run last, in all
// cases.
//
// ServeGRPC does not turn errors into gRPC statuses: the binding returns
// them to grpc-go, which does. An error that is, or wraps (errors.As), an
// error with a GRPCStatus() *status.Status method, such as one from
// status.Error, keeps its code; a wrapped one gets the whole err.Error() as
// its message. context.Canceled and context.DeadlineExceeded become Canceled
// and DeadlineExceeded; any other error becomes Unknown. So the decoder is the
// place to answer bad input with, say, status.Error(codes.InvalidArgument,
// ...).
//
// A panic in a codec, a hook or the endpoint is not recovered: grpc-go does
// not recover handler panics either, so it crashes the process. Use a
// recovering interceptor or endpoint middleware when that matters.
func (s Server) ServeGRPC(ctx context.Context, req any) (retctx context.Context, resp any, err error) {
	if len(s.finalizer) > 0 {
		defer func() {
			for _, f := range s.finalizer {
				f(ctx, err)
			}
		}()
	}

	if len(s.before) > 0 {
		md, ok := metadata.FromIncomingContext(ctx)
		if !ok {
			md = metadata.MD{}
		}
		for _, f := range s.before {
			ctx = f(ctx, md)
		}
	}

	request, err := s.dec(ctx, req)
	if err != nil {
		s.errorHandler.Handle(ctx, err)
		return ctx, nil, err
	}

	response, err := s.e(ctx, request)
	if err != nil {
		s.errorHandler.Handle(ctx, err)
		return ctx, nil, err
	}

	if len(s.after) == 0 {
		// The fast path: no metadata to send.
		resp, err = s.enc(ctx, response)
		if err != nil {
			s.errorHandler.Handle(ctx, err)
			return ctx, nil, err
		}
		return ctx, resp, nil
	}

	header, trailer := metadata.MD{}, metadata.MD{}
	for _, f := range s.after {
		ctx = f(ctx, &header, &trailer)
	}

	resp, err = s.enc(ctx, response)
	if err != nil {
		s.errorHandler.Handle(ctx, err)
		return ctx, nil, err
	}

	if len(header) > 0 {
		if err = grpc.SendHeader(ctx, header); err != nil {
			s.errorHandler.Handle(ctx, err)
			return ctx, nil, err
		}
	}
	if len(trailer) > 0 {
		if err = grpc.SetTrailer(ctx, trailer); err != nil {
			s.errorHandler.Handle(ctx, err)
			return ctx, nil, err
		}
	}
	return ctx, resp, nil
}

// ServerFinalizerFunc runs once a Server is done with a request, typically
// to log or measure it. err is the error ServeGRPC returns, nil on success;
// ctx is the request's context with what the hooks added to it.
type ServerFinalizerFunc func(ctx context.Context, err error)

// Interceptor is a grpc.UnaryServerInterceptor that stores the called
// method's full name ("/package.Service/Method") in the context under
// ContextKeyRequestMethod, for the hooks and middlewares of the handlers
// behind it. Install it when creating the server:
//
//	grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
//
// A nil info is tolerated: the handler is then called with ctx unchanged.
func Interceptor(
	ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler,
) (resp any, err error) {
	if info != nil {
		ctx = context.WithValue(ctx, ContextKeyRequestMethod, info.FullMethod)
	}
	return handler(ctx, req)
}
