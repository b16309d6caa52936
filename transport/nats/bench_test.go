package nats_test

import (
	"context"
	"os"
	"testing"

	"github.com/nats-io/nats.go"

	natstransport "github.com/seedkit/kit/transport/nats"
)

// BenchmarkServeMsg measures the Subscriber's own work for a message
// without a reply subject (decode and endpoint; no network).
func BenchmarkServeMsg(b *testing.B) {
	h := natstransport.NewSubscriber(sum, natstransport.DecodeJSONRequest[sumRequest], natstransport.EncodeJSONResponse).ServeMsg(nil)
	msg := &nats.Msg{Subject: "s", Data: []byte(`{"A":1,"B":2}`), Header: nats.Header{natstransport.TimeoutHeader: {"1s"}}}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			h(msg)
		}
	})
}

// BenchmarkRoundTrip measures a Publisher calling a Subscriber through the
// server at NATS_URL.
func BenchmarkRoundTrip(b *testing.B) {
	url := os.Getenv("NATS_URL")
	if url == "" {
		b.Skip("NATS_URL not set: run via make test / scripts/services.sh")
	}
	nc, err := nats.Connect(url)
	if err != nil {
		b.Fatal(err)
	}
	defer nc.Close()
	subj := "kit.bench." + nats.NewInbox()[len(nats.InboxPrefix):]
	srv := natstransport.NewSubscriber(sum, natstransport.DecodeJSONRequest[sumRequest], natstransport.EncodeJSONResponse)
	sub, err := nc.Subscribe(subj, srv.ServeMsg(nc))
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = sub.Unsubscribe() }()
	if err := nc.Flush(); err != nil {
		b.Fatal(err)
	}
	call := natstransport.NewPublisher(nc, subj, natstransport.EncodeJSONRequest, natstransport.DecodeJSONResponse[sumResponse]).Endpoint()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := call(context.Background(), sumRequest{1, 2}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
