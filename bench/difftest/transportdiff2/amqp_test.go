package transportdiff2_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	gokitamqp "github.com/go-kit/kit/transport/amqp"
	"github.com/seedkit/kit/internal/integration"
	kitamqp "github.com/seedkit/kit/transport/amqp"
)

// dialAMQP opens a connection that the test closes when it ends.
func dialAMQP(t *testing.T) *amqp.Connection {
	t.Helper()
	u := integration.Addr(t, "AMQP_URL")
	conn, err := amqp.Dial(u)
	if err != nil {
		t.Fatalf("dial %s: %v", u, err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func openChannel(t *testing.T, conn *amqp.Connection) *amqp.Channel {
	t.Helper()
	ch, err := conn.Channel()
	if err != nil {
		t.Fatalf("channel: %v", err)
	}
	return ch
}

// amqpQueueName returns a queue name no other test uses.
func amqpQueueName(t *testing.T, suffix string) string {
	name := strings.NewReplacer("/", ".", " ", "_", "→", "-").Replace(t.Name())
	return "kit.difftest." + name + "." + suffix + "." + strconv.FormatUint(rand.Uint64(), 36)
}

// tableString renders an AMQP headers table sorted; the timeout header's
// varying value is replaced by "<dur>" once checked.
func tableString(h amqp.Table) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		v := h[k]
		if s, ok := v.(string); ok && k == kitamqp.TimeoutHeader {
			if d, err := time.ParseDuration(s); err == nil && d > 0 {
				v = "<dur>"
			}
		}
		fmt.Fprintf(&b, "%s=%v;", k, v)
	}
	return b.String()
}

// amqpRecord is what a Subscriber's hooks saw of one delivery and sent back.
type amqpRecord struct {
	sub                 *subRecord
	cid, replyTo        string
	replyBody, replyCID string
	replyHeader         string
	replyKind           string // "response" or "error"
}

const amqpRecordKey ctxKey = "amqp-record"

func amqpBefore(ctx context.Context, _ *amqp.Publishing, d *amqp.Delivery) context.Context {
	sub := &subRecord{data: string(d.Body), header: tableString(d.Headers)}
	rec := &amqpRecord{sub: sub, cid: d.CorrelationId, replyTo: d.ReplyTo}
	ctx = context.WithValue(ctx, recordKey, sub)
	return context.WithValue(ctx, amqpRecordKey, rec)
}

// report finishes the record of ctx's delivery with the reply pub.
func report(ctx context.Context, rep chan amqpRecord, kind string, pub *amqp.Publishing) {
	rec, _ := ctx.Value(amqpRecordKey).(*amqpRecord)
	if rec == nil {
		rec = &amqpRecord{sub: &subRecord{handled: "<no before>"}}
	}
	rec.replyKind, rec.replyBody, rec.replyCID, rec.replyHeader = kind, string(pub.Body), pub.CorrelationId, tableString(pub.Headers)
	rep <- *rec
}

func decodeSumDelivery(_ context.Context, d *amqp.Delivery) (any, error) {
	var r sumRequest
	if err := json.Unmarshal(d.Body, &r); err != nil {
		return nil, fmt.Errorf("bad request: %w", err)
	}
	return r, nil
}

func encodeAMQPRequest(_ context.Context, pub *amqp.Publishing, request any) error {
	if raw, ok := request.(rawRequest); ok {
		pub.Body = raw
		return nil
	}
	b, err := json.Marshal(request)
	pub.Body = b
	return err
}

func decodeSumReplyDelivery(_ context.Context, d *amqp.Delivery) (any, error) {
	var r sumResponse
	if err := json.Unmarshal(d.Body, &r); err != nil {
		return nil, err
	}
	return r, nil
}

func encodeJSONBody(_ context.Context, pub *amqp.Publishing, response any) error {
	b, err := json.Marshal(response)
	pub.Body = b
	return err
}

// consumeLoop declares a request queue on ch, runs handle for its
// deliveries until the test ends, and returns the queue's name.
func consumeLoop(t *testing.T, ch *amqp.Channel, suffix string, handle func(*amqp.Delivery)) string {
	t.Helper()
	q, err := ch.QueueDeclare(amqpQueueName(t, suffix), false, true, false, false, nil)
	if err != nil {
		t.Fatalf("declare: %v", err)
	}
	tag := "kit-difftest-" + strconv.FormatUint(rand.Uint64(), 36)
	deliveries, err := ch.Consume(q.Name, tag, false, false, false, false, nil)
	if err != nil {
		t.Fatalf("consume: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for d := range deliveries {
			handle(&d)
		}
	}()
	t.Cleanup(func() {
		_ = ch.Cancel(tag, false)
		<-done
		_, _ = ch.QueueDelete(q.Name, false, false, false)
		_ = ch.Close()
	})
	return q.Name
}

func serveKitAMQP(t *testing.T, conn *amqp.Connection) (string, chan amqpRecord) {
	rep := make(chan amqpRecord, 4)
	ch := openChannel(t, conn)
	s := kitamqp.NewSubscriber(sumEndpoint, decodeSumDelivery, encodeJSONBody,
		kitamqp.SubscriberBefore(amqpBefore),
		kitamqp.SubscriberAfter(kitamqp.SetAckAfterEndpoint(false)),
		kitamqp.SubscriberErrorHandler(handlerFunc(subHandler)),
		kitamqp.SubscriberResponsePublisher(func(ctx context.Context, d *amqp.Delivery, ch kitamqp.Channel, pub *amqp.Publishing) error {
			err := kitamqp.DefaultResponsePublisher(ctx, d, ch, pub)
			report(ctx, rep, "response", pub)
			return err
		}),
		kitamqp.SubscriberErrorEncoder(func(ctx context.Context, err error, d *amqp.Delivery, ch kitamqp.Channel, pub *amqp.Publishing) {
			kitamqp.ReplyAndAckErrorEncoder(ctx, err, d, ch, pub)
			report(ctx, rep, "error", pub)
		}))
	return consumeLoop(t, ch, "kit", s.ServeDelivery(ch)), rep
}

func serveGokitAMQP(t *testing.T, conn *amqp.Connection) (string, chan amqpRecord) {
	rep := make(chan amqpRecord, 4)
	ch := openChannel(t, conn)
	s := gokitamqp.NewSubscriber(sumEndpoint, decodeSumDelivery, encodeJSONBody,
		gokitamqp.SubscriberBefore(amqpBefore),
		gokitamqp.SubscriberAfter(gokitamqp.SetAckAfterEndpoint(false)),
		gokitamqp.SubscriberErrorHandler(handlerFunc(subHandler)),
		gokitamqp.SubscriberResponsePublisher(func(ctx context.Context, d *amqp.Delivery, ch gokitamqp.Channel, pub *amqp.Publishing) error {
			err := gokitamqp.DefaultResponsePublisher(ctx, d, ch, pub)
			report(ctx, rep, "response", pub)
			return err
		}),
		gokitamqp.SubscriberErrorEncoder(func(ctx context.Context, err error, d *amqp.Delivery, ch gokitamqp.Channel, pub *amqp.Publishing) {
			gokitamqp.ReplyAndAckErrorEncoder(ctx, err, d, ch, pub)
			report(ctx, rep, "error", pub)
		}))
	return consumeLoop(t, ch, "gokit", s.ServeDelivery(ch)), rep
}

// amqpObserved is what one call shows on both sides, correlation ids
// checked and removed.
type amqpObserved struct {
	Resp                   any
	Err                    string
	ReplyBody, ReplyHeader string
	SubBody, SubHeader     string
	SubHandled             string
	SubDeadline            bool
	ReplyKind              string
}

// amqpCall calls the queue with a fresh channel and reply queue (Go kit's
// DefaultDeliverer leaves a consumer behind on its reply queue at every
// call, documented by kit), and checks the correlation ids end to end.
func amqpCall(t *testing.T, kit bool, conn *amqp.Connection, queue string, req any, rep chan amqpRecord) amqpObserved {
	t.Helper()
	ch := openChannel(t, conn)
	defer ch.Close()
	rq, err := ch.QueueDeclare("", false, true, true, false, nil)
	if err != nil {
		t.Fatalf("declare reply queue: %v", err)
	}
	var (
		o                 amqpObserved
		sentCID, replyCID string
	)
	before := func(ctx context.Context, pub *amqp.Publishing, _ *amqp.Delivery) context.Context {
		sentCID = pub.CorrelationId
		return ctx
	}
	after := func(ctx context.Context, d *amqp.Delivery) context.Context {
		o.ReplyBody, o.ReplyHeader, replyCID = string(d.Body), tableString(d.Headers), d.CorrelationId
		return ctx
	}
	var resp any
	if kit {
		p := kitamqp.NewPublisher(ch, &rq, encodeAMQPRequest, decodeSumReplyDelivery,
			kitamqp.PublisherBefore(kitamqp.SetPublishKey(queue), before), kitamqp.PublisherAfter(after))
		resp, err = p.Endpoint()(testContext(t), req)
		if cerr := p.Close(); cerr != nil {
			t.Errorf("Publisher.Close: %v", cerr)
		}
	} else {
		p := gokitamqp.NewPublisher(ch, &rq, encodeAMQPRequest, decodeSumReplyDelivery,
			gokitamqp.PublisherBefore(gokitamqp.SetPublishKey(queue), before), gokitamqp.PublisherAfter(after))
		resp, err = p.Endpoint()(testContext(t), req)
	}
	o.Resp = resp
	if err != nil {
		o.Err = err.Error()
	}
	var rec amqpRecord
	select {
	case rec = <-rep:
	case <-testContext(t).Done():
		t.Fatal("no subscriber report")
	}
	if sentCID == "" || rec.cid != sentCID || rec.replyCID != sentCID || replyCID != sentCID {
		t.Errorf("correlation ids: sent %q, subscriber saw %q, replied %q, publisher got %q", sentCID, rec.cid, rec.replyCID, replyCID)
	}
	if rec.replyTo != rq.Name {
		t.Errorf("subscriber saw ReplyTo %q, want %q", rec.replyTo, rq.Name)
	}
	if rec.replyHeader != o.ReplyHeader {
		t.Errorf("reply headers: subscriber sent %q, publisher got %q", rec.replyHeader, o.ReplyHeader)
	}
	o.SubBody, o.SubHeader, o.SubHandled, o.SubDeadline, o.ReplyKind = rec.sub.data, rec.sub.header, rec.sub.handled, rec.sub.deadline, rec.replyKind
	return o
}

// TestAMQPInterop sends every request through the four pairings of
// Publisher and Subscriber library and requires the same responses,
// bodies, correlation and hook observations; headers differ only as kit
// documents.
func TestAMQPInterop(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		req  any
		resp any
	}{
		{"sum", sumRequest{1, 2}, sumResponse{V: 3}},
		{"zero", sumRequest{}, sumResponse{}},
		{"endpoint error", sumRequest{-1, 2}, sumResponse{Err: "negative operand"}},
		{"decode error", rawRequest("not json"), sumResponse{Err: "bad request: invalid character 'o' in literal null (expecting 'u')"}},
		{"empty body", rawRequest(""), sumResponse{Err: "bad request: unexpected end of JSON input"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srvConn, cliConn := dialAMQP(t), dialAMQP(t)
			kitQ, kitRep := serveKitAMQP(t, srvConn)
			gokitQ, gokitRep := serveGokitAMQP(t, srvConn)
			pairs := []struct {
				name           string
				kitPub, kitSub bool
				queue          string
				rep            chan amqpRecord
			}{
				{"kit→kit", true, true, kitQ, kitRep},
				{"gokit→gokit", false, false, gokitQ, gokitRep},
				{"kit→gokit", true, false, gokitQ, gokitRep},
				{"gokit→kit", false, true, kitQ, kitRep},
			}
			failed := tc.resp.(sumResponse).Err != ""
			var first amqpObserved
			for i, p := range pairs {
				o := amqpCall(t, p.kitPub, cliConn, p.queue, tc.req, p.rep)

				// Documented kit extensions, all in headers: a kit
				// Publisher (DefaultDeliverer) sends the time it has
				// left, and a kit Subscriber serves such a delivery
				// with a context that ends; kit's ReplyErrorEncoder
				// marks error replies.
				wantSubHeader := ""
				if p.kitPub {
					wantSubHeader = kitamqp.TimeoutHeader + "=<dur>;"
				}
				same(t, p.name+" request header", o.SubHeader, wantSubHeader)
				wantReplyHeader := ""
				if p.kitSub && failed {
					wantReplyHeader = kitamqp.ErrorHeader + "=true;"
				}
				same(t, p.name+" reply header", o.ReplyHeader, wantReplyHeader)
				same(t, p.name+" subscriber deadline", o.SubDeadline, p.kitPub && p.kitSub && !strings.Contains(tc.name, "decode") && tc.name != "empty body")
				o.SubHeader, o.ReplyHeader, o.SubDeadline = "", "", false

				same(t, p.name+" response", o.Resp, tc.resp)
				if i == 0 {
					first = o
					continue
				}
				if o != first {
					t.Errorf("%s differs from kit→kit:\n  %s: %+v\n  kit→kit: %+v", p.name, p.name, o, first)
				}
			}
		})
	}
}

