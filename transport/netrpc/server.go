package netrpc

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"net/rpc"
	"reflect"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

// MethodName is the name of a Server's one net/rpc method: a Server
// registered as service "Sum" is called as "Sum.Call" (see ServiceMethod).
const MethodName = "Call"

// ServiceMethod returns the net/rpc service method name ("service.Call")
// under which the Server registered as service is called.
func ServiceMethod(service string) string { return service + "." + MethodName }

// ErrType is wrapped by the errors returned when a value does not have the
// type a Server or client endpoint needs: an endpoint response that is not
// the Server's Resp type (without an encoder), a request that is not the
// client's Req type (without an encoder), or a wire type net/rpc cannot
// serve (see Register). Test with errors.Is.
var ErrType = errors.New("netrpc: unexpected type")

// DecodeRequestFunc turns the request a Server received into the
// endpoint's request value.
type DecodeRequestFunc[Req any] func(ctx context.Context, req Req) (request any, err error)

// EncodeResponseFunc turns the endpoint's response value into the reply a
// Server sends.
type EncodeResponseFunc[Resp any] func(ctx context.Context, response any) (Resp, error)

// ServerRequestFunc may put values into the context of a call before the
// request is decoded; net/rpc carries no metadata, so its input is only the
// context (context.Background() with what previous functions added).
type ServerRequestFunc func(ctx context.Context) context.Context

// ServerFinalizerFunc runs at the end of every call a Server serves, with
// the error Call returns (nil on success).
type ServerFinalizerFunc func(ctx context.Context, err error)

// ServerOption sets an optional parameter for servers of any type.
type ServerOption func(*serverConfig)

type serverConfig struct {
	before       []ServerRequestFunc
	finalizer    []ServerFinalizerFunc
	errorHandler transport.ErrorHandler
}

// ServerBefore appends functions that run at the start of every call, in
// the order given, each receiving the context the previous one returned.
func ServerBefore(before ...ServerRequestFunc) ServerOption {
	return func(c *serverConfig) { c.before = append(c.before, before...) }
}

// ServerFinalizer appends functions that run at the end of every call, in
// the order given, whether it succeeded or not.
func ServerFinalizer(f ...ServerFinalizerFunc) ServerOption {
	return func(c *serverConfig) { c.finalizer = append(c.finalizer, f...) }
}

// ServerErrorHandler sets the handler that sees every decoder, endpoint and
// encoder error before Call returns it, for diagnostics such as logging or
// counting. By default errors are discarded.
func ServerErrorHandler(errorHandler transport.ErrorHandler) ServerOption {
	return func(c *serverConfig) { c.errorHandler = errorHandler }
}

// Server exposes one endpoint as a net/rpc service whose only method, Call,
// takes a Req and replies with a Resp. Register it with Register (or
// rpc.Server.RegisterName); net/rpc encodes Req and Resp with its codec
// (gob by default), so both must be exported or built-in types that codec
// can carry. Build it with NewServer; the zero value is not usable. A Server
// is safe for concurrent use as long as its endpoint, codecs and hooks are.
type Server[Req, Resp any] struct {
	e   endpoint.Endpoint
	dec DecodeRequestFunc[Req]
	enc EncodeResponseFunc[Resp]
	cfg serverConfig
}

// NewServer returns a Server for the endpoint e. dec turns the received Req
// into the endpoint's request; a nil dec passes the Req itself. enc turns
// the endpoint's response into the Resp sent back; a nil enc requires the
// response to be a Resp and fails the call with an ErrType error otherwise.
func NewServer[Req, Resp any](
	e endpoint.Endpoint,
	dec DecodeRequestFunc[Req],
	enc EncodeResponseFunc[Resp],
	options ...ServerOption,
) *Server[Req, Resp] {
	s := &Server[Req, Resp]{
		e:   e,
		dec: dec,
		enc: enc,
		cfg: serverConfig{errorHandler: transport.NewLogErrorHandler(log.NewNopLogger())},
	}
	for _, option := range options {
		option(&s.cfg)
	}
	return s
}

// Call is the net/rpc method. For each call it runs the before functions
// (starting from context.Background(): net/rpc has no per-call context),
// the decoder, the endpoint and the encoder, and stores the result in
// *resp. The first error ends the call: it goes to the error handler and is
// returned, and net/rpc sends its Error() text to the client, which gets it
// as an rpc.ServerError. Finalizers run last, in all cases.
func (s *Server[Req, Resp]) Call(req Req, resp *Resp) (err error) {
	ctx := context.Background()
	if len(s.cfg.finalizer) > 0 {
		defer func() {
			for _, f := range s.cfg.finalizer {
				f(ctx, err)
			}
		}()
	}
	for _, f := range s.cfg.before {
		ctx = f(ctx)
	}

	var request any = req
	if s.dec != nil {
		if request, err = s.dec(ctx, req); err != nil {
			return s.fail(ctx, err)
		}
	}

	response, err := s.e(ctx, request)
	if err != nil {
		return s.fail(ctx, err)
	}

	if s.enc != nil {
		r, err := s.enc(ctx, response)
		if err != nil {
			return s.fail(ctx, err)
		}
		*resp = r
		return nil
	}
	r, ok := response.(Resp)
	if !ok {
		return s.fail(ctx, fmt.Errorf("%w: endpoint response is %T, want %s", ErrType, response, typeName[Resp]()))
	}
	*resp = r
	return nil
}

func (s *Server[Req, Resp]) fail(ctx context.Context, err error) error {
	s.cfg.errorHandler.Handle(ctx, err)
	return err
}

// Register registers s on srv as the service name, to be called as
// ServiceMethod(name). Unlike srv.RegisterName, which logs its complaints
// through the standard logger, it checks first that name is not empty and
// that Req and Resp are exported or built-in types (as net/rpc requires)
// and returns an error wrapping ErrType if not. Registering the same name
// twice is an error, as with net/rpc.
func Register[Req, Resp any](srv *rpc.Server, name string, s *Server[Req, Resp]) error {
	if srv == nil || s == nil {
		return errors.New("netrpc: Register needs a non-nil rpc.Server and Server")
	}
	if name == "" {
		return errors.New("netrpc: Register needs a service name")
	}
	for _, t := range []reflect.Type{reflect.TypeFor[Req](), reflect.TypeFor[Resp]()} {
		if !exportedOrBuiltin(t) {
			return fmt.Errorf("%w: net/rpc cannot serve %s: the type is not exported", ErrType, t)
		}
	}
	return srv.RegisterName(name, s)
}

// exportedOrBuiltin mirrors net/rpc's rule for argument and reply types.
func exportedOrBuiltin(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return token.IsExported(t.Name()) || t.PkgPath() == ""
}

func typeName[T any]() string { return reflect.TypeFor[T]().String() }
