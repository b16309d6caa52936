package amqp_test

import (
	"context"
	"reflect"
	"testing"
	"unicode/utf8"

	amqp "github.com/rabbitmq/amqp091-go"

	amqptransport "github.com/seedkit/kit/transport/amqp"
)

type fuzzPayload struct {
	S string            `json:"s"`
	N int64             `json:"n"`
	F []float64         `json:"f"`
	M map[string]string `json:"m"`
	P *fuzzPayload      `json:"p"`
}

// FuzzDecodeJSONRequest: arbitrary bodies never panic the decoder, nor a
// Subscriber using it with the fake channel, and whatever decodes
// re-encodes to an equal value.
func FuzzDecodeJSONRequest(f *testing.F) {
	for _, seed := range []string{
		``, `{}`, `null`, `{"s":"x","n":1,"f":[1.5,2],"m":{"a":"b"},"p":{"s":"y"}}`,
		`{"s":`, `{"n":1e400}`, `[1,2]`, "\"\xff\"", `{"p":{"p":{"p":null}}}`, `{"s":"\u0000"} x`,
	} {
		f.Add([]byte(seed))
	}
	ch := newFakeChannel()
	srv := amqptransport.NewSubscriber(
		func(context.Context, any) (any, error) { return fuzzPayload{}, nil },
		amqptransport.DecodeJSONRequest[fuzzPayload],
		amqptransport.EncodeJSONResponse,
		amqptransport.SubscriberErrorEncoder(amqptransport.ReplyAndAckErrorEncoder),
		amqptransport.SubscriberResponsePublisher(amqptransport.NopResponsePublisher),
	)
	serve := srv.ServeDelivery(ch)
	f.Fuzz(func(t *testing.T, body []byte) {
		ctx := context.Background()
		serve(&amqp.Delivery{Body: body, Acknowledger: ch.acker})

		v, err := amqptransport.DecodeJSONRequest[fuzzPayload](ctx, &amqp.Delivery{Body: body})
		if err != nil {
			if v != nil {
				t.Fatalf("value %v returned with error %v", v, err)
			}
			return
		}
		pub := &amqp.Publishing{}
		if err := amqptransport.EncodeJSONRequest(ctx, pub, v); err != nil {
			t.Fatalf("re-encode %#v: %v", v, err)
		}
		again, err := amqptransport.DecodeJSONRequest[fuzzPayload](ctx, &amqp.Delivery{Body: pub.Body})
		if err != nil {
			t.Fatalf("decode re-encoded %s: %v", pub.Body, err)
		}
		if !reflect.DeepEqual(v, again) {
			t.Fatalf("round trip changed the value:\n%#v\n%#v", v, again)
		}
	})
}

// FuzzJSONRoundTrip: a value built from fuzzed fields survives
// EncodeJSONRequest and DecodeJSONRequest unchanged.
func FuzzJSONRoundTrip(f *testing.F) {
	f.Add("hello", int64(42), 1.5, "k", "v")
	f.Add("", int64(-1), 0.0, "", "")
	f.Add("\u2028<>&", int64(1<<62), -1e300, "\x00", "\t")
	f.Fuzz(func(t *testing.T, s string, n int64, fl float64, k, mv string) {
		if !utf8.ValidString(s) || !utf8.ValidString(k) || !utf8.ValidString(mv) {
			t.Skip("encoding/json replaces invalid UTF-8")
		}
		want := fuzzPayload{S: s, N: n, F: []float64{fl}, M: map[string]string{k: mv}, P: &fuzzPayload{S: k}}
		pub := &amqp.Publishing{}
		err := amqptransport.EncodeJSONRequest(context.Background(), pub, want)
		if fl != fl || fl > 1.7976931348623157e308 || fl < -1.7976931348623157e308 { // NaN, ±Inf
			if err == nil {
				t.Fatalf("encoded a non-finite float: %s", pub.Body)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := amqptransport.DecodeJSONRequest[fuzzPayload](context.Background(), &amqp.Delivery{Body: pub.Body})
		if err != nil {
			t.Fatalf("decode %s: %v", pub.Body, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip:\n got %#v\nwant %#v", got, want)
		}
	})
}
