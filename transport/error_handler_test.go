package transport_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

func TestLogErrorHandler(t *testing.T) {
	t.Parallel()
	var (
		mu  sync.Mutex
		got [][]any
	)
	logger := log.LoggerFunc(func(kv ...any) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, kv)
		return errors.New("logger failed") // must not escape Handle
	})
	h := transport.NewLogErrorHandler(logger)
	boom := errors.New("boom")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { h.Handle(context.Background(), boom) })
	}
	wg.Wait()
	if len(got) != 8 {
		t.Fatalf("logged %d events, want 8", len(got))
	}
	for _, kv := range got {
		if len(kv) != 2 || kv[0] != "err" || kv[1] != boom {
			t.Errorf("event = %v, want [err boom]", kv)
		}
	}
}

func TestLogErrorHandlerNilLogger(t *testing.T) {
	t.Parallel()
	transport.NewLogErrorHandler(nil).Handle(context.Background(), errors.New("x"))
}

func TestErrorHandlerFunc(t *testing.T) {
	t.Parallel()
	type key struct{}
	var seen error
	var seenCtx any
	h := transport.ErrorHandlerFunc(func(ctx context.Context, err error) {
		seen, seenCtx = err, ctx.Value(key{})
	})
	err := fmt.Errorf("wrapped: %w", context.Canceled)
	h.Handle(context.WithValue(context.Background(), key{}, "v"), err)
	if !errors.Is(seen, context.Canceled) || seenCtx != "v" {
		t.Errorf("got %v, %v", seen, seenCtx)
	}
}
