package addendpoint_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sony/gobreaker"
	"golang.org/x/time/rate"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/internal/leakcheck"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/ratelimit"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

func TestSetImplementsService(t *testing.T) {
	t.Parallel()
	var _ addservice.Service = addendpoint.Set{}
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), generic.NewHistogram("d", 10))
	ctx := context.Background()
	if v, err := set.Sum(ctx, 2, 3); v != 5 || err != nil {
		t.Errorf("Sum = %v, %v", v, err)
	}
	if _, err := set.Sum(ctx, 0, 0); !errors.Is(err, addservice.ErrTwoZeroes) {
		t.Errorf("Sum(0, 0) error = %v", err)
	}
	if v, err := set.Concat(ctx, "a", "b"); v != "ab" || err != nil {
		t.Errorf("Concat = %q, %v", v, err)
	}
}

func TestSetPassesTransportErrors(t *testing.T) {
	t.Parallel()
	down := errors.New("connection refused")
	failing := func(context.Context, any) (any, error) { return nil, down }
	set := addendpoint.Set{SumEndpoint: failing, ConcatEndpoint: failing}
	if _, err := set.Sum(context.Background(), 1, 2); !errors.Is(err, down) {
		t.Errorf("Sum error = %v", err)
	}
	wrongType := func(context.Context, any) (any, error) { return "five", nil }
	set = addendpoint.Set{SumEndpoint: wrongType, ConcatEndpoint: wrongType}
	if _, err := set.Concat(context.Background(), "a", "b"); !errors.Is(err, endpoint.ErrUnexpectedType) {
		t.Errorf("Concat error = %v, want ErrUnexpectedType", err)
	}
}

func TestEndpointsRejectWrongRequests(t *testing.T) {
	t.Parallel()
	e := addendpoint.MakeSumEndpoint(addservice.NewBasicService())
	if _, err := e(context.Background(), addendpoint.ConcatRequest{}); !errors.Is(err, endpoint.ErrUnexpectedType) {
		t.Errorf("err = %v", err)
	}
}

func TestMiddlewares(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	duration := generic.NewHistogram("duration", 10)
	set := addendpoint.New(addservice.NewBasicService(), log.NewLogfmtLogger(&logs), duration)
	ctx := context.Background()
	_, _ = set.Sum(ctx, 1, 1)
	_, _ = set.Sum(ctx, 0, 0)
	if got := strings.Count(logs.String(), "method=Sum transport_error=null took="); got != 2 {
		t.Errorf("log lines:\n%s", logs.String())
	}

	// The instrumenting middleware labels each observation with the outcome.
	var labels []string
	observe := labelRecorder{labels: &labels}
	e := addendpoint.InstrumentingMiddleware(observe)(addendpoint.MakeSumEndpoint(addservice.NewBasicService()))
	_, _ = e(ctx, addendpoint.SumRequest{A: 1, B: 1})
	_, _ = e(ctx, addendpoint.SumRequest{A: 0, B: 0})
	if got := strings.Join(labels, " "); got != "success=true success=false" {
		t.Errorf("labels = %q", got)
	}
}

// labelRecorder is a metrics.Histogram that records the labels of each
// observation.
type labelRecorder struct {
	labels *[]string
	lvs    []string
}

func (r labelRecorder) With(lvs ...string) metrics.Histogram {
	return labelRecorder{r.labels, append(append([]string(nil), r.lvs...), lvs...)}
}

func (r labelRecorder) Observe(float64) {
	var pairs []string
	for i := 0; i+1 < len(r.lvs); i += 2 {
		pairs = append(pairs, r.lvs[i]+"="+r.lvs[i+1])
	}
	*r.labels = append(*r.labels, strings.Join(pairs, ","))
}

// brokenService fails every call with an infrastructure error.
type brokenService struct{ err error }

func (b brokenService) Sum(context.Context, int, int) (int, error)             { return 0, b.err }
func (b brokenService) Concat(context.Context, string, string) (string, error) { return "", b.err }

func TestRateLimit(t *testing.T) {
	t.Parallel()
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), generic.NewHistogram("d", 10),
		addendpoint.WithRateLimit(rate.Every(time.Hour), 1))
	ctx := context.Background()
	if _, err := set.Sum(ctx, 1, 2); err != nil {
		t.Fatalf("first call: %v", err)
	}
	if _, err := set.Sum(ctx, 1, 2); !errors.Is(err, ratelimit.ErrLimited) {
		t.Fatalf("second call: err = %v, want ErrLimited", err)
	}
	if _, err := set.Concat(ctx, "a", "b"); err != nil {
		t.Fatalf("Concat has its own limit: %v", err)
	}
}

func TestCircuitBreakerCountsOnlyInfrastructureErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Business errors never open the breaker.
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), generic.NewHistogram("d", 10))
	for range 20 {
		if _, err := set.Sum(ctx, 0, 0); !errors.Is(err, addservice.ErrTwoZeroes) {
			t.Fatalf("err = %v, want ErrTwoZeroes", err)
		}
	}
	// Infrastructure errors do: gobreaker's default opens after more than
	// five consecutive failures.
	down := errors.New("database down")
	set = addendpoint.New(brokenService{down}, log.NewNopLogger(), generic.NewHistogram("d", 10))
	for range 6 {
		if _, err := set.Sum(ctx, 1, 2); !errors.Is(err, down) {
			t.Fatalf("err = %v, want %v", err, down)
		}
	}
	if _, err := set.Sum(ctx, 1, 2); !errors.Is(err, gobreaker.ErrOpenState) {
		t.Fatalf("after 6 failures: err = %v, want ErrOpenState", err)
	}
}

func TestWithMiddlewareIsOutermost(t *testing.T) {
	t.Parallel()
	var saw []string
	mw := func(name string) endpoint.Middleware {
		return func(next endpoint.Endpoint) endpoint.Endpoint {
			return func(ctx context.Context, req any) (any, error) {
				saw = append(saw, name)
				return next(ctx, req)
			}
		}
	}
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), generic.NewHistogram("d", 10),
		addendpoint.WithMiddleware(mw("a"), mw("b")), addendpoint.WithRateLimit(rate.Every(time.Hour), 1))
	ctx := context.Background()
	_, _ = set.Sum(ctx, 1, 2)
	_, _ = set.Sum(ctx, 1, 2) // rate limited, but the outer middlewares still see it
	if strings.Join(saw, ",") != "a,b,a,b" {
		t.Fatalf("middlewares ran %v, want a,b twice", saw)
	}
}
