package jsonrpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync/atomic"

	"github.com/seedkit/kit/endpoint"
	httptransport "github.com/seedkit/kit/transport/http"
)

// Client calls one method of a remote JSON-RPC 2.0 server; its Endpoint
// method makes it an endpoint.Endpoint. Build it with NewClient; the zero
// value is not usable. It is safe for concurrent use as long as its codecs,
// hooks, id generator and HTTP client are.
type Client struct {
	client         httptransport.HTTPClient
	tgt            *url.URL
	method         string
	enc            EncodeRequestFunc
	dec            DecodeResponseFunc
	before         []httptransport.RequestFunc
	after          []httptransport.ClientResponseFunc
	finalizer      []httptransport.ClientFinalizerFunc
	requestID      RequestIDGenerator
	bufferedStream bool
}

// NewClient constructs a Client that POSTs requests for method to tgt. By
// default params are encoded with DefaultRequestEncoder, responses decoded
// with DefaultResponseDecoder, ids come from NewAutoIncrementID(0) and
// requests are sent with http.DefaultClient. tgt must not be modified while
// the Client is in use.
func NewClient(tgt *url.URL, method string, options ...ClientOption) *Client {
	c := &Client{
		client:    http.DefaultClient,
		tgt:       tgt,
		method:    method,
		enc:       DefaultRequestEncoder,
		dec:       DefaultResponseDecoder,
		requestID: NewAutoIncrementID(0),
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
func SetClient(client httptransport.HTTPClient) ClientOption {
	return func(c *Client) {
		if client == nil {
			client = http.DefaultClient
		}
		c.client = client
	}
}

// ClientBefore appends functions that may change the outgoing HTTP request
// (and the context) just before it is sent, in the order given.
func ClientBefore(before ...httptransport.RequestFunc) ClientOption {
	return func(c *Client) { c.before = append(c.before, before...) }
}

// ClientAfter appends functions that see the HTTP response before its body
// is decoded, in the order given.
func ClientAfter(after ...httptransport.ClientResponseFunc) ClientOption {
	return func(c *Client) { c.after = append(c.after, after...) }
}

// ClientFinalizer adds a function run at the end of every call with the
// call's error (nil on success); with a response, its context holds
// httptransport.ContextKeyResponseHeaders and ContextKeyResponseSize. It may
// be given more than once: every function runs, in order (Go kit keeps only
// the last one given).
func ClientFinalizer(f httptransport.ClientFinalizerFunc) ClientOption {
	return func(c *Client) { c.finalizer = append(c.finalizer, f) }
}

// ClientRequestEncoder sets the function that encodes a request value into
// the "params" member.
func ClientRequestEncoder(enc EncodeRequestFunc) ClientOption {
	return func(c *Client) { c.enc = enc }
}

// ClientResponseDecoder sets the function that turns the JSON-RPC response
// into the endpoint's result.
func ClientResponseDecoder(dec DecodeResponseFunc) ClientOption {
	return func(c *Client) { c.dec = dec }
}

// ClientRequestIDGenerator sets the generator of request ids. Its values
// are marshaled with encoding/json and should be numbers or strings.
func ClientRequestIDGenerator(g RequestIDGenerator) ClientOption {
	return func(c *Client) { c.requestID = g }
}

// BufferedStream sets whether the HTTP response body is left open after
// the response was decoded. With BufferedStream(true) the caller must close
// it (it can reach the response with ClientAfter). The default is false:
// the Client closes the body.
func BufferedStream(buffered bool) ClientOption {
	return func(c *Client) { c.bufferedStream = buffered }
}

// clientRequest is the request object a Client sends.
type clientRequest struct {
	JSONRPC string          `json:"jsonrpc"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params,omitempty"`
	ID      any             `json:"id"`
}

// Endpoint returns an endpoint that sends one JSON-RPC request per call.
// The call's context is the HTTP request's. A body that is not a JSON-RPC
// response (for example an HTTP error page from a proxy) gives an error
// naming the HTTP status and wrapping the decoding error (Go kit returns the
// bare decoding error); a JSON-RPC error response is handled by the
// response decoder (DefaultResponseDecoder returns it as an Error).
func (c Client) Endpoint() endpoint.Endpoint {
	return func(ctx context.Context, request any) (response any, err error) {
		var resp *http.Response
		if len(c.finalizer) > 0 {
			defer func() {
				fctx := ctx
				if resp != nil {
					fctx = context.WithValue(fctx, httptransport.ContextKeyResponseHeaders, resp.Header)
					fctx = context.WithValue(fctx, httptransport.ContextKeyResponseSize, resp.ContentLength)
				}
				for _, f := range c.finalizer {
					f(fctx, err)
				}
			}()
		}

		ctx = context.WithValue(ctx, ContextKeyRequestMethod, c.method)
		params, err := c.enc(ctx, request)
		if err != nil {
			return nil, err
		}
		body, err := json.Marshal(clientRequest{
			JSONRPC: Version,
			Method:  c.method,
			Params:  params,
			ID:      c.requestID.Generate(),
		})
		if err != nil {
			return nil, err
		}
		if c.tgt == nil {
			return nil, errors.New("jsonrpc: client has a nil target URL")
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.tgt.String(), bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", ContentType)

		for _, f := range c.before {
			ctx = f(ctx, req)
		}
		if req.Context() != ctx {
			req = req.WithContext(ctx)
		}

		resp, err = c.client.Do(req)
		if err != nil {
			return nil, err
		}
		if !c.bufferedStream {
			defer resp.Body.Close()
		}

		for _, f := range c.after {
			ctx = f(ctx, resp)
		}

		var res Response
		if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
			return nil, fmt.Errorf("jsonrpc: decode response (HTTP status %d): %w", resp.StatusCode, err)
		}
		return c.dec(ctx, res)
	}
}

// RequestIDGenerator returns the id of each request a Client sends.
// Implementations must be safe for concurrent use.
type RequestIDGenerator interface {
	Generate() any
}

// NewAutoIncrementID returns a RequestIDGenerator whose Generate returns
// init, init+1, init+2, ... as uint64 values. It is safe for concurrent use.
func NewAutoIncrementID(init uint64) RequestIDGenerator {
	g := &autoIncrementID{}
	g.next.Store(init)
	return g
}

type autoIncrementID struct{ next atomic.Uint64 }

func (g *autoIncrementID) Generate() any { return g.next.Add(1) - 1 }

// ClientFinalizerFunc has the shape of a client finalizer: it runs at the
// end of a JSON-RPC call with the call's context and error (nil on success).
// ClientFinalizer takes the identical httptransport.ClientFinalizerFunc; a
// ClientFinalizerFunc converts to it directly.
type ClientFinalizerFunc func(ctx context.Context, err error)
