package amqp_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	amqptransport "github.com/seedkit/kit/transport/amqp"
)

var replyQueue = &amqp.Queue{Name: "replies"}

func newSumPublisher(ch amqptransport.Channel, q *amqp.Queue, opts ...amqptransport.PublisherOption) func(context.Context, any) (any, error) {
	opts = append([]amqptransport.PublisherOption{amqptransport.PublisherBefore(amqptransport.SetPublishKey("requests"))}, opts...)
	return amqptransport.NewPublisher(ch, q, amqptransport.EncodeJSONRequest, amqptransport.DecodeJSONResponse[sumResponse], opts...).Endpoint()
}

func TestPublisherRoundTripWithFake(t *testing.T) {
	t.Parallel()
	ch := newFakeChannel()
	ch.reply = func(p published) []amqp.Delivery {
		return []amqp.Delivery{{CorrelationId: p.msg.CorrelationId, Body: []byte(`{"v":5}`), DeliveryTag: 4}}
	}
	var afterSaw string
	pub := amqptransport.NewPublisher(ch, replyQueue, amqptransport.EncodeJSONRequest, amqptransport.DecodeJSONResponse[sumResponse],
		amqptransport.PublisherBefore(amqptransport.SetPublishKey("requests"), amqptransport.SetPublishExchange("ex"), amqptransport.SetConsumeArgs(amqp.Table{"x": "y"})),
		amqptransport.PublisherAfter(func(ctx context.Context, d *amqp.Delivery) context.Context {
			afterSaw = d.CorrelationId
			return ctx
		}))
	got, err := pub.Endpoint()(testContext(t), sumRequest{2, 3})
	if err != nil {
		t.Fatal(err)
	}
	if got != (sumResponse{5}) {
		t.Errorf("response %v", got)
	}
	pubs := ch.published()
	if len(pubs) != 1 {
		t.Fatalf("published %d messages", len(pubs))
	}
	p := pubs[0]
	if p.exchange != "ex" || p.key != "requests" || p.msg.ReplyTo != "replies" || string(p.msg.Body) != `{"A":2,"B":3}` {
		t.Errorf("published %+v", p)
	}
	if len(p.msg.CorrelationId) != 32 || afterSaw != p.msg.CorrelationId {
		t.Errorf("correlation id %q, after function saw %q", p.msg.CorrelationId, afterSaw)
	}
	if _, err := time.ParseDuration(fmt.Sprint(p.msg.Headers[amqptransport.TimeoutHeader])); err != nil {
		t.Errorf("timeout header %v: %v", p.msg.Headers[amqptransport.TimeoutHeader], err)
	}
	cons := ch.consumed()
	if len(cons) != 1 || cons[0].queue != "replies" || cons[0].autoAck || !reflect.DeepEqual(cons[0].args, amqp.Table{"x": "y"}) {
		t.Errorf("consumed %+v", cons)
	}
	if acks := ch.acker.records(); !reflect.DeepEqual(acks, []ackRecord{{op: "ack", tag: 4}}) {
		t.Errorf("acks %+v", acks)
	}

	// A second call shares the reply consumer.
	if _, err := pub.Endpoint()(testContext(t), sumRequest{2, 3}); err != nil {
		t.Fatal(err)
	}
	if n := len(ch.consumed()); n != 1 {
		t.Errorf("%d reply consumers, want 1", n)
	}
	if c := ch.cancelled(); len(c) != 0 {
		t.Errorf("cancelled %v before Close", c)
	}
	if err := pub.Close(); err != nil {
		t.Fatal(err)
	}
	if c := ch.cancelled(); len(c) != 1 || c[0] != cons[0].consumer {
		t.Errorf("cancelled %v, want the reply consumer %q", c, cons[0].consumer)
	}
	if err := pub.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	// Close is final: a later call fails without publishing or consuming.
	published := len(ch.published())
	if _, err := pub.Endpoint()(testContext(t), sumRequest{2, 3}); !errors.Is(err, amqptransport.ErrPublisherClosed) ||
		!errors.Is(err, amqp.ErrClosed) || len(ch.consumed()) != 1 || len(ch.published()) != published {
		t.Errorf("call after Close: %v, %d consumers, %d publishings (want %d)", err, len(ch.consumed()), len(ch.published()), published)
	}
}

