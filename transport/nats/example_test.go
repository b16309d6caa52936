package nats_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go"

	natstransport "github.com/seedkit/kit/transport/nats"
)

// A Subscriber's context carries the request's headers, and ends when the
// time in TimeoutHeader has passed. (The message here has no reply subject,
// so the handler needs no connection; in a service, pass the handler to
// nc.Subscribe.)
func ExampleRequestHeader() {
	e := func(ctx context.Context, _ any) (any, error) {
		_, hasDeadline := ctx.Deadline()
		fmt.Println("trace:", natstransport.RequestHeader(ctx).Get("X-Trace"), "deadline:", hasDeadline)
		return nil, nil
	}
	handler := natstransport.NewSubscriber(e, natstransport.NopRequestDecoder, natstransport.EncodeJSONResponse).ServeMsg(nil)
	handler(&nats.Msg{
		Subject: "svc.op",
		Header:  nats.Header{"X-Trace": {"abc"}, natstransport.TimeoutHeader: {"2s"}},
	})
	// Output: trace: abc deadline: true
}

type greeting struct {
	Name string `json:"name"`
	id   string
}

func (g greeting) Headers() nats.Header { return nats.Header{"X-Request-Id": {g.id}} }

// A request implementing Headerer gets its headers sent with it.
func ExampleEncodeJSONRequest() {
	msg := &nats.Msg{Subject: "svc.greet"}
	if err := natstransport.EncodeJSONRequest(context.Background(), msg, greeting{Name: "Ada", id: "r-1"}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(msg.Data), msg.Header.Get("X-Request-Id"))
	// Output: {"name":"Ada"} r-1
}

// DecodeJSONResponse decodes a reply into the response type, and turns an
// error reply from DefaultErrorEncoder into a *ReplyError.
func ExampleDecodeJSONResponse() {
	dec := natstransport.DecodeJSONResponse[greeting]
	ok, err := dec(context.Background(), &nats.Msg{Data: []byte(`{"name":"Ada"}`)})
	fmt.Printf("%+v %v\n", ok, err)

	_, err = dec(context.Background(), &nats.Msg{
		Data:   []byte(`{"err":"no such user"}`),
		Header: nats.Header{natstransport.ErrorHeader: {"true"}},
	})
	var re *natstransport.ReplyError
	fmt.Println(errors.As(err, &re), re.Message)
	// Output:
	// {Name:Ada id:} <nil>
	// true no such user
}

// DecodeJSONRequest rejects malformed payloads with an error; the
// Subscriber hands it to its error handler and replies with it.
func ExampleDecodeJSONRequest() {
	_, err := natstransport.DecodeJSONRequest[greeting](context.Background(), &nats.Msg{Data: []byte(`{"name":`)})
	fmt.Println(err)
	// Output: nats: decode JSON request: unexpected end of JSON input
}
