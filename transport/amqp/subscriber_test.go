package amqp_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	amqptransport "github.com/seedkit/kit/transport/amqp"
)

func TestSubscriber(t *testing.T) {
	t.Parallel()
	type want struct {
		reply      *published // nil: no reply
		acks       []ackRecord
		errs       int
		errorReply bool
	}
	ackAfter := amqptransport.SubscriberAfter(amqptransport.SetAckAfterEndpoint(false))
	for _, tc := range []struct {
		name  string
		deliv amqp.Delivery
		opts  []amqptransport.SubscriberOption
		want  want
	}{
		{
			name:  "reply to ReplyTo with the correlation id, no ack by default",
			deliv: amqp.Delivery{Body: []byte(`{"A":1,"B":2}`), ReplyTo: "replies", CorrelationId: "c1", DeliveryTag: 7},
			want:  want{reply: &published{key: "replies", msg: amqp.Publishing{CorrelationId: "c1", Body: []byte(`{"v":3}`)}}},
		},
		{
			name:  "ack after endpoint",
			deliv: amqp.Delivery{Body: []byte(`{"A":1,"B":2}`), ReplyTo: "replies", CorrelationId: "c1", DeliveryTag: 7},
			opts:  []amqptransport.SubscriberOption{ackAfter},
			want: want{
				reply: &published{key: "replies", msg: amqp.Publishing{CorrelationId: "c1", Body: []byte(`{"v":3}`)}},
				acks:  []ackRecord{{op: "ack", tag: 7}},
			},
		},
		{
			name:  "publish exchange and key override ReplyTo",
			deliv: amqp.Delivery{Body: []byte(`{"A":2,"B":2}`), ReplyTo: "replies", CorrelationId: "c2"},
			opts: []amqptransport.SubscriberOption{amqptransport.SubscriberBefore(
				amqptransport.SetPublishExchange("ex"), amqptransport.SetPublishKey("elsewhere"),
				amqptransport.SetContentType("application/json"), amqptransport.SetCorrelationID("mine"),
				amqptransport.SetContentEncoding("identity"), amqptransport.SetPublishDeliveryMode(amqp.Persistent))},
			want: want{reply: &published{exchange: "ex", key: "elsewhere", msg: amqp.Publishing{
				CorrelationId: "mine", Body: []byte(`{"v":4}`), ContentType: "application/json",
				ContentEncoding: "identity", DeliveryMode: amqp.Persistent}}},
		},
		{
			name:  "malformed body, default error encoder: nothing",
			deliv: amqp.Delivery{Body: []byte(`{"A":`), ReplyTo: "replies", CorrelationId: "c3", DeliveryTag: 9},
			opts:  []amqptransport.SubscriberOption{ackAfter},
			want:  want{errs: 1},
		},
		{
			name:  "malformed body, reply and ack",
			deliv: amqp.Delivery{Body: []byte(`nope`), ReplyTo: "replies", CorrelationId: "c4", DeliveryTag: 9},
			opts:  []amqptransport.SubscriberOption{ackAfter, amqptransport.SubscriberErrorEncoder(amqptransport.ReplyAndAckErrorEncoder)},
			want:  want{errs: 1, errorReply: true, acks: []ackRecord{{op: "ack", tag: 9}}},
		},
		{
			name:  "endpoint error, nack and requeue",
			deliv: amqp.Delivery{Body: []byte(`{"A":-1}`), ReplyTo: "replies", CorrelationId: "c5", DeliveryTag: 11},
			opts: []amqptransport.SubscriberOption{ackAfter,
				amqptransport.SubscriberBefore(amqptransport.SetNackSleepDuration(time.Millisecond)),
				amqptransport.SubscriberErrorEncoder(amqptransport.SingleNackRequeueErrorEncoder)},
			want: want{errs: 1, acks: []ackRecord{{op: "nack", tag: 11, requeue: true}}},
		},
		{
			name:  "endpoint error, reply only",
			deliv: amqp.Delivery{Body: []byte(`{"A":-1}`), ReplyTo: "replies", CorrelationId: "c6", DeliveryTag: 12},
			opts:  []amqptransport.SubscriberOption{amqptransport.SubscriberErrorEncoder(amqptransport.ReplyErrorEncoder)},
			want:  want{errs: 1, errorReply: true},
		},
		{
			// Fire and forget (SendAndForgetDeliverer): nothing to reply,
			// and no error, so the error encoder does not requeue it.
			name:  "no ReplyTo wants no reply",
			deliv: amqp.Delivery{Body: []byte(`{"A":1}`), DeliveryTag: 13},
			opts:  []amqptransport.SubscriberOption{ackAfter, amqptransport.SubscriberErrorEncoder(amqptransport.SingleNackRequeueErrorEncoder)},
			want:  want{acks: []ackRecord{{op: "ack", tag: 13}}},
		},
		{
			name:  "no reply with NopResponsePublisher",
			deliv: amqp.Delivery{Body: []byte(`{"A":1}`), DeliveryTag: 14},
			opts:  []amqptransport.SubscriberOption{ackAfter, amqptransport.SubscriberResponsePublisher(amqptransport.NopResponsePublisher)},
			want:  want{acks: []ackRecord{{op: "ack", tag: 14}}},
		},
		{
			name:  "malformed timeout header",
			deliv: amqp.Delivery{Body: []byte(`{"A":1}`), ReplyTo: "r", Headers: amqp.Table{amqptransport.TimeoutHeader: "later"}, DeliveryTag: 15},
			opts:  []amqptransport.SubscriberOption{amqptransport.SubscriberErrorEncoder(amqptransport.ReplyAndAckErrorEncoder)},
			want:  want{errs: 1, errorReply: true, acks: []ackRecord{{op: "ack", tag: 15}}},
		},
		{
			name:  "timeout header of the wrong type",
			deliv: amqp.Delivery{Body: []byte(`{"A":1}`), ReplyTo: "r", Headers: amqp.Table{amqptransport.TimeoutHeader: int32(5)}},
			want:  want{errs: 1},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ch := newFakeChannel()
			errs := &errorRecorder{}
			opts := append([]amqptransport.SubscriberOption{amqptransport.SubscriberErrorHandler(errs)}, tc.opts...)
			srv := amqptransport.NewSubscriber(sum, amqptransport.DecodeJSONRequest[sumRequest], amqptransport.EncodeJSONResponse, opts...)
			d := tc.deliv
			d.Acknowledger = ch.acker
			srv.ServeDelivery(ch)(&d)

			pubs := ch.published()
			switch {
			case tc.want.reply != nil:
				if len(pubs) != 1 || !reflect.DeepEqual(pubs[0], *tc.want.reply) {
					t.Errorf("published %+v, want %+v", pubs, *tc.want.reply)
				}
			case tc.want.errorReply:
				if len(pubs) != 1 {
					t.Fatalf("published %+v, want one error reply", pubs)
				}
				var body amqptransport.DefaultErrorResponse
				if err := json.Unmarshal(pubs[0].msg.Body, &body); err != nil || body.Error == "" {
					t.Errorf("error reply body %s: %v", pubs[0].msg.Body, err)
				}
				if pubs[0].msg.CorrelationId != tc.deliv.CorrelationId || pubs[0].msg.Headers[amqptransport.ErrorHeader] != "true" {
					t.Errorf("error reply %+v: want correlation id %q and the error header", pubs[0].msg, tc.deliv.CorrelationId)
				}
			default:
				if len(pubs) != 0 {
					t.Errorf("published %+v, want nothing", pubs)
				}
			}
			if got := ch.acker.records(); !reflect.DeepEqual(got, tc.want.acks) {
				t.Errorf("acks %+v, want %+v", got, tc.want.acks)
			}
			if got := len(errs.all()); got != tc.want.errs {
				t.Errorf("%d errors handled (%v), want %d", got, errs.all(), tc.want.errs)
			}
		})
	}
}

