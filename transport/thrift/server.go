package thrift

import (
	"context"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

// DecodeRequestFunc turns the arguments of a Thrift call, as the handler
// method packs them, into an endpoint request.
type DecodeRequestFunc func(ctx context.Context, args any) (request any, err error)

// EncodeResponseFunc turns an endpoint response into what the handler
// method returns to Thrift. Returning an error makes the call fail with it;
// a business error should be returned as the service's Thrift exception so
// the client sees it typed.
type EncodeResponseFunc func(ctx context.Context, response any) (reply any, err error)

// ServerRequestFunc may take information from the call's context (its
// THeaders, for instance) and put it into the returned context, before the
// request is decoded.
type ServerRequestFunc func(ctx context.Context) context.Context

// ServerResponseFunc may change the context after the endpoint ran, before
// the response is encoded.
type ServerResponseFunc func(ctx context.Context, response any) context.Context

// ServerFinalizerFunc runs at the end of every call, with the error the
// call ends with (nil on success).
type ServerFinalizerFunc func(ctx context.Context, err error)

// Server wraps an endpoint for one method of a Thrift handler. Build it
// with NewServer.
type Server struct {
	e            endpoint.Endpoint
	dec          DecodeRequestFunc
	enc          EncodeResponseFunc
	before       []ServerRequestFunc
	after        []ServerResponseFunc
	finalizer    []ServerFinalizerFunc
	errorHandler transport.ErrorHandler
}

// NewServer returns a Server that decodes a call's arguments with dec, calls
// e and encodes its response with enc.
func NewServer(e endpoint.Endpoint, dec DecodeRequestFunc, enc EncodeResponseFunc, options ...ServerOption) *Server {
	s := &Server{e: e, dec: dec, enc: enc, errorHandler: transport.NewLogErrorHandler(log.NewNopLogger())}
	for _, o := range options {
		o(s)
	}
	return s
}

// ServerOption sets an optional parameter of a Server.
type ServerOption func(*Server)

// ServerBefore appends hooks run before the request is decoded, in order.
func ServerBefore(before ...ServerRequestFunc) ServerOption {
	return func(s *Server) { s.before = append(s.before, before...) }
}

// ServerAfter appends hooks run after the endpoint, before encoding, in order.
func ServerAfter(after ...ServerResponseFunc) ServerOption {
	return func(s *Server) { s.after = append(s.after, after...) }
}

// ServerFinalizer appends functions run at the end of every call.
func ServerFinalizer(f ...ServerFinalizerFunc) ServerOption {
	return func(s *Server) { s.finalizer = append(s.finalizer, f...) }
}

// ServerErrorHandler sets what sees every decode, endpoint and encode error
// (by default nothing). It observes errors; it does not change the reply.
func ServerErrorHandler(h transport.ErrorHandler) ServerOption {
	return func(s *Server) { s.errorHandler = h }
}

// Serve runs one call: the before hooks, dec, the endpoint, the after hooks
// and enc. It returns the final context and the encoded reply, or the first
// error met.
func (s *Server) Serve(ctx context.Context, args any) (retctx context.Context, reply any, err error) {
	if len(s.finalizer) > 0 {
		defer func() {
			for _, f := range s.finalizer {
				f(ctx, err)
			}
		}()
	}
	for _, f := range s.before {
		ctx = f(ctx)
	}
	request, err := s.dec(ctx, args)
	if err != nil {
		s.errorHandler.Handle(ctx, err)
		return ctx, nil, err
	}
	response, err := s.e(ctx, request)
	if err != nil {
		s.errorHandler.Handle(ctx, err)
		return ctx, nil, err
	}
	for _, f := range s.after {
		ctx = f(ctx, response)
	}
	reply, err = s.enc(ctx, response)
	if err != nil {
		s.errorHandler.Handle(ctx, err)
		return ctx, nil, err
	}
	return ctx, reply, nil
}
