package nats

import (
	"context"
	"maps"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/endpoint"
)

// Publisher calls a remote endpoint served by a Subscriber, by NATS
// request/reply; its Endpoint method makes it an endpoint.Endpoint. Build it
// with NewPublisher; the zero value is not usable (its endpoint returns
// nats.ErrInvalidConnection). A Publisher is safe for concurrent use as long
// as its codecs and hooks are. It starts no goroutines; the connection is
// the caller's to close.
type Publisher struct {
	publisher *nats.Conn
	subject   string
	enc       EncodeRequestFunc
	dec       DecodeResponseFunc
	before    []RequestFunc
	after     []PublisherResponseFunc
	timeout   time.Duration
}

// NewPublisher constructs a usable Publisher for a single remote method:
// every call encodes the request with enc into a message for subject, sends
// it on publisher as a request and decodes the reply with dec. The
// default timeout is 10 seconds (see PublisherTimeout).
func NewPublisher(
	publisher *nats.Conn,
	subject string,
	enc EncodeRequestFunc,
	dec DecodeResponseFunc,
	options ...PublisherOption,
) *Publisher {
	p := &Publisher{
		publisher: publisher,
		subject:   subject,
		enc:       enc,
		dec:       dec,
		timeout:   10 * time.Second,
	}
	for _, option := range options {
		option(p)
	}
	return p
}

// PublisherOption sets an optional parameter for publishers.
type PublisherOption func(*Publisher)

// PublisherBefore appends functions that run on the outgoing message after
// it is encoded and before it is sent, in the order given. They may set
// msg.Header, which is sent with the request.
func PublisherBefore(before ...RequestFunc) PublisherOption {
	return func(p *Publisher) { p.before = append(p.before, before...) }
}

// PublisherAfter appends functions that see the reply, headers included,
// before it is decoded, in the order given.
func PublisherAfter(after ...PublisherResponseFunc) PublisherOption {
	return func(p *Publisher) { p.after = append(p.after, after...) }
}

// PublisherTimeout sets how long a call waits for its reply (10 seconds by
// default). The caller's context may end the call earlier. A timeout of zero
// or less makes every call fail with context.DeadlineExceeded, as in Go kit.
func PublisherTimeout(timeout time.Duration) PublisherOption {
	return func(p *Publisher) { p.timeout = timeout }
}

// Endpoint returns an endpoint that calls the remote method. Each call
// encodes the request, runs the PublisherBefore functions, sends the message
// (subject, data and headers as they then are) with
// nats.Conn.RequestMsgWithContext and waits for the reply until the timeout
// or the caller's context ends; then it runs the PublisherAfter functions
// and decodes the reply.
//
// If the server supports headers, the message also carries TimeoutHeader,
// the time left before the call gives up, so that a kit Subscriber stops
// working for it when it does; a TimeoutHeader set by a before function is
// overwritten. Errors from the connection are returned as nats.go gives
// them: nats.ErrNoResponders when no one subscribes to the subject,
// context.DeadlineExceeded on timeout, nats.ErrConnectionClosed and so on.
//
// Unlike Go kit, which sends only the subject and data, the headers set by
// the encoder and before functions are sent.
func (p Publisher) Endpoint() endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		if p.publisher == nil {
			return nil, nats.ErrInvalidConnection
		}
		ctx, cancel := context.WithTimeout(ctx, p.timeout)
		defer cancel()

		msg := nats.Msg{Subject: p.subject}
		if err := p.enc(ctx, &msg, request); err != nil {
			return nil, err
		}
		for _, f := range p.before {
			ctx = f(ctx, &msg)
		}

		if deadline, ok := ctx.Deadline(); ok && p.publisher.HeadersSupported() {
			// A fresh map: the one the hooks set may be shared.
			h := make(nats.Header, len(msg.Header)+1)
			maps.Copy(h, msg.Header)
			h[TimeoutHeader] = []string{time.Until(deadline).String()}
			msg.Header = h
		}

		resp, err := p.publisher.RequestMsgWithContext(ctx, &msg)
		if err != nil {
			return nil, err
		}

		for _, f := range p.after {
			ctx = f(ctx, resp)
		}
		response, err := p.dec(ctx, resp)
		if err != nil {
			return nil, err
		}
		return response, nil
	}
}
