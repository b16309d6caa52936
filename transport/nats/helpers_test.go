package nats_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/internal/integration"
)

// testTimeout bounds every wait in these tests; it is generous because the
// machine may be loaded, and no test asserts on timing.
const testTimeout = 20 * time.Second

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// natsURL returns the shared server's URL or skips the test.
func natsURL(t *testing.T) string {
	t.Helper()
	url := integration.Addr(t, "NATS_URL")
	return url
}

// connect opens a connection to url that the test closes when it ends.
func connect(t *testing.T, url string, opts ...nats.Option) *nats.Conn {
	t.Helper()
	opts = append([]nats.Option{nats.Name("kit-test " + t.Name())}, opts...)
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// subject returns a subject no other test uses.
func subject(t *testing.T) string {
	name := strings.NewReplacer("/", ".", " ", "_", "*", "_", ">", "_").Replace(t.Name())
	return "kit.test." + name + "." + nats.NewInbox()[len(nats.InboxPrefix):]
}

// subscribe subscribes h to subj on nc and unsubscribes when the test
// ends; it flushes so that the server knows the subscription before any
// request is sent.
func subscribe(t *testing.T, nc *nats.Conn, subj string, h nats.MsgHandler) {
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

// errorRecorder is a transport.ErrorHandler that keeps what it sees.
type errorRecorder struct {
	mu   sync.Mutex
	errs []error
	seen chan struct{}
}

func newErrorRecorder() *errorRecorder { return &errorRecorder{seen: make(chan struct{}, 100)} }

func (r *errorRecorder) Handle(_ context.Context, err error) {
	r.mu.Lock()
	r.errs = append(r.errs, err)
	r.mu.Unlock()
	select {
	case r.seen <- struct{}{}:
	default:
	}
}

func (r *errorRecorder) all() []error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]error(nil), r.errs...)
}

type sumRequest struct {
	A, B int
}

type sumResponse struct {
	V int `json:"v"`
}

func sum(_ context.Context, request any) (any, error) {
	r := request.(sumRequest)
	return sumResponse{r.A + r.B}, nil
}

// withHeaders is a response that also carries NATS headers.
type withHeaders struct {
	V   int `json:"v"`
	hdr nats.Header
}

func (w withHeaders) Headers() nats.Header { return w.hdr }
