package addtransport_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/internal/integration"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics/discard"
	natstransport "github.com/seedkit/kit/transport/nats"
)

// natsConn connects to the test NATS server and returns a subject prefix
// no other test uses.
func natsConn(t *testing.T) (*nats.Conn, string) {
	t.Helper()
	nc, err := nats.Connect(integration.Addr(t, "NATS_URL"), nats.Timeout(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return nc, "addsvc-test-" + hex.EncodeToString(b)
}

func TestNATSRoundTrip(t *testing.T) {
	t.Parallel()
	nc, prefix := natsConn(t)
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram())
	unsubscribe, err := addtransport.ServeNATS(nc, prefix, set, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = unsubscribe() }()
	svc := addtransport.NewNATSClient(nc, prefix)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tests := []struct {
		name    string
		call    func() (any, error)
		want    any
		wantErr error
	}{
		{"sum", func() (any, error) { return svc.Sum(ctx, 40, 2) }, 42, nil},
		{"sum negative", func() (any, error) { return svc.Sum(ctx, -40, 2) }, -38, nil},
		{"two zeroes", func() (any, error) { return svc.Sum(ctx, 0, 0) }, 0, addservice.ErrTwoZeroes},
		{"overflow", func() (any, error) { return svc.Sum(ctx, 1<<62, 1<<62) }, 0, addservice.ErrIntOverflow},
		{"concat", func() (any, error) { return svc.Concat(ctx, "a b", "\"c\"") }, "a b\"c\"", nil},
		{"too long", func() (any, error) { return svc.Concat(ctx, "0123456789", "!") }, "", addservice.ErrMaxSizeExceeded},
	}
	for _, tt := range tests {
		got, err := tt.call()
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: got %v, %v; want %v, %v", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestNATSBadInput(t *testing.T) {
	t.Parallel()
	nc, prefix := natsConn(t)
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram())
	unsubscribe, err := addtransport.ServeNATS(nc, prefix, set, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = unsubscribe() }()
	for _, payload := range []string{`{"a":`, `"text"`, `{"a":"x","b":1}`, "\x00\xff"} {
		msg, err := nc.Request(prefix+".sum", []byte(payload), 5*time.Second)
		if err != nil {
			t.Fatalf("%q: %v", payload, err)
		}
		if msg.Header.Get(natstransport.ErrorHeader) == "" {
			t.Errorf("%q: reply %q has no %s header", payload, msg.Data, natstransport.ErrorHeader)
		}
	}
	// The subscriber still serves.
	if v, err := addtransport.NewNATSClient(nc, prefix).Sum(context.Background(), 1, 2); v != 3 || err != nil {
		t.Fatalf("after bad input: %v, %v", v, err)
	}
}

func TestNATSNoSubscriber(t *testing.T) {
	t.Parallel()
	nc, prefix := natsConn(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := addtransport.NewNATSClient(nc, prefix).Sum(ctx, 1, 2); !errors.Is(err, nats.ErrNoResponders) {
		t.Fatalf("err = %v, want ErrNoResponders", err)
	}
}
