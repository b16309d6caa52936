package grpc

import (
	"context"
	"errors"
	"reflect"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/seedkit/kit/endpoint"
)

// ErrNoReplyType is returned by a Client's endpoint, without calling the
// server, when NewClient was given a nil grpcReply: the Client then has no
// type to decode the reply into.
var ErrNoReplyType = errors.New("grpc transport: NewClient was given a nil grpcReply")

// ErrNilConn is returned by a Client's endpoint when NewClient was given a
// nil *grpc.ClientConn.
var ErrNilConn = errors.New("grpc transport: NewClient was given a nil *grpc.ClientConn")

// Client calls one remote gRPC method; its Endpoint method makes it an
// endpoint.Endpoint. Build it with NewClient; the zero value is not usable.
// A Client is safe for concurrent use as long as its codecs and hooks are.
type Client struct {
	client    *grpc.ClientConn
	method    string
	methodVal any // method, boxed once for the context
	enc       EncodeRequestFunc
	dec       DecodeResponseFunc
	grpcReply reflect.Type
	before    []ClientRequestFunc
	after     []ClientResponseFunc
	finalizer []ClientFinalizerFunc
}

// NewClient constructs a usable Client for a single remote method,
// "/serviceName/method" on cc. serviceName is the fully qualified protobuf
// service name ("package.Service"). enc turns the endpoint's request into
// the gRPC request message and dec turns the gRPC reply message into the
// endpoint's response.
//
// grpcReply is a value of the reply message type, a struct or a pointer to
// one, such as &pb.SumReply{} or (*pb.SumReply)(nil); only its type is used:
// every call decodes into a new *T. With a nil grpcReply every call fails
// with ErrNoReplyType, and with a nil cc with ErrNilConn; the encoder and
// the ClientBefore functions have run by then.
func NewClient(
	cc *grpc.ClientConn,
	serviceName string,
	method string,
	enc EncodeRequestFunc,
	dec DecodeResponseFunc,
	grpcReply any,
	options ...ClientOption,
) *Client {
	full := "/" + serviceName + "/" + method
	c := &Client{
		client:    cc,
		method:    full,
		methodVal: full,
		enc:       enc,
		dec:       dec,
		grpcReply: replyType(grpcReply),
	}
	for _, option := range options {
		option(c)
	}
	return c
}

// replyType is the type that each reply is allocated as a pointer to: T for
// T and for *T, as in Go kit.
func replyType(grpcReply any) reflect.Type {
	t := reflect.TypeOf(grpcReply)
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// ClientOption sets an optional parameter for clients.
type ClientOption func(*Client)

// ClientBefore appends functions that are applied to the outgoing request
// metadata before the call, in the order given. They receive a pointer to
// the metadata that will be sent: a copy of the outgoing metadata already in
// the context (see metadata.NewOutgoingContext), or an empty non-nil MD.
//
// Only clients with at least one ClientBefore function touch the outgoing
// metadata at all.
func ClientBefore(before ...ClientRequestFunc) ClientOption {
	return func(c *Client) { c.before = append(c.before, before...) }
}

// ClientAfter appends functions that are applied to the reply's header and
// trailer metadata before the reply is decoded, in the order given, usually
// to move metadata into the context.
//
// Only clients with at least one ClientAfter function ask grpc-go for the
// header and trailer.
func ClientAfter(after ...ClientResponseFunc) ClientOption {
	return func(c *Client) { c.after = append(c.after, after...) }
}

// ClientFinalizer appends functions that are executed at the end of every
// call, in the order given, whether it succeeded or not. See
// ClientFinalizerFunc.
func ClientFinalizer(f ...ClientFinalizerFunc) ClientOption {
	return func(c *Client) { c.finalizer = append(c.finalizer, f...) }
}

// Endpoint returns a usable endpoint that invokes the remote method. Each
// call stores the full method name in the context under
// ContextKeyRequestMethod, encodes the request, runs the ClientBefore
// functions, invokes the method with the endpoint's context (canceling it
// cancels the RPC on both sides), runs the ClientAfter functions and
// decodes the reply. An encoder or decoder error is returned as is; a failed
// RPC returns grpc-go's error, whose status status.FromError and
// status.Code read.
func (c Client) Endpoint() endpoint.Endpoint {
	return func(ctx context.Context, request any) (response any, err error) {
		if len(c.finalizer) > 0 {
			defer func() {
				for _, f := range c.finalizer {
					f(ctx, err)
				}
			}()
		}

		ctx = context.WithValue(ctx, ContextKeyRequestMethod, c.methodVal)

		req, err := c.enc(ctx, request)
		if err != nil {
			return nil, err
		}

		if len(c.before) > 0 {
			ctx = c.runBefore(ctx)
		}

		if c.grpcReply == nil {
			return nil, ErrNoReplyType
		}
		if c.client == nil {
			return nil, ErrNilConn
		}
		reply := reflect.New(c.grpcReply).Interface()

		if len(c.after) == 0 {
			if err = c.client.Invoke(ctx, c.method, req, reply); err != nil {
				return nil, err
			}
		} else {
			var header, trailer metadata.MD
			if err = c.client.Invoke(ctx, c.method, req, reply,
				grpc.Header(&header), grpc.Trailer(&trailer)); err != nil {
				return nil, err
			}
			for _, f := range c.after {
				ctx = f(ctx, header, trailer)
			}
		}

		response, err = c.dec(ctx, reply)
		if err != nil {
			return nil, err
		}
		return response, nil
	}
}

// runBefore runs the ClientBefore functions on a copy of ctx's outgoing
// metadata and attaches the result to the context.
func (c Client) runBefore(ctx context.Context) context.Context {
	md, ok := metadata.FromOutgoingContext(ctx)
	if !ok {
		md = metadata.MD{}
	}
	for _, f := range c.before {
		ctx = f(ctx, &md)
	}
	if len(md) == 0 && !ok {
		return ctx
	}
	return metadata.NewOutgoingContext(ctx, md)
}

// ClientFinalizerFunc runs when a Client call ends, typically to log or
// measure it. err is the call's error, nil on success; ctx carries
// ContextKeyRequestMethod and whatever the ClientBefore and ClientAfter
// functions that ran added.
type ClientFinalizerFunc func(ctx context.Context, err error)
