package amqp

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"sync"

	amqp "github.com/rabbitmq/amqp091-go"
)

// newCorrelationID returns 32 random hex digits. Go kit uses a random
// string of 5 to 254 capital letters; any string up to 255 bytes is valid.
func newCorrelationID() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(b[8:], rand.Uint64())
	return hex.EncodeToString(b[:])
}

// newConsumerTag returns a tag for a reply consumer, unique in practice.
func newConsumerTag() string {
	return "kit-reply-" + newCorrelationID()
}

// replyRouter hands replies to the calls of one Publisher that wait for
// them, whichever call's consumer received them.
type replyRouter struct {
	mu      sync.Mutex
	pending map[string]*waiter
	cons    *replyConsumer // nil until a call starts it
	closed  bool           // Publisher.Close ran: no new consumer
}

// replyConsumer is the consumer of a Publisher's reply queue.
type replyConsumer struct {
	tag     string
	msgs    <-chan amqp.Delivery
	autoAck bool
}

// consumer returns the Publisher's reply consumer, starting it if needed
// with the autoAck and args of ctx.
func (r *replyRouter) consumer(ctx context.Context, ch Channel, queue string) (*replyConsumer, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, ErrPublisherClosed
	}
	if r.cons != nil {
		return r.cons, nil
	}
	c := &replyConsumer{tag: newConsumerTag(), autoAck: getConsumeAutoAck(ctx)}
	msgs, err := ch.Consume(queue, c.tag, c.autoAck, false, false, false, getConsumeArgs(ctx))
	if err != nil {
		return nil, err
	}
	c.msgs = msgs
	r.cons = c
	return c, nil
}

// dropConsumer forgets c, whose delivery channel has closed, so that the
// next call starts a new consumer.
func (r *replyRouter) dropConsumer(c *replyConsumer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cons == c {
		r.cons = nil
	}
}

// close marks the Publisher closed, forgets the consumer and returns it (nil
// if none).
func (r *replyRouter) close() *replyConsumer {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	c := r.cons
	r.cons = nil
	return c
}

// isClosed reports whether close ran.
func (r *replyRouter) isClosed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closed
}

type waiter struct {
	id string
	ch chan reply // capacity 1: one reply per call
}

// reply is a delivery passed on to the call waiting for it, with the autoAck
// of the consumer that received it.
type reply struct {
	d       amqp.Delivery
	autoAck bool
}

func newReplyRouter() *replyRouter {
	return &replyRouter{pending: make(map[string]*waiter)}
}

// register records that a call waits for the reply with correlation id
// id. It returns nil if another call of the Publisher already waits for
// the same id (a fixed SetCorrelationID); that call then only gets replies
// its own consumer receives.
func (r *replyRouter) register(id string) *waiter {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.pending[id]; dup {
		return nil
	}
	w := &waiter{id: id, ch: make(chan reply, 1)}
	r.pending[id] = w
	return w
}

// unregister removes w and discards a reply passed on to it too late.
func (r *replyRouter) unregister(w *waiter) {
	if w == nil {
		return
	}
	r.mu.Lock()
	delete(r.pending, w.id)
	var (
		late    reply
		hasLate bool
	)
	select {
	case late, hasLate = <-w.ch:
	default:
	}
	r.mu.Unlock()
	if hasLate {
		discard(late.d, late.autoAck)
	}
}

// route passes d on to the call waiting for it, or discards it.
func (r *replyRouter) route(d amqp.Delivery, autoAck bool) {
	r.mu.Lock()
	if w, ok := r.pending[d.CorrelationId]; ok {
		select {
		case w.ch <- reply{d, autoAck}:
			r.mu.Unlock()
			return
		default: // a duplicate reply
		}
	}
	r.mu.Unlock()
	discard(d, autoAck)
}

// discard drops a reply nobody waits for; without autoAck it is nacked
// without requeue, so that a dead-letter exchange can catch it.
func discard(d amqp.Delivery, autoAck bool) {
	if !autoAck {
		_ = d.Nack(false, false)
	}
}
