package amqp_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

const testTimeout = 20 * time.Second

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// ackRecord is one call to a fakeAcker.
type ackRecord struct {
	op       string // "ack", "nack", "reject"
	tag      uint64
	multiple bool
	requeue  bool
}

// fakeAcker is an amqp.Acknowledger that records what it is told.
type fakeAcker struct {
	mu   sync.Mutex
	recs []ackRecord
	err  error
}

func (a *fakeAcker) add(r ackRecord) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.recs = append(a.recs, r)
	return a.err
}

func (a *fakeAcker) Ack(tag uint64, multiple bool) error {
	return a.add(ackRecord{op: "ack", tag: tag, multiple: multiple})
}

func (a *fakeAcker) Nack(tag uint64, multiple, requeue bool) error {
	return a.add(ackRecord{op: "nack", tag: tag, multiple: multiple, requeue: requeue})
}

func (a *fakeAcker) Reject(tag uint64, requeue bool) error {
	return a.add(ackRecord{op: "reject", tag: tag, requeue: requeue})
}

func (a *fakeAcker) records() []ackRecord {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]ackRecord(nil), a.recs...)
}

// published is one call to fakeChannel.Publish.
type published struct {
	exchange, key string
	msg           amqp.Publishing
}

// consumed is one call to fakeChannel.Consume.
type consumed struct {
	queue, consumer string
	autoAck         bool
	args            amqp.Table
}

// fakeChannel implements amqptransport.Channel (and Cancel, like
// *amqp.Channel). Replies are made by the reply function, called for
// every publish; each Consume gets the replies published so far and those
// to come, round-robin like a broker.
type fakeChannel struct {
	mu         sync.Mutex
	pubs       []published
	cons       []consumed
	cancels    []string
	publishErr error
	consumeErr error
	reply      func(published) []amqp.Delivery // nil: no reply
	consumers  map[string]chan amqp.Delivery
	order      []string
	next       int
	pending    []amqp.Delivery
	acker      *fakeAcker
	closeOnCon bool // close the deliveries channel at once, as a dead channel does
}

func newFakeChannel() *fakeChannel {
	return &fakeChannel{consumers: map[string]chan amqp.Delivery{}, acker: &fakeAcker{}}
}

func (c *fakeChannel) Publish(exchange, key string, mandatory, immediate bool, msg amqp.Publishing) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.publishErr != nil {
		return c.publishErr
	}
	p := published{exchange, key, msg}
	c.pubs = append(c.pubs, p)
	if c.reply != nil {
		for _, d := range c.reply(p) {
			d.Acknowledger = c.acker
			c.pending = append(c.pending, d)
		}
		c.dispatchLocked()
	}
	return nil
}

func (c *fakeChannel) dispatchLocked() {
	for len(c.pending) > 0 && len(c.order) > 0 {
		tag := c.order[c.next%len(c.order)]
		c.next++
		select {
		case c.consumers[tag] <- c.pending[0]:
			c.pending = c.pending[1:]
		default:
			return
		}
	}
}

func (c *fakeChannel) Consume(queue, consumer string, autoAck, exclusive, noLocal, noWait bool, args amqp.Table) (<-chan amqp.Delivery, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.consumeErr != nil {
		return nil, c.consumeErr
	}
	c.cons = append(c.cons, consumed{queue, consumer, autoAck, args})
	ch := make(chan amqp.Delivery, 16)
	if c.closeOnCon {
		close(ch)
		return ch, nil
	}
	c.consumers[consumer] = ch
	c.order = append(c.order, consumer)
	c.dispatchLocked()
	return ch, nil
}

func (c *fakeChannel) Cancel(consumer string, noWait bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cancels = append(c.cancels, consumer)
	ch, ok := c.consumers[consumer]
	if !ok {
		return errors.New("unknown consumer")
	}
	delete(c.consumers, consumer)
	for i, tag := range c.order {
		if tag == consumer {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
	close(ch)
	return nil
}

func (c *fakeChannel) published() []published {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]published(nil), c.pubs...)
}

func (c *fakeChannel) consumed() []consumed {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]consumed(nil), c.cons...)
}

func (c *fakeChannel) cancelled() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.cancels...)
}

// minimalChannel has only the two methods of the Channel interface, like
// Go kit's fakes.
type minimalChannel struct{ f *fakeChannel }

func (c minimalChannel) Publish(exchange, key string, mandatory, immediate bool, msg amqp.Publishing) error {
	return c.f.Publish(exchange, key, mandatory, immediate, msg)
}

func (c minimalChannel) Consume(queue, consumer string, autoAck, exclusive, noLocal, noWait bool, args amqp.Table) (<-chan amqp.Delivery, error) {
	return c.f.Consume(queue, consumer, autoAck, exclusive, noLocal, noWait, args)
}

// errorRecorder is a transport.ErrorHandler that keeps what it sees.
type errorRecorder struct {
	mu   sync.Mutex
	errs []error
}

func (r *errorRecorder) Handle(_ context.Context, err error) {
	r.mu.Lock()
	r.errs = append(r.errs, err)
	r.mu.Unlock()
}

func (r *errorRecorder) all() []error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]error(nil), r.errs...)
}

type sumRequest struct{ A, B int }

type sumResponse struct {
	V int `json:"v"`
}

func sum(_ context.Context, request any) (any, error) {
	r := request.(sumRequest)
	if r.A < 0 {
		return nil, errors.New("negative")
	}
	return sumResponse{r.A + r.B}, nil
}
