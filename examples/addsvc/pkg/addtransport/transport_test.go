package addtransport_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/internal/leakcheck"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics/discard"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

type transportCase struct {
	name   string
	server func(addendpoint.Set) http.Handler
	client func(instance string, c *http.Client) (addservice.Service, error)
}

var transports = []transportCase{
	{"http", func(s addendpoint.Set) http.Handler { return addtransport.NewHTTPHandler(s, log.NewNopLogger()) }, addtransport.NewHTTPClient},
	{"jsonrpc", func(s addendpoint.Set) http.Handler { return addtransport.NewJSONRPCHandler(s, log.NewNopLogger()) }, addtransport.NewJSONRPCClient},
}

func serve(t *testing.T, h http.Handler) (string, *http.Client) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	return srv.URL, c
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tc := range transports {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram())
			url, c := serve(t, tc.server(set))
			svc, err := tc.client(url, c)
			if err != nil {
				t.Fatal(err)
			}
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
		})
	}
}

// TestHostileServers points each client at servers that misbehave: the
// client must return an error, never panic or hang.
func TestHostileServers(t *testing.T) {
	t.Parallel()
	hostile := map[string]http.HandlerFunc{
		"html error page": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte("<html>bad gateway</html>"))
		},
		"truncated JSON": func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"v":`))
		},
		"wrong JSON shape": func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`[1,2,3]`))
		},
		"empty 200": func(http.ResponseWriter, *http.Request) {},
		"unknown error message": func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"error":"disk full"}`))
		},
	}
	for _, tc := range transports {
		for name, h := range hostile {
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				t.Parallel()
				url, c := serve(t, h)
				svc, err := tc.client(url, c)
				if err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				if v, err := svc.Sum(ctx, 1, 2); err == nil {
					t.Errorf("Sum = %v, nil; want an error", v)
				} else if addservice.IsBusinessError(err) {
					t.Errorf("transport failure reported as business error: %v", err)
				}
			})
		}
	}
}

func TestDeadServer(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	for _, tc := range transports {
		svc, err := tc.client(url, nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if _, err := svc.Concat(ctx, "a", "b"); err == nil {
			t.Errorf("%s: no error from a closed server", tc.name)
		}
		cancel()
	}
}

func TestBadInstance(t *testing.T) {
	t.Parallel()
	for _, tc := range transports {
		if _, err := tc.client("http://[::1", nil); err == nil {
			t.Errorf("%s: no error for a malformed instance", tc.name)
		}
	}
}
