package nats_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/nats-io/nats.go"

	natstransport "github.com/seedkit/kit/transport/nats"
)

type headerRequest struct {
	S   string
	hdr nats.Header
}

func (r headerRequest) Headers() nats.Header { return r.hdr }

func TestEncodeJSONRequest(t *testing.T) {
	t.Parallel()
	shared := nats.Header{"X-A": {"1", "2"}}
	for _, tc := range []struct {
		name     string
		request  any
		before   nats.Header
		wantData string
		wantHdr  nats.Header
		wantErr  bool
	}{
		{name: "plain", request: sumRequest{1, 2}, wantData: `{"A":1,"B":2}`},
		{name: "nil", request: nil, wantData: `null`},
		{name: "headerer", request: headerRequest{S: "x", hdr: shared}, wantData: `{"S":"x"}`, wantHdr: nats.Header{"X-A": {"1", "2"}}},
		{name: "headerer adds to existing", request: headerRequest{S: "x", hdr: shared}, before: nats.Header{"X-A": {"0"}, "X-B": {"b"}},
			wantData: `{"S":"x"}`, wantHdr: nats.Header{"X-A": {"0", "1", "2"}, "X-B": {"b"}}},
		{name: "empty headerer", request: headerRequest{S: "x"}, wantData: `{"S":"x"}`},
		{name: "unmarshalable", request: make(chan int), wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			msg := &nats.Msg{Subject: "s", Header: tc.before}
			err := natstransport.EncodeJSONRequest(context.Background(), msg, tc.request)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tc.wantErr)
			}
			if tc.wantErr {
				return
			}
			if string(msg.Data) != tc.wantData {
				t.Errorf("data = %s, want %s", msg.Data, tc.wantData)
			}
			if !reflect.DeepEqual(msg.Header, tc.wantHdr) {
				t.Errorf("header = %v, want %v", msg.Header, tc.wantHdr)
			}
		})
	}
	if !reflect.DeepEqual(shared, nats.Header{"X-A": {"1", "2"}}) {
		t.Errorf("the Headerer's map was modified: %v", shared)
	}
	if err := natstransport.EncodeJSONRequest(context.Background(), nil, 1); !errors.Is(err, natstransport.ErrNilMsg) {
		t.Errorf("nil msg: err = %v, want ErrNilMsg", err)
	}
}

func TestDecodeJSON(t *testing.T) {
	t.Parallel()
	var syntax *json.SyntaxError
	for _, tc := range []struct {
		name     string
		msg      *nats.Msg
		want     any
		wantErr  func(error) bool
		response bool // decode with DecodeJSONResponse
	}{
		{name: "request", msg: &nats.Msg{Data: []byte(`{"A":1,"B":2}`)}, want: sumRequest{1, 2}},
		{name: "request unknown fields ignored", msg: &nats.Msg{Data: []byte(`{"A":1,"C":3}`)}, want: sumRequest{A: 1}},
		{name: "request malformed", msg: &nats.Msg{Data: []byte(`{"A":`)}, wantErr: func(err error) bool { return err != nil }},
		{name: "request syntax", msg: &nats.Msg{Data: []byte(`{x}`)}, wantErr: func(err error) bool { return errors.As(err, &syntax) }},
		{name: "request empty", msg: &nats.Msg{}, wantErr: func(err error) bool { return err != nil }},
		{name: "request trailing data", msg: &nats.Msg{Data: []byte(`{"A":1} {}`)}, wantErr: func(err error) bool { return err != nil }},
		{name: "request wrong type", msg: &nats.Msg{Data: []byte(`{"A":"x"}`)}, wantErr: func(err error) bool { return err != nil }},
		{name: "request nil msg", wantErr: func(err error) bool { return errors.Is(err, natstransport.ErrNilMsg) }},
		{name: "response", response: true, msg: &nats.Msg{Data: []byte(`{"A":3}`)}, want: sumRequest{A: 3}},
		{name: "response malformed", response: true, msg: &nats.Msg{Data: []byte(`nope`)}, wantErr: func(err error) bool { return errors.As(err, &syntax) }},
		{name: "response nil msg", response: true, wantErr: func(err error) bool { return errors.Is(err, natstransport.ErrNilMsg) }},
		{name: "error reply", response: true,
			msg: &nats.Msg{Data: []byte(`{"err":"boom"}`), Header: nats.Header{natstransport.ErrorHeader: {"true"}}},
			wantErr: func(err error) bool {
				var re *natstransport.ReplyError
				return errors.As(err, &re) && re.Message == "boom" && err.Error() == "nats: error reply: boom"
			}},
		{name: "malformed error reply", response: true,
			msg:     &nats.Msg{Data: []byte(`{"err":`), Header: nats.Header{natstransport.ErrorHeader: {"true"}}},
			wantErr: func(err error) bool { var re *natstransport.ReplyError; return err != nil && !errors.As(err, &re) }},
		{name: "err field without header is data", response: true, msg: &nats.Msg{Data: []byte(`{"err":"x"}`)}, want: sumRequest{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dec := natstransport.DecodeJSONRequest[sumRequest]
			if tc.response {
				dec = natstransport.DecodeJSONResponse[sumRequest]
			}
			got, err := dec(context.Background(), tc.msg)
			if tc.wantErr != nil {
				if !tc.wantErr(err) {
					t.Fatalf("err = %v (%T): not the expected error", err, err)
				}
				if got != nil {
					t.Errorf("response = %v with an error, want nil", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestSetRequestHeader(t *testing.T) {
	t.Parallel()
	msg := &nats.Msg{Header: nats.Header{"K": {"old", "older"}}}
	natstransport.SetRequestHeader("K", "new")(context.Background(), msg)
	natstransport.SetRequestHeader("L", "l")(context.Background(), msg)
	want := nats.Header{"K": {"new"}, "L": {"l"}}
	if !reflect.DeepEqual(msg.Header, want) {
		t.Errorf("header = %v, want %v", msg.Header, want)
	}
	empty := &nats.Msg{}
	natstransport.SetRequestHeader("K", "v")(context.Background(), empty)
	if empty.Header.Get("K") != "v" {
		t.Errorf("header on a message without one = %v", empty.Header)
	}
}

func TestRequestHeaderOutsideSubscriber(t *testing.T) {
	t.Parallel()
	if h := natstransport.RequestHeader(context.Background()); h != nil {
		t.Errorf("RequestHeader(Background) = %v, want nil", h)
	}
}
