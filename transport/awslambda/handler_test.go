package awslambda_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/transport"
	"github.com/seedkit/kit/transport/awslambda"
)

type sumRequest struct{ A, B int }

func sum(_ context.Context, request any) (any, error) {
	r := request.(sumRequest)
	return map[string]int{"v": r.A + r.B}, nil
}

func decodeSum(_ context.Context, payload []byte) (any, error) {
	var r sumRequest
	if err := json.Unmarshal(payload, &r); err != nil {
		return nil, fmt.Errorf("decode sum request: %w", err)
	}
	return r, nil
}

func encodeJSON(_ context.Context, response any) ([]byte, error) {
	return json.Marshal(response)
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

type ctxKey string

func TestInvoke(t *testing.T) {
	t.Parallel()
	h := awslambda.NewHandler(sum, decodeSum, encodeJSON)
	for _, tc := range []struct {
		payload string
		want    string
		wantErr bool
	}{
		{`{"A":2,"B":3}`, `{"v":5}`, false},
		{`{}`, `{"v":0}`, false},
		{`{"A":-1,"B":1,"C":"ignored"}`, `{"v":0}`, false},
		{``, ``, true},
		{`{"A":`, ``, true},
		{`{"A":"two"}`, ``, true},
		{`null`, `{"v":0}`, false},
		{"\xff\xfe", ``, true},
	} {
		resp, err := h.Invoke(testContext(t), []byte(tc.payload))
		if (err != nil) != tc.wantErr || string(resp) != tc.want {
			t.Errorf("Invoke(%q) = %q, %v; want %q (error: %v)", tc.payload, resp, err, tc.want, tc.wantErr)
		}
	}
}

// A malformed payload gives the decoder's error, unchanged by the default
// error encoder, and the endpoint is not called.
func TestBadPayload(t *testing.T) {
	t.Parallel()
	called := false
	handled := make(chan error, 1)
	h := awslambda.NewHandler(
		func(ctx context.Context, req any) (any, error) { called = true; return sum(ctx, req) },
		decodeSum, encodeJSON,
		awslambda.HandlerErrorHandler(transport.ErrorHandlerFunc(func(_ context.Context, err error) { handled <- err })),
	)
	resp, err := h.Invoke(testContext(t), []byte(`{"A":1,`))
	var syntax *json.SyntaxError
	if resp != nil || !errors.As(err, &syntax) {
		t.Errorf("got %q, %v; want a *json.SyntaxError", resp, err)
	}
	if !strings.HasPrefix(err.Error(), "decode sum request: ") {
		t.Errorf("error %q lost the decoder's message", err)
	}
	if h := <-handled; h != err {
		t.Errorf("error handler got %v", h)
	}
	if called {
		t.Error("endpoint called for a bad payload")
	}
}

// Hooks run in order, each seeing the previous one's context; errors stop
// the chain at the failing step; finalizers run last with Invoke's results.
func TestHookOrder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		failAt string
		want   string
	}{
		{"ok", "", "before1 before2 decode endpoint after1 after2 encode final1(out,<nil>) final2(out,<nil>)"},
		{"decoder fails", "decode", "before1 before2 decode handle(decode) errenc(decode) final1(,decode) final2(,decode)"},
		{"endpoint fails", "endpoint", "before1 before2 decode endpoint handle(endpoint) errenc(endpoint) final1(,endpoint) final2(,endpoint)"},
		{"encoder fails", "encode", "before1 before2 decode endpoint after1 after2 encode handle(encode) errenc(encode) final1(,encode) final2(,encode)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var steps []string
			step := func(ctx context.Context, s string) error {
				if n, _ := ctx.Value(ctxKey("n")).(int); n != 2 {
					t.Errorf("%s: context carries %d before values, want 2", s, n)
				}
				steps = append(steps, s)
				if s == tc.failAt {
					return errors.New(s)
				}
				return nil
			}
			before := func(name string) awslambda.HandlerRequestFunc {
				return func(ctx context.Context, payload []byte) context.Context {
					if string(payload) != "in" {
						t.Errorf("%s got payload %q", name, payload)
					}
					steps = append(steps, name)
					n, _ := ctx.Value(ctxKey("n")).(int)
					return context.WithValue(ctx, ctxKey("n"), n+1)
				}
			}
			after := func(name string) awslambda.HandlerResponseFunc {
				return func(ctx context.Context, response any) context.Context {
					if response != "resp" {
						t.Errorf("%s got response %v", name, response)
					}
					steps = append(steps, name)
					return ctx
				}
			}
			final := func(name string) awslambda.HandlerFinalizerFunc {
				return func(ctx context.Context, resp []byte, err error) {
					steps = append(steps, fmt.Sprintf("%s(%s,%v)", name, resp, err))
				}
			}
			h := awslambda.NewHandler(
				func(ctx context.Context, req any) (any, error) { return "resp", step(ctx, "endpoint") },
				func(ctx context.Context, _ []byte) (any, error) { return "req", step(ctx, "decode") },
				func(ctx context.Context, _ any) ([]byte, error) {
					if err := step(ctx, "encode"); err != nil {
						return []byte("partial"), err
					}
					return []byte("out"), nil
				},
				awslambda.HandlerBefore(before("before1")),
				awslambda.HandlerBefore(before("before2")),
				awslambda.HandlerAfter(after("after1"), after("after2")),
				awslambda.HandlerErrorHandler(transport.ErrorHandlerFunc(func(_ context.Context, err error) {
					steps = append(steps, fmt.Sprintf("handle(%v)", err))
				})),
				awslambda.HandlerErrorEncoder(func(_ context.Context, err error) ([]byte, error) {
					steps = append(steps, fmt.Sprintf("errenc(%v)", err))
					return nil, err
				}),
				awslambda.HandlerFinalizer(final("final1"), final("final2")),
			)
			resp, err := h.Invoke(testContext(t), []byte("in"))
			if got := strings.Join(steps, " "); got != tc.want {
				t.Errorf("steps:\n got %s\nwant %s", got, tc.want)
			}
			if (err == nil) != (string(resp) == "out") {
				t.Errorf("got %q, %v", resp, err)
			}
		})
	}
}

