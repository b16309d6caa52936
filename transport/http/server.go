package http

import (
	"context"
	"net/http"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

// Server wraps an endpoint and implements http.Handler. Build it with
// NewServer; the zero value is not usable. A Server is safe for concurrent
// use as long as its endpoint, codecs and hooks are.
type Server struct {
	e            endpoint.Endpoint
	dec          DecodeRequestFunc
	enc          EncodeResponseFunc
	before       []RequestFunc
	after        []ServerResponseFunc
	errorEncoder ErrorEncoder
	finalizer    []ServerFinalizerFunc
	errorHandler transport.ErrorHandler
}

// NewServer constructs a new server, which implements http.Handler and wraps
// the provided endpoint. dec turns the incoming request into the endpoint's
// request value and enc writes the endpoint's response to the client.
//
// By default errors are encoded with DefaultErrorEncoder and handed to an
// error handler that discards them; see ServerErrorEncoder and
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
		errorEncoder: DefaultErrorEncoder,
		errorHandler: transport.NewLogErrorHandler(log.NewNopLogger()),
	}
	for _, option := range options {
		option(s)
	}
	return s
}

// ServerOption sets an optional parameter for servers.
type ServerOption func(*Server)

// ServerBefore appends functions that are executed on the HTTP request
// object before the request is decoded, in the order given. Each receives
// the context returned by the previous one.
func ServerBefore(before ...RequestFunc) ServerOption {
	return func(s *Server) { s.before = append(s.before, before...) }
}

// ServerAfter appends functions that are executed on the HTTP response
// writer after the endpoint is invoked, but before anything is written to
// the client, in the order given.
func ServerAfter(after ...ServerResponseFunc) ServerOption {
	return func(s *Server) { s.after = append(s.after, after...) }
}

// ServerErrorEncoder replaces the function that writes an error to the
// client (DefaultErrorEncoder unless set). It is called for decoder,
// endpoint and encoder errors, after the error handler.
func ServerErrorEncoder(ee ErrorEncoder) ServerOption {
	return func(s *Server) { s.errorEncoder = ee }
}

// ServerErrorLogger makes the server log every error it meets to logger, as
// the pair "err", err. It is shorthand for
// ServerErrorHandler(transport.NewLogErrorHandler(logger)).
//
// Deprecated: Use ServerErrorHandler instead.
func ServerErrorLogger(logger log.Logger) ServerOption {
	return func(s *Server) { s.errorHandler = transport.NewLogErrorHandler(logger) }
}

// ServerErrorHandler sets the handler that sees every error before it is
// encoded, for diagnostics such as logging or counting. The handler cannot
// change what the client receives; use ServerErrorEncoder for that. By
// default errors are discarded.
func ServerErrorHandler(errorHandler transport.ErrorHandler) ServerOption {
	return func(s *Server) { s.errorHandler = errorHandler }
}

// ServerFinalizer appends functions that are executed at the end of every
// HTTP request, after the response has been written (or failed to be).
// Their context carries ContextKeyResponseHeaders (http.Header) and
// ContextKeyResponseSize (int64, bytes of body written), and code is the
// status code of the response: the last final code given to WriteHeader (200
// if none was). As in Go kit, when an encoder fails after writing its status,
// code is the error encoder's, although the client already got the first
// one. Finalizers run in the order given.
//
// Only servers with at least one finalizer wrap the http.ResponseWriter to
// record the status and size; the wrapper keeps http.Flusher, http.Hijacker
// and http.Pusher when the original writer has them, implements
// io.ReaderFrom, and unwraps for http.ResponseController. It does not keep
// the deprecated http.CloseNotifier (Go kit's does): use the request's
// context instead.
func ServerFinalizer(f ...ServerFinalizerFunc) ServerOption {
	return func(s *Server) { s.finalizer = append(s.finalizer, f...) }
}

// ServeHTTP implements http.Handler. For each request it runs, in order: the
// before functions, the decoder, the endpoint, the after functions and the
// encoder. An error from the decoder, the endpoint, or the encoder is passed
// to the error handler and then to the error encoder, and the request ends
// there. Finalizers run last, in all cases.
//
// A response implementing endpoint.Failer is encoded like any other
// response, as in Go kit: the response encoder decides how a business error
// is written (see the addsvc example).
//
// A panic in a codec or the endpoint is not recovered by the Server: it
// propagates to net/http, which logs it, aborts that one response and keeps
// serving other requests. Use a recovering endpoint.Middleware to turn
// panics into errors instead.
func (s Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()

	if len(s.finalizer) > 0 {
		iw := newInterceptingWriter(w)
		w = iw.wrap()
		defer func() {
			ctx = context.WithValue(ctx, ContextKeyResponseHeaders, iw.Header())
			ctx = context.WithValue(ctx, ContextKeyResponseSize, iw.written)
			for _, f := range s.finalizer {
				f(ctx, iw.code, r)
			}
		}()
	}

	for _, f := range s.before {
		ctx = f(ctx, r)
	}

	request, err := s.dec(ctx, r)
	if err != nil {
		s.fail(ctx, err, w)
		return
	}

	response, err := s.e(ctx, request)
	if err != nil {
		s.fail(ctx, err, w)
		return
	}

	for _, f := range s.after {
		ctx = f(ctx, w)
	}

	if err := s.enc(ctx, w, response); err != nil {
		s.fail(ctx, err, w)
		return
	}
}

func (s Server) fail(ctx context.Context, err error, w http.ResponseWriter) {
	s.errorHandler.Handle(ctx, err)
	s.errorEncoder(ctx, err, w)
}

// ErrorEncoder writes err to the client through w: status code, headers and
// body. A custom ErrorEncoder is the place to map a service's own error types
// to HTTP responses.
type ErrorEncoder func(ctx context.Context, err error, w http.ResponseWriter)

// ServerFinalizerFunc runs once the server is done with a request, typically
// to log or measure it. code is the response's status code (see
// ServerFinalizer); ctx also
// holds the response headers and size under ContextKeyResponseHeaders and
// ContextKeyResponseSize.
type ServerFinalizerFunc func(ctx context.Context, code int, r *http.Request)

// NopRequestDecoder is a DecodeRequestFunc for endpoints that take no
// request: it ignores r and returns nil, nil.
func NopRequestDecoder(ctx context.Context, r *http.Request) (any, error) {
	return nil, nil
}
