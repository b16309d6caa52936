package awslambda

import (
	"context"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

// Handler wraps an endpoint and implements the AWS Lambda Go runtime's
// lambda.Handler interface (Invoke(context.Context, []byte) ([]byte,
// error)) without importing the SDK: pass it to lambda.StartHandler. Build it
// with NewHandler; the zero value is not usable. A Handler is safe for
// concurrent use as long as its endpoint, codecs and hooks are.
type Handler struct {
	e            endpoint.Endpoint
	dec          DecodeRequestFunc
	enc          EncodeResponseFunc
	before       []HandlerRequestFunc
	after        []HandlerResponseFunc
	errorEncoder ErrorEncoder
	finalizer    []HandlerFinalizerFunc
	errorHandler transport.ErrorHandler
}

// NewHandler constructs a new Handler that wraps the endpoint e. dec turns
// the invocation payload into the endpoint's request value and enc turns the
// endpoint's response into the bytes returned to Lambda.
//
// By default errors are returned as they are (DefaultErrorEncoder) after
// going to an error handler that discards them; see HandlerErrorEncoder and
// HandlerErrorHandler.
func NewHandler(
	e endpoint.Endpoint,
	dec DecodeRequestFunc,
	enc EncodeResponseFunc,
	options ...HandlerOption,
) *Handler {
	h := &Handler{
		e:            e,
		dec:          dec,
		enc:          enc,
		errorEncoder: DefaultErrorEncoder,
		errorHandler: transport.NewLogErrorHandler(log.NewNopLogger()),
	}
	for _, option := range options {
		option(h)
	}
	return h
}

// HandlerOption sets an optional parameter for handlers.
type HandlerOption func(*Handler)

// HandlerBefore appends functions that are executed on the payload before
// it is decoded, in the order given. Each receives the context returned by
// the previous one.
func HandlerBefore(before ...HandlerRequestFunc) HandlerOption {
	return func(h *Handler) { h.before = append(h.before, before...) }
}

// HandlerAfter appends functions that are executed on the endpoint's
// response after the endpoint succeeded and before the response is encoded,
// in the order given.
func HandlerAfter(after ...HandlerResponseFunc) HandlerOption {
	return func(h *Handler) { h.after = append(h.after, after...) }
}

// HandlerErrorLogger makes the handler log every error it meets to logger,
// as the pair "err", err. It is shorthand for
// HandlerErrorHandler(transport.NewLogErrorHandler(logger)).
//
// Deprecated: Use HandlerErrorHandler instead.
func HandlerErrorLogger(logger log.Logger) HandlerOption {
	return func(h *Handler) { h.errorHandler = transport.NewLogErrorHandler(logger) }
}

// HandlerErrorHandler sets the handler that sees every decoder, endpoint
// and encoder error before it is encoded, for diagnostics such as logging or
// counting. It cannot change what Invoke returns; use HandlerErrorEncoder
// for that. By default errors are discarded.
func HandlerErrorHandler(errorHandler transport.ErrorHandler) HandlerOption {
	return func(h *Handler) { h.errorHandler = errorHandler }
}

// HandlerErrorEncoder replaces the function that turns an error into what
// Invoke returns (DefaultErrorEncoder unless set). An encoder that returns a
// payload and a nil error makes the invocation succeed with that payload,
// for APIs that report errors in the response body.
func HandlerErrorEncoder(ee ErrorEncoder) HandlerOption {
	return func(h *Handler) { h.errorEncoder = ee }
}

// HandlerFinalizer appends functions that are executed at the end of every
// invocation, in the order given, with what Invoke returns. See
// HandlerFinalizerFunc.
func HandlerFinalizer(f ...HandlerFinalizerFunc) HandlerOption {
	return func(h *Handler) { h.finalizer = append(h.finalizer, f...) }
}

// DefaultErrorEncoder is the ErrorEncoder handlers use unless told
// otherwise: it returns a nil payload and err itself, so the Lambda runtime
// reports the invocation as failed with err's message.
func DefaultErrorEncoder(ctx context.Context, err error) ([]byte, error) {
	return nil, err
}

// Invoke implements the AWS Lambda lambda.Handler interface. For each
// invocation it runs, in order: the before functions, the decoder, the
// endpoint, the after functions and the encoder. An error from the decoder,
// the endpoint or the encoder goes to the error handler, and Invoke returns
// what the error encoder makes of it. Finalizers run last, in all cases
// (also when a codec or the endpoint panics), with Invoke's results.
//
// Invoke does not keep payload past its return unless the decoder does.
func (h *Handler) Invoke(
	ctx context.Context,
	payload []byte,
) (resp []byte, err error) {
	if len(h.finalizer) > 0 {
		defer func() {
			for _, f := range h.finalizer {
				f(ctx, resp, err)
			}
		}()
	}

	for _, f := range h.before {
		ctx = f(ctx, payload)
	}

	request, err := h.dec(ctx, payload)
	if err != nil {
		return h.fail(ctx, err)
	}

	response, err := h.e(ctx, request)
	if err != nil {
		return h.fail(ctx, err)
	}

	for _, f := range h.after {
		ctx = f(ctx, response)
	}

	resp, err = h.enc(ctx, response)
	if err != nil {
		return h.fail(ctx, err)
	}
	return resp, nil
}

func (h *Handler) fail(ctx context.Context, err error) ([]byte, error) {
	h.errorHandler.Handle(ctx, err)
	return h.errorEncoder(ctx, err)
}