// An error encoder may turn an error into a successful response; the
// finalizer sees what Invoke returns.
func TestErrorEncoder(t *testing.T) {
	t.Parallel()
	errNotFound := errors.New("not found")
	type final struct {
		resp string
		err  error
	}
	finals := make(chan final, 1)
	h := awslambda.NewHandler(
		func(context.Context, any) (any, error) { return nil, fmt.Errorf("get: %w", errNotFound) },
		func(context.Context, []byte) (any, error) { return nil, nil },
		encodeJSON,
		awslambda.HandlerErrorEncoder(func(_ context.Context, err error) ([]byte, error) {
			if errors.Is(err, errNotFound) {
				return json.Marshal(map[string]any{"status": 404, "error": err.Error()})
			}
			return nil, err
		}),
		awslambda.HandlerFinalizer(func(_ context.Context, resp []byte, err error) { finals <- final{string(resp), err} }),
	)
	resp, err := h.Invoke(testContext(t), nil)
	want := `{"error":"get: not found","status":404}`
	if err != nil || string(resp) != want {
		t.Errorf("got %q, %v; want %q", resp, err, want)
	}
	if f := <-finals; f.resp != want || f.err != nil {
		t.Errorf("finalizer got %q, %v", f.resp, f.err)
	}
}

func TestDefaultErrorEncoder(t *testing.T) {
	t.Parallel()
	err := errors.New("boom")
	resp, got := awslambda.DefaultErrorEncoder(testContext(t), err)
	if resp != nil || got != err {
		t.Errorf("got %q, %v", resp, got)
	}
}

// HandlerErrorLogger logs each error as "err".
func TestHandlerErrorLogger(t *testing.T) {
	t.Parallel()
	var logged []any
	h := awslambda.NewHandler(sum, decodeSum, encodeJSON,
		awslambda.HandlerErrorLogger(loggerFunc(func(kv ...any) error { logged = append(logged, kv...); return nil })))
	_, err := h.Invoke(testContext(t), []byte("nope"))
	if len(logged) != 2 || logged[0] != "err" || logged[1] != err {
		t.Errorf("logged %v, want [err %v]", logged, err)
	}
}

type loggerFunc func(...any) error

func (f loggerFunc) Log(kv ...any) error { return f(kv...) }

// One Handler serves concurrent invocations (run with -race).
func TestConcurrentInvoke(t *testing.T) {
	t.Parallel()
	h := awslambda.NewHandler(sum, decodeSum, encodeJSON,
		awslambda.HandlerFinalizer(func(context.Context, []byte, error) {}))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := h.Invoke(testContext(t), fmt.Appendf(nil, `{"A":%d,"B":1}`, i))
			if want := fmt.Sprintf(`{"v":%d}`, i+1); err != nil || string(resp) != want {
				t.Errorf("got %q, %v; want %q", resp, err, want)
			}
		}()
	}
	wg.Wait()
}