func TestSubscriberContext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name         string
		headers      amqp.Table
		wantDeadline bool
	}{
		{"no headers", nil, false},
		{"timeout", amqp.Table{amqptransport.TimeoutHeader: "1h"}, true},
		{"expired", amqp.Table{amqptransport.TimeoutHeader: "-1ms"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := make(chan bool, 1)
			srv := amqptransport.NewSubscriber(
				func(ctx context.Context, _ any) (any, error) {
					_, ok := ctx.Deadline()
					got <- ok
					return nil, nil
				},
				func(context.Context, *amqp.Delivery) (any, error) { return nil, nil },
				amqptransport.EncodeNopResponse,
				amqptransport.SubscriberResponsePublisher(amqptransport.NopResponsePublisher))
			srv.ServeDelivery(nil)(&amqp.Delivery{Headers: tc.headers})
			if ok := <-got; ok != tc.wantDeadline {
				t.Errorf("deadline %v, want %v", ok, tc.wantDeadline)
			}
		})
	}
}

func TestSubscriberBadInput(t *testing.T) {
	t.Parallel()
	errs := &errorRecorder{}
	srv := amqptransport.NewSubscriber(sum, amqptransport.DecodeJSONRequest[sumRequest], amqptransport.EncodeJSONResponse,
		amqptransport.SubscriberErrorHandler(errs),
		amqptransport.SubscriberErrorEncoder(amqptransport.ReplyAndAckErrorEncoder))
	h := srv.ServeDelivery(nil)
	h(nil) // ignored
	// A nil channel and a delivery without an Acknowledger: errors, no panic.
	h(&amqp.Delivery{Body: []byte(`{"A":1}`), ReplyTo: "r"})
	if es := errs.all(); len(es) != 1 || !errors.Is(es[0], amqptransport.ErrNilChannel) {
		t.Errorf("errors %v, want ErrNilChannel", es)
	}
	// No ReplyTo: the delivery wants no reply; nothing is published.
	ch := newFakeChannel()
	if err := amqptransport.DefaultResponsePublisher(context.Background(), &amqp.Delivery{}, ch, &amqp.Publishing{}); err != nil {
		t.Errorf("DefaultResponsePublisher without ReplyTo: %v, want nil", err)
	}
	ch.mu.Lock()
	defer ch.mu.Unlock()
	if len(ch.pubs) != 0 {
		t.Errorf("published %d replies to a delivery without ReplyTo", len(ch.pubs))
	}
}

