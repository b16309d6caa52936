package netrpc

import (
	"context"
	"errors"
	"fmt"
	"net/rpc"

	"github.com/seedkit/kit/endpoint"
)

// ErrNilClient is returned by every call of a client endpoint built with a
// nil *rpc.Client.
var ErrNilClient = errors.New("netrpc: NewClient was given a nil rpc.Client")

// EncodeRequestFunc turns the endpoint's request value into the Req a client
// sends.
type EncodeRequestFunc[Req any] func(ctx context.Context, request any) (Req, error)

// DecodeResponseFunc turns the Resp a client received into the endpoint's
// response value.
type DecodeResponseFunc[Resp any] func(ctx context.Context, resp Resp) (response any, err error)

// ClientFinalizerFunc runs at the end of every client call, with the error
// the endpoint returns (nil on success).
type ClientFinalizerFunc func(ctx context.Context, err error)

// ClientOption sets an optional parameter for client endpoints of any type.
type ClientOption func(*clientConfig)

type clientConfig struct {
	finalizer []ClientFinalizerFunc
}

// ClientFinalizer appends functions that run at the end of every call, in
// the order given, whether it succeeded or not.
func ClientFinalizer(f ...ClientFinalizerFunc) ClientOption {
	return func(c *clientConfig) { c.finalizer = append(c.finalizer, f...) }
}

// NewClient returns an endpoint that calls serviceMethod ("Service.Method",
// see ServiceMethod) through c. enc turns the endpoint's request into the Req
// sent; a nil enc requires the request to be a Req and returns an ErrType
// error otherwise, without calling. dec turns the Resp received into the
// endpoint's response; a nil dec returns the Resp itself.
//
// The call honours the endpoint's context: if it ends first, the endpoint
// returns ctx.Err() at once (net/rpc cannot cancel a call in flight, so the
// server still runs it and its reply is dropped). An error returned by the
// server arrives as an rpc.ServerError holding its Error() text; a broken
// connection gives rpc.ErrShutdown or the I/O error.
//
// The endpoint is safe for concurrent use, as *rpc.Client is. The caller
// owns c and closes it.
func NewClient[Req, Resp any](
	c *rpc.Client,
	serviceMethod string,
	enc EncodeRequestFunc[Req],
	dec DecodeResponseFunc[Resp],
	options ...ClientOption,
) endpoint.Endpoint {
	var cfg clientConfig
	for _, option := range options {
		option(&cfg)
	}
	return func(ctx context.Context, request any) (response any, err error) {
		if len(cfg.finalizer) > 0 {
			defer func() {
				for _, f := range cfg.finalizer {
					f(ctx, err)
				}
			}()
		}
		if c == nil {
			return nil, ErrNilClient
		}

		var req Req
		if enc != nil {
			if req, err = enc(ctx, request); err != nil {
				return nil, err
			}
		} else {
			r, ok := request.(Req)
			if !ok {
				return nil, fmt.Errorf("%w: request is %T, want %s", ErrType, request, typeName[Req]())
			}
			req = r
		}

		resp := new(Resp)
		call := c.Go(serviceMethod, req, resp, make(chan *rpc.Call, 1))
		select {
		case <-call.Done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if call.Error != nil {
			return nil, call.Error
		}

		if dec == nil {
			return *resp, nil
		}
		if response, err = dec(ctx, *resp); err != nil {
			return nil, err
		}
		return response, nil
	}
}