func TestPublisherSkipsStaleReplies(t *testing.T) {
	t.Parallel()
	for _, autoAck := range []bool{false, true} {
		t.Run(fmt.Sprint("autoAck=", autoAck), func(t *testing.T) {
			t.Parallel()
			ch := newFakeChannel()
			ch.reply = func(p published) []amqp.Delivery {
				return []amqp.Delivery{
					{CorrelationId: "stale", DeliveryTag: 1},
					{CorrelationId: p.msg.CorrelationId, Body: []byte(`{"v":1}`), DeliveryTag: 2},
				}
			}
			call := newSumPublisher(ch, replyQueue, amqptransport.PublisherBefore(amqptransport.SetConsumeAutoAck(autoAck)))
			if got, err := call(testContext(t), sumRequest{}); err != nil || got != (sumResponse{1}) {
				t.Fatalf("%v, %v", got, err)
			}
			want := []ackRecord{{op: "nack", tag: 1}, {op: "ack", tag: 2}}
			if autoAck {
				want = nil
			}
			if acks := ch.acker.records(); !reflect.DeepEqual(acks, want) {
				t.Errorf("acks %+v, want %+v", acks, want)
			}
			if cons := ch.consumed(); cons[0].autoAck != autoAck {
				t.Errorf("consumed with autoAck %v", cons[0].autoAck)
			}
		})
	}
}

