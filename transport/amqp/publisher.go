package amqp

import (
	"context"
	"errors"
	"fmt"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/seedkit/kit/endpoint"
)

// Errors of misconfigured publishers and subscribers.
var (
	// ErrNilChannel is returned when a Publisher or a response publisher
	// has no Channel to use.
	ErrNilChannel = errors.New("amqp: nil channel")
	// ErrNilQueue is returned by DefaultDeliverer when the Publisher has no
	// reply queue.
	ErrNilQueue = errors.New("amqp: nil reply queue")
)

// Publisher calls a remote endpoint served by a Subscriber, over AMQP; its
// Endpoint method makes it an endpoint.Endpoint. Build it with
// NewPublisher; the zero value is not usable (its calls fail with
// ErrNilChannel). A Publisher is safe for concurrent use as long as its
// Channel, codecs and hooks are (*amqp.Channel is). It starts no
// goroutines of its own, but with DefaultDeliverer its first call starts a
// consumer on the reply queue (for which amqp091 runs a goroutine) that
// lasts until Close or until the channel closes.
type Publisher struct {
	ch        Channel
	q         *amqp.Queue
	enc       EncodeRequestFunc
	dec       DecodeResponseFunc
	before    []RequestFunc
	after     []PublisherResponseFunc
	deliverer Deliverer
	timeout   time.Duration
	replies   *replyRouter
}

// NewPublisher constructs a usable Publisher. ch is the channel to publish
// and consume on; q is the reply queue: every request carries its name as
// ReplyTo, and DefaultDeliverer consumes the reply from it. The queue should
// belong to this Publisher alone (typically exclusive and server-named):
// replies that no call of this Publisher waits for are discarded. q may be
// nil with SendAndForgetDeliverer. The default deliverer is
// DefaultDeliverer and the default timeout 10 seconds.
//
// Where the request goes is set by SetPublishExchange and SetPublishKey
// before functions: without them a request is published to the default
// exchange with an empty routing key, which routes nowhere.
func NewPublisher(
	ch Channel,
	q *amqp.Queue,
	enc EncodeRequestFunc,
	dec DecodeResponseFunc,
	options ...PublisherOption,
) *Publisher {
	p := &Publisher{
		ch:        ch,
		q:         q,
		enc:       enc,
		dec:       dec,
		deliverer: DefaultDeliverer,
		timeout:   10 * time.Second,
		replies:   newReplyRouter(),
	}
	for _, option := range options {
		option(p)
	}
	return p
}

// PublisherOption sets an optional parameter for publishers.
type PublisherOption func(*Publisher)

// PublisherBefore appends functions that run on the outgoing publishing
// after it is encoded and before it is delivered, in the order given.
func PublisherBefore(before ...RequestFunc) PublisherOption {
	return func(p *Publisher) { p.before = append(p.before, before...) }
}

// PublisherAfter appends functions that see the reply before it is
// decoded, in the order given. They do not run when the Deliverer returns no
// reply (SendAndForgetDeliverer).
func PublisherAfter(after ...PublisherResponseFunc) PublisherOption {
	return func(p *Publisher) { p.after = append(p.after, after...) }
}

// PublisherDeliverer sets how a publishing is delivered and its reply
// awaited (DefaultDeliverer unless set).
func PublisherDeliverer(deliverer Deliverer) PublisherOption {
	return func(p *Publisher) { p.deliverer = deliverer }
}

// PublisherTimeout sets how long a call may take (10 seconds by default).
// The caller's context may end the call earlier. A timeout of zero or less
// makes every call fail with context.DeadlineExceeded, as in Go kit.
func PublisherTimeout(timeout time.Duration) PublisherOption {
	return func(p *Publisher) { p.timeout = timeout }
}

// Endpoint returns an endpoint that calls the remote method. Each call
// makes a publishing with ReplyTo set to the reply queue's name and a random
// CorrelationId, encodes the request into it, runs the PublisherBefore
// functions, hands it to the Deliverer, and, if the Deliverer returned a
// reply, runs the PublisherAfter functions and decodes it. With a Deliverer
// that returns no reply, the endpoint returns nil, nil.
func (p Publisher) Endpoint() endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		ctx, cancel := context.WithTimeout(ctx, p.timeout)
		defer cancel()

		pub := amqp.Publishing{CorrelationId: newCorrelationID()}
		if p.q != nil {
			pub.ReplyTo = p.q.Name
		}
		if err := p.enc(ctx, &pub, request); err != nil {
			return nil, err
		}
		for _, f := range p.before {
			ctx = f(ctx, &pub, nil)
		}

		deliv, err := p.deliverer(ctx, p, &pub)
		if err != nil {
			return nil, err
		}
		if deliv == nil {
			return nil, nil
		}

		for _, f := range p.after {
			ctx = f(ctx, deliv)
		}
		response, err := p.dec(ctx, deliv)
		if err != nil {
			return nil, err
		}
		return response, nil
	}
}

// Deliverer sends a Publisher's publishing and returns the reply, or nil
// if it awaits none.
type Deliverer func(
	context.Context,
	Publisher,
	*amqp.Publishing,
) (*amqp.Delivery, error)

// canceler is the method of *amqp.Channel that stops a consumer.
type canceler interface {
	Cancel(consumer string, noWait bool) error
}

// drainTimeout bounds how long Close waits for a cancelled consumer's
// delivery channel to close; amqp091 closes it at once.
const drainTimeout = 5 * time.Second

