package transportdiff2_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	gokitnats "github.com/go-kit/kit/transport/nats"
	"github.com/seedkit/kit/internal/integration"
	kitnats "github.com/seedkit/kit/transport/nats"
)

// connectNATS opens a connection that the test closes when it ends.
func connectNATS(t *testing.T) *nats.Conn {
	t.Helper()
	url := integration.Addr(t, "NATS_URL")
	nc, err := nats.Connect(url, nats.Name("kit-difftest "+t.Name()))
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// natsSubject returns a subject no other test uses.
func natsSubject(t *testing.T, suffix string) string {
	name := strings.NewReplacer("/", ".", " ", "_", "*", "_", ">", "_", "→", "-").Replace(t.Name())
	return "kit.difftest." + name + "." + suffix + "." + nats.NewInbox()[len(nats.InboxPrefix):]
}

func natsSubscribe(t *testing.T, nc *nats.Conn, subj string, h nats.MsgHandler) {
	t.Helper()
	sub, err := nc.Subscribe(subj, h)
	if err != nil {
		t.Fatalf("subscribe %s: %v", subj, err)
	}
	t.Cleanup(func() { _ = sub.Unsubscribe() })
	if err := nc.Flush(); err != nil {
		t.Fatalf("flush: %v", err)
	}
}

// The service: sum two numbers; a negative operand is an endpoint error.

type sumRequest struct {
	A, B int
}

type sumResponse struct {
	V   int    `json:"v"`
	Err string `json:"err,omitempty"`
}

// rawRequest is sent as it is, to exercise the decoders' errors.
type rawRequest []byte

func sumEndpoint(ctx context.Context, request any) (any, error) {
	r := request.(sumRequest)
	if rec := recordOf(ctx); rec != nil {
		_, rec.deadline = ctx.Deadline()
	}
	if r.A < 0 || r.B < 0 {
		return nil, errors.New("negative operand")
	}
	return sumResponse{V: r.A + r.B}, nil
}

// subRecord is what a Subscriber's hooks saw of one message.
type subRecord struct {
	data, header string
	handled      string
	deadline     bool
}

const recordKey ctxKey = "record"

func recordOf(ctx context.Context) *subRecord {
	r, _ := ctx.Value(recordKey).(*subRecord)
	return r
}

// headerString renders h sorted; the value of the timeout header, which
// varies, is replaced by "<dur>" once checked to be a duration.
func headerString(h map[string][]string) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := h[k]
		if k == kitnats.TimeoutHeader && len(vs) == 1 {
			if d, err := time.ParseDuration(vs[0]); err == nil && d > 0 {
				vs = []string{"<dur>"}
			}
		}
		fmt.Fprintf(&b, "%s=%q;", k, vs)
	}
	return b.String()
}

type handlerFunc func(context.Context, error)

func (f handlerFunc) Handle(ctx context.Context, err error) { f(ctx, err) }

// natsReports carries one subRecord per message, sent by the finalizer.
type natsReports chan subRecord

func (r natsReports) wait(t *testing.T, ctx context.Context) subRecord {
	t.Helper()
	select {
	case rec := <-r:
		return rec
	case <-ctx.Done():
		t.Fatal("no subscriber report")
		return subRecord{}
	}
}

// Codecs shared by both libraries (func literals are assignable to both
// libraries' named function types), so that payloads can be compared.

func decodeSumMsg(_ context.Context, msg *nats.Msg) (any, error) {
	var r sumRequest
	if err := json.Unmarshal(msg.Data, &r); err != nil {
		return nil, fmt.Errorf("bad request: %w", err)
	}
	return r, nil
}

func encodeRawOrJSON(_ context.Context, msg *nats.Msg, request any) error {
	if raw, ok := request.(rawRequest); ok {
		msg.Data = raw
		return nil
	}
	b, err := json.Marshal(request)
	msg.Data = b
	return err
}

func decodeSumReply(_ context.Context, msg *nats.Msg) (any, error) {
	var r sumResponse
	if err := json.Unmarshal(msg.Data, &r); err != nil {
		return nil, err
	}
	return r, nil
}