// Replies land on whichever call's consumer the broker picks; every call
// still gets its own.
func TestPublisherConcurrentCallsWithFake(t *testing.T) {
	t.Parallel()
	ch := newFakeChannel()
	var (
		mu    sync.Mutex
		held  []amqp.Delivery
		calls = 8
	)
	// Hold replies back until every call has published, then release them
	// in reverse order, so most land on another call's consumer.
	ch.reply = func(p published) []amqp.Delivery {
		mu.Lock()
		defer mu.Unlock()
		held = append(held, amqp.Delivery{CorrelationId: p.msg.CorrelationId, Body: p.msg.Body, DeliveryTag: uint64(len(held) + 1)})
		if len(held) < calls {
			return nil
		}
		out := make([]amqp.Delivery, 0, len(held))
		for i := len(held) - 1; i >= 0; i-- {
			out = append(out, held[i])
		}
		return out
	}
	call := amqptransport.NewPublisher(ch, replyQueue, amqptransport.EncodeJSONRequest,
		amqptransport.DecodeJSONResponse[sumRequest]).Endpoint()
	var wg sync.WaitGroup
	errs := make(chan error, calls)
	for i := range calls {
		wg.Go(func() {
			got, err := call(testContext(t), sumRequest{A: i})
			if err == nil && got != (sumRequest{A: i}) {
				err = fmt.Errorf("call %d got %v", i, got)
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
	if n := len(ch.consumed()); n != 1 {
		t.Errorf("%d reply consumers, want 1", n)
	}
}

func TestPublisherErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	for _, tc := range []struct {
		name  string
		setup func(*fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption)
		check func(error) bool
	}{
		{"nil channel", func(c *fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption) {
			return nil, replyQueue, nil
		}, func(err error) bool { return errors.Is(err, amqptransport.ErrNilChannel) }},
		{"nil queue", func(c *fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption) {
			return c, nil, nil
		}, func(err error) bool { return errors.Is(err, amqptransport.ErrNilQueue) }},
		{"publish error", func(c *fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption) {
			c.publishErr = boom
			return c, replyQueue, nil
		}, func(err error) bool { return errors.Is(err, boom) }},
		{"consume error", func(c *fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption) {
			c.consumeErr = boom
			return c, replyQueue, nil
		}, func(err error) bool { return errors.Is(err, boom) }},
		{"deliveries closed", func(c *fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption) {
			c.closeOnCon = true
			return c, replyQueue, nil
		}, func(err error) bool { return errors.Is(err, amqp.ErrClosed) }},
		{"no reply: timeout", func(c *fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption) {
			return c, replyQueue, []amqptransport.PublisherOption{amqptransport.PublisherTimeout(10 * time.Millisecond)}
		}, func(err error) bool { return errors.Is(err, context.DeadlineExceeded) }},
		{"no reply, minimal channel: timeout", func(c *fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption) {
			return minimalChannel{c}, replyQueue, []amqptransport.PublisherOption{amqptransport.PublisherTimeout(10 * time.Millisecond)}
		}, func(err error) bool { return errors.Is(err, context.DeadlineExceeded) }},
		{"error reply", func(c *fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption) {
			c.reply = func(p published) []amqp.Delivery {
				return []amqp.Delivery{{CorrelationId: p.msg.CorrelationId, Body: []byte(`{"err":"negative"}`),
					Headers: amqp.Table{amqptransport.ErrorHeader: "true"}}}
			}
			return c, replyQueue, nil
		}, func(err error) bool {
			var re *amqptransport.ReplyError
			return errors.As(err, &re) && re.Message == "negative"
		}},
		{"malformed reply", func(c *fakeChannel) (amqptransport.Channel, *amqp.Queue, []amqptransport.PublisherOption) {
			c.reply = func(p published) []amqp.Delivery {
				return []amqp.Delivery{{CorrelationId: p.msg.CorrelationId, Body: []byte(`{"v":`)}}
			}
			return c, replyQueue, nil
		}, func(err error) bool { return err != nil && strings.Contains(err.Error(), "decode JSON response") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ch, q, opts := tc.setup(newFakeChannel())
			got, err := newSumPublisher(ch, q, opts...)(testContext(t), sumRequest{})
			if !tc.check(err) || got != nil {
				t.Errorf("got %v, %v (%T)", got, err, err)
			}
		})
	}

	// An encoder error stops the call before anything is published.
	ch := newFakeChannel()
	_, err := amqptransport.NewPublisher(ch, replyQueue, amqptransport.EncodeJSONRequest, amqptransport.DecodeJSONResponse[sumResponse]).
		Endpoint()(testContext(t), make(chan int))
	if err == nil || len(ch.published()) != 0 {
		t.Errorf("unencodable request: err %v, %d published", err, len(ch.published()))
	}
}

func TestSendAndForget(t *testing.T) {
	t.Parallel()
	ch := newFakeChannel()
	afterCalled := false
	call := amqptransport.NewPublisher(ch, nil, amqptransport.EncodeJSONRequest, amqptransport.DecodeJSONResponse[sumResponse],
		amqptransport.PublisherDeliverer(amqptransport.SendAndForgetDeliverer),
		amqptransport.PublisherBefore(amqptransport.SetPublishKey("jobs")),
		amqptransport.PublisherAfter(func(ctx context.Context, _ *amqp.Delivery) context.Context { afterCalled = true; return ctx }),
	).Endpoint()
	got, err := call(testContext(t), sumRequest{1, 1})
	if got != nil || err != nil {
		t.Fatalf("got %v, %v; want nil, nil", got, err)
	}
	pubs := ch.published()
	if len(pubs) != 1 || pubs[0].key != "jobs" || pubs[0].msg.ReplyTo != "" || pubs[0].msg.Headers[amqptransport.TimeoutHeader] != nil {
		t.Errorf("published %+v", pubs)
	}
	if len(ch.consumed()) != 0 || afterCalled {
		t.Errorf("send and forget consumed (%d) or ran after functions (%v)", len(ch.consumed()), afterCalled)
	}
	if _, err := amqptransport.SendAndForgetDeliverer(context.Background(), amqptransport.Publisher{}, &amqp.Publishing{}); !errors.Is(err, amqptransport.ErrNilChannel) {
		t.Errorf("zero Publisher: %v", err)
	}
}

func TestPublisherClose(t *testing.T) {
	t.Parallel()
	// Nothing to close.
	if err := (&amqptransport.Publisher{}).Close(); err != nil {
		t.Errorf("zero Publisher: %v", err)
	}
	if err := amqptransport.NewPublisher(newFakeChannel(), replyQueue, amqptransport.EncodeJSONRequest, amqptransport.DecodeJSONResponse[sumResponse]).Close(); err != nil {
		t.Errorf("unused Publisher: %v", err)
	}

	// A Channel without Cancel: Close does nothing, and the calls share one
	// consumer.
	fc := newFakeChannel()
	fc.reply = func(p published) []amqp.Delivery {
		return []amqp.Delivery{{CorrelationId: p.msg.CorrelationId, Body: []byte(`{"v":1}`)}}
	}
	p := amqptransport.NewPublisher(minimalChannel{fc}, replyQueue, amqptransport.EncodeJSONRequest, amqptransport.DecodeJSONResponse[sumResponse])
	for range 2 {
		if _, err := p.Endpoint()(testContext(t), sumRequest{}); err != nil {
			t.Fatal(err)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if n, c := len(fc.consumed()), len(fc.cancelled()); n != 1 || c != 0 {
		t.Errorf("%d consumers started, %d cancelled; want 1 and 0", n, c)
	}

	// Replies still buffered when the consumer is cancelled are discarded
	// (nacked), not left unacknowledged.
	fc = newFakeChannel()
	fc.reply = func(p published) []amqp.Delivery {
		return []amqp.Delivery{
			{CorrelationId: p.msg.CorrelationId, Body: []byte(`{"v":1}`), DeliveryTag: 1},
			{CorrelationId: "late", DeliveryTag: 2},
		}
	}
	p = amqptransport.NewPublisher(fc, replyQueue, amqptransport.EncodeJSONRequest, amqptransport.DecodeJSONResponse[sumResponse])
	if _, err := p.Endpoint()(testContext(t), sumRequest{}); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	want := []ackRecord{{op: "ack", tag: 1}, {op: "nack", tag: 2}}
	if got := fc.acker.records(); !reflect.DeepEqual(got, want) {
		t.Errorf("acks %+v, want %+v", got, want)
	}
}