// DefaultDeliverer publishes pub to the exchange and routing key set by
// SetPublishExchange and SetPublishKey, then waits for the delivery with
// pub's CorrelationId on the Publisher's reply queue, which it acks unless
// the reply consumer uses autoAck, or until ctx ends (ctx.Err() is
// returned). If the reply consumer's delivery channel closes, as when the
// connection is lost, the error wraps amqp.ErrClosed. If ctx has a
// deadline, pub carries the time left in TimeoutHeader.
//
// The first call of a Publisher starts a consumer on the reply queue, with
// the autoAck and args set for that call by SetConsumeAutoAck and
// SetConsumeArgs; the Publisher's later calls share it, and each reply is
// handed to the call that waits for it, whichever call reads it. A reply no
// call waits for (its caller gave up) is discarded: nacked without requeue
// unless autoAck is set. If the consumer's channel closes, the next call
// starts a new consumer. Publisher.Close cancels it for good. The consumer
// is started before the request is published, so a call that cannot get
// its reply does not make the server work; a call whose ctx has already
// ended publishes nothing either.
//
// Go kit instead starts a consumer for every call and never stops it, so
// that on a real broker later calls lose replies to the earlier consumers,
// and each consumer keeps an amqp091 goroutine until the channel closes; it
// also busy-loops until the timeout if the channel closes.
func DefaultDeliverer(
	ctx context.Context,
	p Publisher,
	pub *amqp.Publishing,
) (*amqp.Delivery, error) {
	if p.ch == nil {
		return nil, ErrNilChannel
	}
	if p.q == nil {
		return nil, ErrNilQueue
	}
	if p.replies == nil {
		return nil, errors.New("amqp: Publisher not made by NewPublisher")
	}
	if err := ctx.Err(); err != nil {
		return nil, err // the caller gave up: don't make the server work
	}
	// The consumer first: if it cannot start (the Publisher is closed, the
	// queue is gone), the request must not be published.
	c, err := p.replies.consumer(ctx, p.ch, p.q.Name)
	if err != nil {
		return nil, err
	}
	w := p.replies.register(pub.CorrelationId)
	defer p.replies.unregister(w)

	if deadline, ok := ctx.Deadline(); ok {
		pub.Headers = withHeader(pub.Headers, TimeoutHeader, time.Until(deadline).String())
	}
	if err := p.ch.Publish(getPublishExchange(ctx), getPublishKey(ctx), false, false, *pub); err != nil {
		return nil, err
	}

	var forwarded <-chan reply
	if w != nil {
		forwarded = w.ch
	}
	for {
		select {
		case d, ok := <-c.msgs:
			if !ok {
				p.replies.dropConsumer(c)
				if p.replies.isClosed() {
					return nil, ErrPublisherClosed
				}
				return nil, closedError(fmt.Sprintf("amqp: reply consumer on queue %q stopped", p.q.Name))
			}
			if d.CorrelationId == pub.CorrelationId {
				return accept(d, c.autoAck), nil
			}
			p.replies.route(d, c.autoAck)
		case r := <-forwarded:
			return accept(r.d, r.autoAck), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// accept acks the reply a call takes, unless the broker did. An ack error
// is dropped, as in Go kit: the reply has arrived all the same.
func accept(d amqp.Delivery, autoAck bool) *amqp.Delivery {
	if !autoAck {
		_ = d.Ack(false)
	}
	return &d
}

// ErrPublisherClosed is returned by the calls of a Publisher after its
// Close, and by the calls Close interrupts. It wraps amqp.ErrClosed.
var ErrPublisherClosed error = closedError("amqp: publisher closed")

// closedError is an error of its own text that is also amqp.ErrClosed.
type closedError string

func (e closedError) Error() string { return string(e) }
func (closedError) Unwrap() error   { return amqp.ErrClosed }

// Close cancels the reply consumer that DefaultDeliverer started, if any,
// and discards the replies still buffered for it. It is final: calls in
// flight and later calls fail with ErrPublisherClosed, and later calls
// publish nothing. It needs a Channel with a Cancel(consumer string, noWait
// bool) error method, as *amqp.Channel has, whose Cancel closes the
// consumer's delivery channel; with another Channel, Close does nothing,
// since a consumer it cannot stop would take replies from a new one.
// Closing the AMQP channel also stops the consumer, so Close is for a
// Publisher that goes away while its channel stays. Close returns Cancel's
// error. Close is not part of Go kit's API.
func (p *Publisher) Close() error {
	if p.replies == nil {
		return nil
	}
	cc, ok := p.ch.(canceler)
	if !ok {
		return nil
	}
	c := p.replies.close()
	if c == nil {
		return nil
	}
	if err := cc.Cancel(c.tag, false); err != nil {
		return err
	}
	timer := time.NewTimer(drainTimeout)
	defer timer.Stop()
	for {
		select {
		case d, ok := <-c.msgs:
			if !ok {
				return nil
			}
			p.replies.route(d, c.autoAck)
		case <-timer.C:
			return nil
		}
	}
}

// SendAndForgetDeliverer publishes pub to the exchange and routing key set
// by SetPublishExchange and SetPublishKey and returns at once, without a
// reply: the Publisher's endpoint then returns nil, nil. It needs no reply
// queue, and sends no TimeoutHeader (the consumer may run much later). The
// endpoint runs neither its after functions nor its decoder then (Go kit
// runs both with a nil delivery).
func SendAndForgetDeliverer(
	ctx context.Context,
	p Publisher,
	pub *amqp.Publishing,
) (*amqp.Delivery, error) {
	if p.ch == nil {
		return nil, ErrNilChannel
	}
	return nil, p.ch.Publish(getPublishExchange(ctx), getPublishKey(ctx), false, false, *pub)
}
