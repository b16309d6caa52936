package http

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/seedkit/kit/endpoint"
)

// HTTPClient is the one method of *http.Client that a Client needs. Any
// implementation, for example one adding tracing or retries, can be set with
// SetClient.
type HTTPClient interface {
	Do(req *http.Request) (*http.Response, error)
}

// Client calls a remote HTTP endpoint; its Endpoint method makes it an
// endpoint.Endpoint. Build it with NewClient or NewExplicitClient; the zero
// value is not usable. A Client is safe for concurrent use as long as its
// codecs, hooks and HTTPClient are.
type Client struct {
	client         HTTPClient
	req            CreateRequestFunc
	dec            DecodeResponseFunc
	before         []RequestFunc
	after          []ClientResponseFunc
	finalizer      []ClientFinalizerFunc
	bufferedStream bool
}

// NewClient constructs a usable Client for a single remote method: every
// call sends a request with the given method to tgt, with its body and
// headers written by enc, and decodes the response with dec. tgt is read on
// every call and must not be modified while the Client is in use.
func NewClient(method string, tgt *url.URL, enc EncodeRequestFunc, dec DecodeResponseFunc, options ...ClientOption) *Client {
	return NewExplicitClient(makeCreateRequestFunc(method, tgt, enc), dec, options...)
}

// NewExplicitClient is NewClient for requests that need more than a fixed
// method and URL: req builds each outgoing request from the request value. The request is sent with the
// endpoint's context whatever context req gave it.
func NewExplicitClient(req CreateRequestFunc, dec DecodeResponseFunc, options ...ClientOption) *Client {
	c := &Client{
		client: http.DefaultClient,
		req:    req,
		dec:    dec,
	}
	for _, option := range options {
		option(c)
	}
	return c
}

// ClientOption sets an optional parameter for clients.
type ClientOption func(*Client)

// SetClient makes the Client send its requests with client instead of
// http.DefaultClient; nil restores the default.
func SetClient(client HTTPClient) ClientOption {
	return func(c *Client) {
		if client == nil {
			client = http.DefaultClient
		}
		c.client = client
	}
}

// ClientBefore appends functions that may change the outgoing request (and
// the context) just before it is sent, in the order given.
func ClientBefore(before ...RequestFunc) ClientOption {
	return func(c *Client) { c.before = append(c.before, before...) }
}

// ClientAfter appends functions that see the received response before it
// is decoded, in the order given, usually to move headers into the context.
func ClientAfter(after ...ClientResponseFunc) ClientOption {
	return func(c *Client) { c.after = append(c.after, after...) }
}

// ClientFinalizer appends functions that are executed at the end of every
// call, in the order given, whether it succeeded or not. See
// ClientFinalizerFunc.
func ClientFinalizer(f ...ClientFinalizerFunc) ClientOption {
	return func(c *Client) { c.finalizer = append(c.finalizer, f...) }
}

// BufferedStream sets whether the HTTP response body is left open for the
// caller. With BufferedStream(true) the decoder may return a value that
// keeps reading resp.Body after the endpoint returns (a stream); the caller
// must then close the body, which also releases the request's context. If
// the decoder returns an error the body is closed anyway. By default the
// body is closed as soon as the decoder returns.
func BufferedStream(buffered bool) ClientOption {
	return func(c *Client) { c.bufferedStream = buffered }
}

// Endpoint returns a usable Go kit endpoint that calls the remote HTTP
// endpoint. Each call creates the request, runs the ClientBefore functions,
// sends it with the endpoint's context (canceling that context aborts the
// call), runs the ClientAfter functions and decodes the response. A failed
// request or transport error is returned as is; the response's status code
// is for the decoder to judge.
func (c Client) Endpoint() endpoint.Endpoint {
	return func(ctx context.Context, request any) (response any, err error) {
		ctx, cancel := c.callContext(ctx)

		var resp *http.Response
		if len(c.finalizer) > 0 {
			defer func() {
				fctx := ctx
				if resp != nil {
					fctx = context.WithValue(fctx, ContextKeyResponseHeaders, resp.Header)
					fctx = context.WithValue(fctx, ContextKeyResponseSize, resp.ContentLength)
				}
				for _, f := range c.finalizer {
					f(fctx, err)
				}
			}()
		}

		req, err := c.req(ctx, request)
		if err != nil {
			cancel()
			return nil, err
		}

		for _, f := range c.before {
			ctx = f(ctx, req)
		}
		if req.Context() != ctx {
			req = req.WithContext(ctx)
		}

		resp, err = c.client.Do(req)
		if err != nil {
			cancel()
			return nil, err
		}

		if c.bufferedStream {
			resp.Body = bodyWithCancel{ReadCloser: resp.Body, cancel: cancel}
		} else {
			defer resp.Body.Close()
		}

		for _, f := range c.after {
			ctx = f(ctx, resp)
		}

		response, err = c.dec(ctx, resp)
		if err != nil {
			if c.bufferedStream {
				_ = resp.Body.Close() // also cancels
			}
			return nil, err
		}
		return response, nil
	}
}

// callContext returns the context for one call. Only a buffered stream
// needs a context of its own, canceled when the caller closes the body;
// otherwise the call ends with the body's Close, so the caller's context is
// used as is and cancel does nothing (which saves allocations).
func (c Client) callContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.bufferedStream {
		return context.WithCancel(ctx)
	}
	return ctx, func() {}
}

// bodyWithCancel releases the request's context when a buffered-stream
// body is closed.
type bodyWithCancel struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b bodyWithCancel) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// ClientFinalizerFunc runs when a Client call ends, typically to log or
// measure it. err is the call's error, nil on success. If a response was
// received, ctx holds its headers under ContextKeyResponseHeaders and its
// ContentLength under ContextKeyResponseSize; if the call failed earlier,
// those keys are absent. ctx carries the values the ClientBefore and
// ClientAfter functions added.
//
// Go kit cancels the call's context before its finalizers run, so there
// ctx.Err() is always context.Canceled (except with BufferedStream); kit
// hands finalizers the caller's context, which is canceled only if the
// caller's is.
type ClientFinalizerFunc func(ctx context.Context, err error)

// errNilTarget is the error of every call of a Client made with a nil URL
// (Go kit's panics).
var errNilTarget = errors.New("http: client has a nil target URL")

func makeCreateRequestFunc(method string, target *url.URL, enc EncodeRequestFunc) CreateRequestFunc {
	return func(ctx context.Context, request any) (*http.Request, error) {
		if target == nil {
			return nil, errNilTarget
		}
		req, err := http.NewRequestWithContext(ctx, method, target.String(), nil)
		if err != nil {
			return nil, err
		}
		if err := enc(ctx, req, request); err != nil {
			return nil, err
		}
		return req, nil
	}
}