func setXReq(ctx context.Context, msg *nats.Msg) context.Context {
	if msg.Header == nil {
		msg.Header = nats.Header{}
	}
	msg.Header.Set("X-Req", "r")
	return ctx
}

func subBefore(ctx context.Context, msg *nats.Msg) context.Context {
	return context.WithValue(ctx, recordKey, &subRecord{data: string(msg.Data), header: headerString(msg.Header)})
}

func subHandler(ctx context.Context, err error) {
	if rec := recordOf(ctx); rec != nil {
		rec.handled = err.Error()
	}
}

func subFinalizer(rep natsReports) func(context.Context, *nats.Msg) {
	return func(ctx context.Context, _ *nats.Msg) {
		rec := recordOf(ctx)
		if rec == nil {
			rec = &subRecord{handled: "<no before>"}
		}
		rep <- *rec
	}
}

func serveKitNATS(t *testing.T, nc *nats.Conn, subj string) natsReports {
	rep := make(natsReports, 4)
	s := kitnats.NewSubscriber(sumEndpoint, decodeSumMsg, kitnats.EncodeJSONResponse,
		kitnats.SubscriberBefore(subBefore),
		kitnats.SubscriberErrorHandler(handlerFunc(subHandler)),
		kitnats.SubscriberFinalizer(subFinalizer(rep)))
	natsSubscribe(t, nc, subj, s.ServeMsg(nc))
	return rep
}

func serveGokitNATS(t *testing.T, nc *nats.Conn, subj string) natsReports {
	rep := make(natsReports, 4)
	s := gokitnats.NewSubscriber(sumEndpoint, decodeSumMsg, gokitnats.EncodeJSONResponse,
		gokitnats.SubscriberBefore(subBefore),
		gokitnats.SubscriberErrorHandler(handlerFunc(subHandler)),
		gokitnats.SubscriberFinalizer(subFinalizer(rep)))
	natsSubscribe(t, nc, subj, s.ServeMsg(nc))
	return rep
}

// natsObserved is what one call shows on both sides.
type natsObserved struct {
	Resp                   any
	Err                    string
	ReplyData, ReplyHeader string
	SubData, SubHeader     string
	SubHandled             string
	SubDeadline            bool
}

func natsCall(t *testing.T, kit bool, nc *nats.Conn, subj string, req any) natsObserved {
	var o natsObserved
	after := func(ctx context.Context, msg *nats.Msg) context.Context {
		o.ReplyData, o.ReplyHeader = string(msg.Data), headerString(msg.Header)
		return ctx
	}
	var e func(context.Context, any) (any, error)
	if kit {
		e = kitnats.NewPublisher(nc, subj, encodeRawOrJSON, decodeSumReply,
			kitnats.PublisherBefore(setXReq), kitnats.PublisherAfter(after)).Endpoint()
	} else {
		e = gokitnats.NewPublisher(nc, subj, encodeRawOrJSON, decodeSumReply,
			gokitnats.PublisherBefore(setXReq), gokitnats.PublisherAfter(after)).Endpoint()
	}
	resp, err := e(testContext(t), req)
	o.Resp = resp
	if err != nil {
		o.Err = err.Error()
	}
	return o
}

