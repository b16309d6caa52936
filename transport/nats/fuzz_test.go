package nats_test

import (
	"context"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/nats-io/nats.go"

	natstransport "github.com/seedkit/kit/transport/nats"
)

type fuzzPayload struct {
	S string            `json:"s"`
	N int64             `json:"n"`
	F []float64         `json:"f"`
	M map[string]string `json:"m"`
	P *fuzzPayload      `json:"p"`
}

// FuzzDecodeJSONRequest: arbitrary bytes never panic the decoder (nor the
// Subscriber using it), and whatever decodes re-encodes to an equal value.
func FuzzDecodeJSONRequest(f *testing.F) {
	for _, seed := range []string{
		``, `{}`, `null`, `{"s":"x","n":1,"f":[1.5,2],"m":{"a":"b"},"p":{"s":"y"}}`,
		`{"s":`, `{"n":1e400}`, `[1,2]`, "\"\xff\"", `{"p":{"p":{"p":null}}}`, `{"s":"\u0000"} x`,
	} {
		f.Add([]byte(seed))
	}
	srv := natstransport.NewSubscriber(
		func(context.Context, any) (any, error) { return nil, nil },
		natstransport.DecodeJSONRequest[fuzzPayload],
		natstransport.EncodeJSONResponse,
	)
	serve := srv.ServeMsg(nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		serve(&nats.Msg{Subject: "s", Data: data}) // no reply subject: no connection needed

		v, err := natstransport.DecodeJSONRequest[fuzzPayload](ctx, &nats.Msg{Data: data})
		if err != nil {
			if v != nil {
				t.Fatalf("value %v returned with error %v", v, err)
			}
			return
		}
		msg := &nats.Msg{}
		if err := natstransport.EncodeJSONRequest(ctx, msg, v); err != nil {
			t.Fatalf("re-encode %#v: %v", v, err)
		}
		again, err := natstransport.DecodeJSONRequest[fuzzPayload](ctx, msg)
		if err != nil {
			t.Fatalf("decode re-encoded %s: %v", msg.Data, err)
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
		msg := &nats.Msg{}
		err := natstransport.EncodeJSONRequest(context.Background(), msg, want)
		if fl != fl || fl > 1.7976931348623157e308 || fl < -1.7976931348623157e308 { // NaN, ±Inf
			if err == nil {
				t.Fatalf("encoded a non-finite float: %s", msg.Data)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := natstransport.DecodeJSONRequest[fuzzPayload](context.Background(), msg)
		if err != nil {
			t.Fatalf("decode %s: %v", msg.Data, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip:\n got %#v\nwant %#v", got, want)
		}
	})
}