func TestSingleNackRequeueSleepsAfterContextEnds(t *testing.T) {
	t.Parallel()
	const d = 20 * time.Millisecond
	ctx, cancel := context.WithCancel(amqptransport.SetNackSleepDuration(d)(context.Background(), nil, nil))
	cancel()
	acker := &fakeAcker{}
	// The caller's deadline has passed (the usual reason for the error): the
	// encoder still waits, so the requeued delivery does not cycle at full
	// speed. Sleep never returns early, so the bound is exact.
	start := time.Now()
	amqptransport.SingleNackRequeueErrorEncoder(ctx, errors.New("x"), &amqp.Delivery{Acknowledger: acker, DeliveryTag: 3}, nil, &amqp.Publishing{})
	if waited := time.Since(start); waited < d {
		t.Errorf("waited %v, want at least %v", waited, d)
	}
	if got := acker.records(); len(got) != 1 || got[0] != (ackRecord{op: "nack", tag: 3, requeue: true}) {
		t.Errorf("acks %+v", got)
	}
}

func TestContextKeyValues(t *testing.T) {
	t.Parallel()
	// Go kit's iota order.
	for i, k := range []any{amqptransport.ContextKeyExchange, amqptransport.ContextKeyPublishKey,
		amqptransport.ContextKeyNackSleepDuration, amqptransport.ContextKeyAutoAck, amqptransport.ContextKeyConsumeArgs} {
		if v := reflect.ValueOf(k); v.Int() != int64(i) || v.Type().Name() != "contextKey" {
			t.Errorf("key %d: %v of type %s", i, k, v.Type())
		}
	}
	// Values of the wrong type are ignored rather than panicking.
	ctx := context.WithValue(context.Background(), amqptransport.ContextKeyPublishKey, 42)
	if err := amqptransport.DefaultResponsePublisher(ctx, &amqp.Delivery{ReplyTo: "r"}, newFakeChannel(), &amqp.Publishing{}); err != nil {
		t.Errorf("publish with a mistyped key: %v", err)
	}
}
