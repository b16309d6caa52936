package thrift

import (
	"context"

	"github.com/seedkit/kit/endpoint"
)

// CallFunc makes one Thrift call with the generated client, from an encoded
// request, and returns its reply.
type CallFunc func(ctx context.Context, request any) (reply any, err error)

// EncodeRequestFunc turns an endpoint request into what the CallFunc takes.
type EncodeRequestFunc func(ctx context.Context, request any) (args any, err error)

// DecodeResponseFunc turns a Thrift reply into an endpoint response.
type DecodeResponseFunc func(ctx context.Context, reply any) (response any, err error)

// ClientRequestFunc may change the context before the call, for instance to
// add THeaders (see SetRequestHeader).
type ClientRequestFunc func(ctx context.Context) context.Context

// ClientResponseFunc may change the context after the call returned.
type ClientResponseFunc func(ctx context.Context, reply any) context.Context

// ClientFinalizerFunc runs at the end of every call, with its error.
type ClientFinalizerFunc func(ctx context.Context, err error)

// Client wraps one method of a generated Thrift client as an endpoint.
// Build it with NewClient.
type Client struct {
	call      CallFunc
	enc       EncodeRequestFunc
	dec       DecodeResponseFunc
	before    []ClientRequestFunc
	after     []ClientResponseFunc
	finalizer []ClientFinalizerFunc
}

// NewClient returns a Client that encodes requests with enc, calls call and
// decodes replies with dec.
func NewClient(call CallFunc, enc EncodeRequestFunc, dec DecodeResponseFunc, options ...ClientOption) *Client {
	c := &Client{call: call, enc: enc, dec: dec}
	for _, o := range options {
		o(c)
	}
	return c
}

// ClientOption sets an optional parameter of a Client.
type ClientOption func(*Client)

// ClientBefore appends hooks run before the call, in order.
func ClientBefore(before ...ClientRequestFunc) ClientOption {
	return func(c *Client) { c.before = append(c.before, before...) }
}

// ClientAfter appends hooks run after a successful call, before decoding.
func ClientAfter(after ...ClientResponseFunc) ClientOption {
	return func(c *Client) { c.after = append(c.after, after...) }
}

// ClientFinalizer appends functions run at the end of every call.
func ClientFinalizer(f ...ClientFinalizerFunc) ClientOption {
	return func(c *Client) { c.finalizer = append(c.finalizer, f...) }
}

// Endpoint returns the endpoint that makes the call. An error from the
// call (a Thrift exception included) is returned as it is, so errors.As
// finds the generated exception type.
func (c *Client) Endpoint() endpoint.Endpoint {
	return func(ctx context.Context, request any) (response any, err error) {
		if len(c.finalizer) > 0 {
			defer func() {
				for _, f := range c.finalizer {
					f(ctx, err)
				}
			}()
		}
		args, err := c.enc(ctx, request)
		if err != nil {
			return nil, err
		}
		for _, f := range c.before {
			ctx = f(ctx)
		}
		reply, err := c.call(ctx, args)
		if err != nil {
			return nil, err
		}
		for _, f := range c.after {
			ctx = f(ctx, reply)
		}
		return c.dec(ctx, reply)
	}
}