// TestNATSInterop sends every request through the four pairings of
// Publisher and Subscriber library and requires the same responses,
// payloads and hook observations; the headers differ only as kit
// documents.
func TestNATSInterop(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		req  any
		resp any
		err  string
	}{
		{"sum", sumRequest{1, 2}, sumResponse{V: 3}, ""},
		{"zero", sumRequest{}, sumResponse{}, ""},
		{"large", sumRequest{1 << 40, 1}, sumResponse{V: 1<<40 + 1}, ""},
		{"endpoint error", sumRequest{-1, 2}, sumResponse{Err: "negative operand"}, ""},
		{"decode error", rawRequest("not json"), sumResponse{Err: "bad request: invalid character 'o' in literal null (expecting 'u')"}, ""},
		{"empty payload", rawRequest(""), sumResponse{Err: "bad request: unexpected end of JSON input"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srvConn, cliConn := connectNATS(t), connectNATS(t)
			kitSubj, gokitSubj := natsSubject(t, "kit"), natsSubject(t, "gokit")
			kitRep := serveKitNATS(t, srvConn, kitSubj)
			gokitRep := serveGokitNATS(t, srvConn, gokitSubj)
			pairs := []struct {
				name           string
				kitPub, kitSub bool
				subj           string
				rep            natsReports
			}{
				{"kit→kit", true, true, kitSubj, kitRep},
				{"gokit→gokit", false, false, gokitSubj, gokitRep},
				{"kit→gokit", true, false, gokitSubj, gokitRep},
				{"gokit→kit", false, true, kitSubj, kitRep},
			}
			var first natsObserved
			for i, p := range pairs {
				o := natsCall(t, p.kitPub, cliConn, p.subj, tc.req)
				rec := p.rep.wait(t, testContext(t))
				o.SubData, o.SubHeader, o.SubHandled, o.SubDeadline = rec.data, rec.header, rec.handled, rec.deadline

				// Documented kit extensions, all in headers:
				// a kit Publisher sends the headers its hooks set and
				// the time it has left (Go kit drops headers); a kit
				// Subscriber marks error replies and serves a message
				// carrying a timeout with a context that ends.
				wantSubHeader := ""
				if p.kitPub {
					wantSubHeader = `Kit-Timeout=["<dur>"];X-Req=["r"];`
				}
				same(t, p.name+" request header", o.SubHeader, wantSubHeader)
				wantReplyHeader := ""
				if p.kitSub && tc.resp.(sumResponse).Err != "" {
					wantReplyHeader = `Kit-Error=["true"];`
				}
				same(t, p.name+" reply header", o.ReplyHeader, wantReplyHeader)
				same(t, p.name+" subscriber deadline", o.SubDeadline, p.kitPub && p.kitSub && tc.name != "decode error" && tc.name != "empty payload")
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

// TestNATSJSONHelpersInterop uses each library's own JSON helpers against
// the other library's peer.
func TestNATSJSONHelpersInterop(t *testing.T) {
	t.Parallel()
	srvConn, cliConn := connectNATS(t), connectNATS(t)
	ctx := testContext(t)

	// kit Publisher with kit's JSON helpers → Go kit Subscriber with Go
	// kit's EncodeJSONResponse and DefaultErrorEncoder.
	gokitSubj := natsSubject(t, "gokit")
	gs := gokitnats.NewSubscriber(sumEndpoint, decodeSumMsg, gokitnats.EncodeJSONResponse)
	natsSubscribe(t, srvConn, gokitSubj, gs.ServeMsg(srvConn))
	kitPub := kitnats.NewPublisher(cliConn, gokitSubj, kitnats.EncodeJSONRequest, kitnats.DecodeJSONResponse[sumResponse]).Endpoint()
	resp, err := kitPub(ctx, sumRequest{20, 22})
	if err != nil || resp != (sumResponse{V: 42}) {
		t.Errorf("kit publisher → gokit subscriber: %v, %v", resp, err)
	}
	// Go kit's error reply carries no ErrorHeader, so kit's
	// DecodeJSONResponse cannot tell it from a response: the {"err": ...}
	// body decodes into the response type (documented: only replies
	// marked with ErrorHeader become a *ReplyError).
	resp, err = kitPub(ctx, sumRequest{-1, 0})
	if err != nil || resp != (sumResponse{Err: "negative operand"}) {
		t.Errorf("kit publisher → gokit subscriber, error reply: %v, %v", resp, err)
	}

	// Go kit Publisher with Go kit's EncodeJSONRequest → kit Subscriber
	// with kit's generic JSON helpers and DefaultErrorEncoder.
	kitSubj := natsSubject(t, "kit")
	ks := kitnats.NewSubscriber(sumEndpoint, kitnats.DecodeJSONRequest[sumRequest], kitnats.EncodeJSONResponse)
	natsSubscribe(t, srvConn, kitSubj, ks.ServeMsg(srvConn))
	gokitPub := gokitnats.NewPublisher(cliConn, kitSubj, gokitnats.EncodeJSONRequest, decodeSumReply).Endpoint()
	resp, err = gokitPub(ctx, sumRequest{20, 22})
	if err != nil || resp != (sumResponse{V: 42}) {
		t.Errorf("gokit publisher → kit subscriber: %v, %v", resp, err)
	}
	// The error reply's payload is Go kit's {"err": "..."}.
	resp, err = gokitPub(ctx, sumRequest{-1, 0})
	if err != nil || resp != (sumResponse{Err: "negative operand"}) {
		t.Errorf("gokit publisher → kit subscriber, error reply: %v, %v", resp, err)
	}
	// kit's decoder error text differs from the hand-written one but the
	// shape is the same.
	resp, err = gokitPub(ctx, rawRequest("{"))
	if err != nil || !strings.HasPrefix(resp.(sumResponse).Err, "nats: decode JSON request: ") {
		t.Errorf("gokit publisher → kit subscriber, bad request: %v, %v", resp, err)
	}

	// kit→kit: the marked error reply becomes a *ReplyError.
	kitPub2 := kitnats.NewPublisher(cliConn, kitSubj, kitnats.EncodeJSONRequest, kitnats.DecodeJSONResponse[sumResponse]).Endpoint()
	_, err = kitPub2(ctx, sumRequest{-1, 0})
	var re *kitnats.ReplyError
	if !errors.As(err, &re) || re.Message != "negative operand" {
		t.Errorf("kit→kit error reply: %v", err)
	}

	// Both encoders write the same payload.
	var km, gm nats.Msg
	for _, req := range []any{sumRequest{1, 2}, map[string]any{"a": []int{1}}, nil, "s"} {
		if err := kitnats.EncodeJSONRequest(ctx, &km, req); err != nil {
			t.Fatal(err)
		}
		if err := gokitnats.EncodeJSONRequest(ctx, &gm, req); err != nil {
			t.Fatal(err)
		}
		same(t, fmt.Sprintf("EncodeJSONRequest(%v)", req), string(km.Data), string(gm.Data))
	}
}

// TestNATSNoResponders compares a call to a subject nobody serves.
func TestNATSNoResponders(t *testing.T) {
	t.Parallel()
	nc := connectNATS(t)
	subj := natsSubject(t, "nobody")
	k := natsCall(t, true, nc, subj, sumRequest{1, 2})
	g := natsCall(t, false, nc, subj, sumRequest{1, 2})
	same(t, "no responders", k, g)
	if k.Err != nats.ErrNoResponders.Error() {
		t.Errorf("error %q, want %q", k.Err, nats.ErrNoResponders)
	}
}

// TestNATSFinalizerOptions pins a documented difference: kit's
// SubscriberFinalizer appends to the finalizers of earlier options, Go
// kit's replaces them. (A message without a reply subject needs no
// connection.)
func TestNATSFinalizerOptions(t *testing.T) {
	t.Parallel()
	var kitRan, gokitRan []string
	fin := func(list *[]string, name string) func(context.Context, *nats.Msg) {
		return func(context.Context, *nats.Msg) { *list = append(*list, name) }
	}
	msg := &nats.Msg{Subject: "s", Data: []byte(`{"A":1,"B":2}`)}
	kitnats.NewSubscriber(sumEndpoint, decodeSumMsg, kitnats.EncodeJSONResponse,
		kitnats.SubscriberFinalizer(fin(&kitRan, "first")),
		kitnats.SubscriberFinalizer(fin(&kitRan, "second"))).ServeMsg(nil)(msg)
	gokitnats.NewSubscriber(sumEndpoint, decodeSumMsg, gokitnats.EncodeJSONResponse,
		gokitnats.SubscriberFinalizer(fin(&gokitRan, "first")),
		gokitnats.SubscriberFinalizer(fin(&gokitRan, "second"))).ServeMsg(nil)(msg)
	same(t, "kit finalizers", kitRan, []string{"first", "second"})
	same(t, "gokit finalizers", gokitRan, []string{"second"})
}
