package amqp_test

// Integration tests against a real RabbitMQ, gated by AMQP_URL (for
// example amqp://guest:guest@127.0.0.1:5672/). Every test declares queues
// of its own and deletes them.
//
// The shared broker must not be restarted (other tests use it), so
// TestBrokerGoesAway simulates a broker restart for one client: it connects
// through a TCP proxy that the test controls, cuts every proxied
// connection, checks that the Publisher fails with a clear error
// (amqp.ErrClosed), and then checks that a new connection through the proxy
// works again.

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/seedkit/kit/internal/integration"
	amqptransport "github.com/seedkit/kit/transport/amqp"
)

func amqpURL(t *testing.T) string {
	t.Helper()
	u := integration.Addr(t, "AMQP_URL")
	return u
}

// dial opens a connection that the test closes when it ends, and a channel
// on it.
func dial(t *testing.T, u string) (*amqp.Connection, *amqp.Channel) {
	t.Helper()
	conn, err := amqp.Dial(u)
	if err != nil {
		t.Fatalf("dial %s: %v", u, err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	ch, err := conn.Channel()
	if err != nil {
		t.Fatalf("channel: %v", err)
	}
	return conn, ch
}

// queueName returns a queue name no other test uses.
func queueName(t *testing.T) string {
	name := strings.NewReplacer("/", ".", " ", "_").Replace(t.Name())
	return "kit.test." + name + "." + strconv.FormatUint(rand.Uint64(), 36)
}

// serve declares a request queue, serves it with sub on ch until the test
// ends, and returns the queue's name. Cleanup cancels the consumer, waits
// for the loop to end and deletes the queue.
func serve(t *testing.T, ch *amqp.Channel, sub *amqptransport.Subscriber) string {
	t.Helper()
	q, err := ch.QueueDeclare(queueName(t), false, false, false, false, nil)
	if err != nil {
		t.Fatalf("declare request queue: %v", err)
	}
	tag := "kit-test-" + strconv.FormatUint(rand.Uint64(), 36)
	deliveries, err := ch.Consume(q.Name, tag, false, false, false, false, nil)
	if err != nil {
		t.Fatalf("consume: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		handle := sub.ServeDelivery(ch)
		for d := range deliveries {
			handle(&d)
		}
	}()
	t.Cleanup(func() {
		_ = ch.Cancel(tag, false)
		<-done
		_, _ = ch.QueueDelete(q.Name, false, false, false)
	})
	return q.Name
}

// replyQueueOn declares an exclusive, server-named reply queue.
func replyQueueOn(t *testing.T, ch *amqp.Channel) *amqp.Queue {
	t.Helper()
	q, err := ch.QueueDeclare("", false, true, true, false, nil)
	if err != nil {
		t.Fatalf("declare reply queue: %v", err)
	}
	return &q
}

func wait[T any](t *testing.T, what string, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-testContext(t).Done():
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// ackingSubscriber acks after the endpoint and replies to and acks errors.
func ackingSubscriber(e func(context.Context, any) (any, error), opts ...amqptransport.SubscriberOption) *amqptransport.Subscriber {
	opts = append([]amqptransport.SubscriberOption{
		amqptransport.SubscriberAfter(amqptransport.SetAckAfterEndpoint(false)),
		amqptransport.SubscriberErrorEncoder(amqptransport.ReplyAndAckErrorEncoder),
	}, opts...)
	return amqptransport.NewSubscriber(e, amqptransport.DecodeJSONRequest[sumRequest], amqptransport.EncodeJSONResponse, opts...)
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	u := amqpURL(t)
	_, sch := dial(t, u)

	var (
		mu      sync.Mutex
		seenIDs = map[string]string{} // correlation id -> ReplyTo, as the subscriber saw them
	)
	sub := ackingSubscriber(sum, amqptransport.SubscriberBefore(func(ctx context.Context, _ *amqp.Publishing, d *amqp.Delivery) context.Context {
		mu.Lock()
		seenIDs[d.CorrelationId] = d.ReplyTo
		mu.Unlock()
		return ctx
	}))
	requests := serve(t, sch, sub)

	cconn, cch := dial(t, u)
	replies := replyQueueOn(t, cch)
	var replyIDs sync.Map
	publisher := amqptransport.NewPublisher(cch, replies, amqptransport.EncodeJSONRequest, amqptransport.DecodeJSONResponse[sumResponse],
		amqptransport.PublisherBefore(amqptransport.SetPublishKey(requests)),
		amqptransport.PublisherAfter(func(ctx context.Context, d *amqp.Delivery) context.Context {
			replyIDs.Store(d.CorrelationId, true)
			return ctx
		}))
	call := publisher.Endpoint()

	// Sequential calls: each call's reply consumer must be gone before the
	// next (Go kit's linger and steal replies).
	for i := range 5 {
		got, err := call(testContext(t), sumRequest{i, 10})
		if err != nil || got != (sumResponse{i + 10}) {
			t.Fatalf("call %d: %v, %v", i, got, err)
		}
	}
	// Concurrent calls on one Publisher, one channel, one reply queue.
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			got, err := call(testContext(t), sumRequest{i, i})
			if err == nil && got != (sumResponse{2 * i}) {
				err = errors.New("wrong reply " + strconv.Itoa(i))
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	// One reply consumer served every call; Close cancels it, and the
	// auto-delete reply queue goes with it.
	ich, err := cconn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	if q, err := ich.QueueDeclarePassive(replies.Name, false, true, true, false, nil); err != nil || q.Consumers != 1 {
		t.Errorf("reply queue: %+v, %v; want one consumer", q, err)
	}
	if err := publisher.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	var amqpErr *amqp.Error
	if _, err := ich.QueueDeclarePassive(replies.Name, false, true, true, false, nil); !errors.As(err, &amqpErr) || amqpErr.Code != amqp.NotFound {
		t.Errorf("auto-delete reply queue after Close: %v, want NOT_FOUND", err)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(seenIDs) != 25 {
		t.Errorf("subscriber saw %d distinct correlation ids, want 25", len(seenIDs))
	}
	for id, replyTo := range seenIDs {
		if replyTo != replies.Name {
			t.Errorf("request %s had ReplyTo %q, want %q", id, replyTo, replies.Name)
		}
		if _, ok := replyIDs.Load(id); !ok {
			t.Errorf("no reply with correlation id %s reached the publisher", id)
		}
	}
}

func TestAckAndNack(t *testing.T) {
	t.Parallel()
	u := amqpURL(t)
	sconn, sch := dial(t, u)

	redelivered := make(chan bool, 10)
	// The first delivery of a {"A":7} request fails and is requeued; its
	// redelivery succeeds.
	e := func(ctx context.Context, request any) (any, error) {
		return sum(ctx, request)
	}
	sub := amqptransport.NewSubscriber(e,
		func(ctx context.Context, d *amqp.Delivery) (any, error) {
			req, err := amqptransport.DecodeJSONRequest[sumRequest](ctx, d)
			if err == nil && req.(sumRequest).A == 7 {
				redelivered <- d.Redelivered
				if !d.Redelivered {
					return nil, errors.New("try again")
				}
			}
			return req, err
		},
		amqptransport.EncodeJSONResponse,
		amqptransport.SubscriberAfter(amqptransport.SetAckAfterEndpoint(false)),
		amqptransport.SubscriberErrorEncoder(func(ctx context.Context, err error, d *amqp.Delivery, ch amqptransport.Channel, pub *amqp.Publishing) {
			if err.Error() == "try again" {
				amqptransport.SingleNackRequeueErrorEncoder(ctx, err, d, ch, pub)
				return
			}
			amqptransport.ReplyAndAckErrorEncoder(ctx, err, d, ch, pub)
		}),
	)
	requests := serve(t, sch, sub)

	_, cch := dial(t, u)
	call := newSumPublisher(cch, replyQueueOn(t, cch), amqptransport.PublisherBefore(amqptransport.SetPublishKey(requests)))

	// Nack and requeue, then success.
	if got, err := call(testContext(t), sumRequest{7, 1}); err != nil || got != (sumResponse{8}) {
		t.Fatalf("requeued call: %v, %v", got, err)
	}
	if first, second := wait(t, "first delivery", redelivered), wait(t, "redelivery", redelivered); first || !second {
		t.Errorf("Redelivered flags %v, %v; want false, true", first, second)
	}

	// Endpoint error and malformed body: error reply, and ack.
	_, err := call(testContext(t), sumRequest{-1, 0})
	var re *amqptransport.ReplyError
	if !errors.As(err, &re) || re.Message != "negative" {
		t.Errorf("endpoint error: %v, want a *ReplyError \"negative\"", err)
	}
	raw := amqptransport.NewPublisher(cch, replyQueueOn(t, cch),
		func(_ context.Context, p *amqp.Publishing, _ any) error { p.Body = []byte("{not json"); return nil },
		amqptransport.DecodeJSONResponse[sumResponse],
		amqptransport.PublisherBefore(amqptransport.SetPublishKey(requests))).Endpoint()
	if _, err := raw(testContext(t), nil); !errors.As(err, &re) || !strings.Contains(re.Message, "decode JSON request") {
		t.Errorf("malformed body: %v, want a *ReplyError about decoding", err)
	}

	// Everything was acked: closing the subscriber's connection requeues
	// nothing.
	if err := sconn.Close(); err != nil {
		t.Fatal(err)
	}
	_, ich := dial(t, u)
	q, err := ich.QueueDeclarePassive(requests, false, false, false, false, nil)
	if err != nil {
		t.Fatalf("inspect %s: %v", requests, err)
	}
	if q.Messages != 0 {
		t.Errorf("%d messages left in the request queue, want 0 (all acked)", q.Messages)
	}
	_, _ = ich.QueueDelete(requests, false, false, false)
}

func TestDeadlinePropagation(t *testing.T) {
	t.Parallel()
	u := amqpURL(t)
	_, sch := dial(t, u)
	type observed struct {
		hasDeadline bool
		err         error
	}
	got := make(chan observed, 1)
	sub := ackingSubscriber(func(ctx context.Context, _ any) (any, error) {
		_, ok := ctx.Deadline()
		<-ctx.Done()
		got <- observed{ok, ctx.Err()}
		return nil, ctx.Err()
	})
	requests := serve(t, sch, sub)

	_, cch := dial(t, u)
	call := newSumPublisher(cch, replyQueueOn(t, cch),
		amqptransport.PublisherBefore(amqptransport.SetPublishKey(requests)),
		amqptransport.PublisherTimeout(300*time.Millisecond))
	if _, err := call(testContext(t), sumRequest{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("caller: %v, want context.DeadlineExceeded", err)
	}
	o := wait(t, "the subscriber's context to end", got)
	if !o.hasDeadline || !errors.Is(o.err, context.DeadlineExceeded) {
		t.Errorf("subscriber context: deadline %v, err %v; want a deadline that expired", o.hasDeadline, o.err)
	}
}

// proxy forwards TCP connections to a target until cut or closed.
type proxy struct {
	l      net.Listener
	target string
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{l: l, target: target}
	p.wg.Go(p.accept)
	t.Cleanup(p.close)
	return p
}

func (p *proxy) addr() string { return p.l.Addr().String() }

func (p *proxy) accept() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		b, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, b)
		p.mu.Unlock()
		pipe := func(dst, src net.Conn) {
			_, _ = io.Copy(dst, src)
			_ = dst.Close()
			_ = src.Close()
		}
		p.wg.Go(func() { pipe(b, c) })
		p.wg.Go(func() { pipe(c, b) })
	}
}

// cut closes every proxied connection, as a broker restart would; new
// connections are still accepted.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
}

func (p *proxy) close() {
	_ = p.l.Close()
	p.cut()
	p.wg.Wait()
}

func TestBrokerGoesAway(t *testing.T) {
	t.Parallel()
	u := amqpURL(t)
	target, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	prx := newProxy(t, target.Host)
	viaProxy := *target
	viaProxy.Host = prx.addr()

	// The subscriber talks to the broker directly; one request blocks until
	// released, to be in flight when the connection is cut.
	_, sch := dial(t, u)
	inFlight, release := make(chan struct{}, 1), make(chan struct{})
	sub := ackingSubscriber(func(ctx context.Context, request any) (any, error) {
		if request.(sumRequest).A == 99 {
			inFlight <- struct{}{}
			select {
			case <-release:
			case <-ctx.Done():
			}
		}
		return sum(ctx, request)
	})
	requests := serve(t, sch, sub)
	var releaseOnce sync.Once
	releaseAll := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(releaseAll) // runs before the subscriber stops

	conn, cch := dial(t, viaProxy.String())
	closed := conn.NotifyClose(make(chan *amqp.Error, 1))
	call := newSumPublisher(cch, replyQueueOn(t, cch), amqptransport.PublisherBefore(amqptransport.SetPublishKey(requests)))
	if got, err := call(testContext(t), sumRequest{1, 2}); err != nil || got != (sumResponse{3}) {
		t.Fatalf("before the cut: %v, %v", got, err)
	}

	// A call in flight when the connection goes fails at once, with
	// amqp.ErrClosed, not at its timeout.
	result := make(chan error, 1)
	go func() {
		_, err := call(testContext(t), sumRequest{99, 0})
		result <- err
	}()
	wait(t, "the request to reach the subscriber", inFlight)
	prx.cut()
	if err := wait(t, "the in-flight call to fail", result); !errors.Is(err, amqp.ErrClosed) {
		t.Errorf("in-flight call: %v, want an error wrapping amqp.ErrClosed", err)
	}
	releaseAll() // the subscriber serves one delivery at a time
	if e := wait(t, "the connection to close", closed); e == nil {
		t.Error("NotifyClose delivered nil, want the connection error")
	}

	// New calls on the dead channel fail with amqp.ErrClosed.
	if _, err := call(testContext(t), sumRequest{1, 1}); !errors.Is(err, amqp.ErrClosed) {
		t.Errorf("call after the cut: %v, want amqp.ErrClosed", err)
	}

	// Recovery: a new connection through the proxy works.
	_, nch := dial(t, viaProxy.String())
	again := newSumPublisher(nch, replyQueueOn(t, nch), amqptransport.PublisherBefore(amqptransport.SetPublishKey(requests)))
	if got, err := again(testContext(t), sumRequest{4, 4}); err != nil || got != (sumResponse{8}) {
		t.Fatalf("after reconnecting: %v, %v", got, err)
	}
}