// TestAMQPJSONHelpersInterop uses kit's generic JSON helpers against Go kit
// peers and Go kit's against kit's.
func TestAMQPJSONHelpersInterop(t *testing.T) {
	t.Parallel()
	srvConn, cliConn := dialAMQP(t), dialAMQP(t)
	ctx := testContext(t)

	// A Go kit Subscriber with Go kit's EncodeJSONResponse and
	// ReplyAndAckErrorEncoder, called by a kit Publisher with kit's JSON
	// helpers.
	gch := openChannel(t, srvConn)
	gs := gokitamqp.NewSubscriber(sumEndpoint, decodeSumDelivery, gokitamqp.EncodeJSONResponse,
		gokitamqp.SubscriberAfter(gokitamqp.SetAckAfterEndpoint(false)),
		gokitamqp.SubscriberErrorEncoder(gokitamqp.ReplyAndAckErrorEncoder))
	gokitQ := consumeLoop(t, gch, "gokit", gs.ServeDelivery(gch))

	// A kit Subscriber with kit's generic helpers.
	kch := openChannel(t, srvConn)
	ks := kitamqp.NewSubscriber(sumEndpoint, kitamqp.DecodeJSONRequest[sumRequest], kitamqp.EncodeJSONResponse,
		kitamqp.SubscriberAfter(kitamqp.SetAckAfterEndpoint(false)),
		kitamqp.SubscriberErrorEncoder(kitamqp.ReplyAndAckErrorEncoder))
	kitQ := consumeLoop(t, kch, "kit", ks.ServeDelivery(kch))

	// Each Publisher has its own reply queue: two consumers on one queue
	// would take each other's replies.
	cch := openChannel(t, cliConn)
	kitPub := func(queue string) *kitamqp.Publisher {
		rq, err := cch.QueueDeclare("", false, true, true, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		return kitamqp.NewPublisher(cch, &rq, kitamqp.EncodeJSONRequest, kitamqp.DecodeJSONResponse[sumResponse],
			kitamqp.PublisherBefore(kitamqp.SetPublishKey(queue)))
	}
	toGokit, toKit := kitPub(gokitQ), kitPub(kitQ)
	t.Cleanup(func() { _ = toGokit.Close(); _ = toKit.Close() })

	resp, err := toGokit.Endpoint()(ctx, sumRequest{20, 22})
	if err != nil || resp != (sumResponse{V: 42}) {
		t.Errorf("kit publisher → gokit subscriber: %v, %v", resp, err)
	}
	// Go kit's error reply is not marked with ErrorHeader, so kit's
	// DecodeJSONResponse decodes its {"err": ...} body as a response
	// (documented: only marked replies become a *ReplyError).
	resp, err = toGokit.Endpoint()(ctx, sumRequest{-1, 0})
	if err != nil || resp != (sumResponse{Err: "negative operand"}) {
		t.Errorf("kit publisher → gokit subscriber, error reply: %v, %v", resp, err)
	}
	// kit→kit: the marked reply is a *ReplyError.
	_, err = toKit.Endpoint()(ctx, sumRequest{-1, 0})
	var re *kitamqp.ReplyError
	if !errors.As(err, &re) || re.Message != "negative operand" {
		t.Errorf("kit→kit error reply: %v", err)
	}

	// A Go kit Publisher (one call per channel and reply queue, see
	// amqpCall) with a hand-written request encoder against the kit
	// Subscriber.
	gcall := func(req any) (any, error) {
		ch := openChannel(t, cliConn)
		defer ch.Close()
		q, err := ch.QueueDeclare("", false, true, true, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		return gokitamqp.NewPublisher(ch, &q, encodeAMQPRequest, decodeSumReplyDelivery,
			gokitamqp.PublisherBefore(gokitamqp.SetPublishKey(kitQ))).Endpoint()(ctx, req)
	}
	resp, err = gcall(sumRequest{20, 22})
	if err != nil || resp != (sumResponse{V: 42}) {
		t.Errorf("gokit publisher → kit subscriber: %v, %v", resp, err)
	}
	resp, err = gcall(sumRequest{-1, 0})
	if err != nil || resp != (sumResponse{Err: "negative operand"}) {
		t.Errorf("gokit publisher → kit subscriber, error reply: %v, %v", resp, err)
	}
	resp, err = gcall(rawRequest("{"))
	if err != nil || !strings.HasPrefix(resp.(sumResponse).Err, "amqp: decode JSON request: ") {
		t.Errorf("gokit publisher → kit subscriber, bad request: %v, %v", resp, err)
	}

	// Both response encoders write the same body.
	for _, v := range []any{sumResponse{V: 1}, nil, "s", map[string]int{"b": 1, "a": 2}} {
		var kp, gp amqp.Publishing
		kerr := kitamqp.EncodeJSONResponse(ctx, &kp, v)
		gerr := gokitamqp.EncodeJSONResponse(ctx, &gp, v)
		same(t, fmt.Sprintf("EncodeJSONResponse(%v)", v), [2]any{string(kp.Body), kerr}, [2]any{string(gp.Body), gerr})
	}
}
