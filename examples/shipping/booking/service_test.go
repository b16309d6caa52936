package booking_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/seedkit/kit/examples/shipping/booking"
	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/inmem"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/log"
	kitprometheus "github.com/seedkit/kit/metrics/prometheus"
)

// routingFunc adapts a function to routing.Service.
type routingFunc func(context.Context, cargo.RouteSpecification) ([]cargo.Itinerary, error)

func (f routingFunc) FetchRoutesForSpecification(ctx context.Context, rs cargo.RouteSpecification) ([]cargo.Itinerary, error) {
	return f(ctx, rs)
}

var errDown = errors.New("pathfinder down")

func newService(t *testing.T) booking.Service {
	t.Helper()
	direct := func(_ context.Context, rs cargo.RouteSpecification) ([]cargo.Itinerary, error) {
		if rs.Destination == location.FIHEL {
			return nil, errDown
		}
		return []cargo.Itinerary{{Legs: []cargo.Leg{{
			VoyageNumber: "V1", LoadLocation: rs.Origin, UnloadLocation: rs.Destination,
			LoadTime: time.Now(), UnloadTime: time.Now().Add(time.Hour),
		}}}}, nil
	}
	return booking.NewService(inmem.NewCargoRepository(), inmem.NewLocationRepository(location.Samples()),
		&inmem.HandlingEventRepository{}, routingFunc(direct))
}

func TestBookingService(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc := newService(t)
	deadline := time.Now().Add(24 * time.Hour)

	badBookings := []struct {
		origin, destination location.UNLocode
		deadline            time.Time
	}{
		{"", location.SESTO, deadline},
		{location.SESTO, "", deadline},
		{location.SESTO, "XXXXX", deadline},
		{location.SESTO, location.SESTO, deadline},
		{location.SESTO, location.AUMEL, time.Time{}},
	}
	for _, b := range badBookings {
		if _, err := svc.BookNewCargo(ctx, b.origin, b.destination, b.deadline); !errors.Is(err, booking.ErrInvalidArgument) {
			t.Errorf("BookNewCargo(%q, %q, %v) err = %v, want ErrInvalidArgument", b.origin, b.destination, b.deadline, err)
		}
	}

	id, err := svc.BookNewCargo(ctx, location.SESTO, location.AUMEL, deadline)
	if err != nil {
		t.Fatal(err)
	}
	its, err := svc.RequestPossibleRoutesForCargo(ctx, id)
	if err != nil || len(its) != 1 {
		t.Fatalf("RequestPossibleRoutesForCargo = %v, %v", its, err)
	}
	if err := svc.AssignCargoToRoute(ctx, id, cargo.Itinerary{}); !errors.Is(err, booking.ErrInvalidArgument) {
		t.Errorf("AssignCargoToRoute(empty) err = %v", err)
	}
	if err := svc.AssignCargoToRoute(ctx, id, cargo.Itinerary{Legs: []cargo.Leg{{VoyageNumber: "V1"}}}); !errors.Is(err, booking.ErrInvalidArgument) {
		t.Errorf("AssignCargoToRoute(incomplete leg) err = %v", err)
	}
	if err := svc.AssignCargoToRoute(ctx, "NOPE", its[0]); !errors.Is(err, cargo.ErrUnknown) {
		t.Errorf("AssignCargoToRoute(unknown) err = %v", err)
	}
	if err := svc.AssignCargoToRoute(ctx, id, its[0]); err != nil {
		t.Fatal(err)
	}
	c, err := svc.LoadCargo(ctx, id)
	if err != nil || !c.Routed || c.Misrouted || len(c.Legs) != 1 {
		t.Fatalf("LoadCargo = %+v, %v", c, err)
	}

	if err := svc.ChangeDestination(ctx, id, "XXXXX"); !errors.Is(err, booking.ErrInvalidArgument) {
		t.Errorf("ChangeDestination(unknown location) err = %v", err)
	}
	if err := svc.ChangeDestination(ctx, id, location.FIHEL); err != nil {
		t.Fatal(err)
	}
	if c, _ := svc.LoadCargo(ctx, id); !c.Misrouted || c.Destination != location.FIHEL {
		t.Fatalf("after ChangeDestination: %+v", c)
	}
	_, err = svc.RequestPossibleRoutesForCargo(ctx, id)
	if !errors.Is(err, booking.ErrRoutingUnavailable) || !errors.Is(err, errDown) {
		t.Fatalf("routing failure: err = %v, want ErrRoutingUnavailable wrapping the cause", err)
	}
	if _, err := svc.LoadCargo(ctx, "NOPE"); !errors.Is(err, cargo.ErrUnknown) {
		t.Errorf("LoadCargo(unknown) err = %v", err)
	}
	if n := len(svc.Cargos(ctx)); n != 1 {
		t.Errorf("%d cargos, want 1", n)
	}
	if n := len(svc.Locations(ctx)); n != len(location.Samples()) {
		t.Errorf("%d locations, want %d", n, len(location.Samples()))
	}
}

func TestMiddlewares(t *testing.T) {
	t.Parallel()
	var logged strings.Builder
	reg := prometheus.NewRegistry()
	counter, err := kitprometheus.NewCounterIn(reg, prometheus.CounterOpts{Name: "requests_total"}, []string{"method"})
	if err != nil {
		t.Fatal(err)
	}
	latency, err := kitprometheus.NewSummaryIn(reg, prometheus.SummaryOpts{Name: "duration_seconds"}, []string{"method"})
	if err != nil {
		t.Fatal(err)
	}
	svc := booking.NewInstrumentingService(counter, latency,
		booking.NewLoggingService(log.NewLogfmtLogger(log.NewSyncWriter(&logged)), newService(t)))
	ctx := context.Background()
	_, _ = svc.BookNewCargo(ctx, "XXXXX", location.SESTO, time.Now())
	_ = svc.Locations(ctx)
	want := `
# HELP requests_total 
# TYPE requests_total counter
requests_total{method="book"} 1
requests_total{method="list_locations"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "requests_total"); err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(reg, "duration_seconds"); n != 2 {
		t.Errorf("%d duration series, want 2", n)
	}
	if !strings.Contains(logged.String(), "method=book origin=XXXXX") || !strings.Contains(logged.String(), "method=list_locations") {
		t.Errorf("log:\n%s", logged.String())
	}
}

func TestHandlerErrors(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(booking.MakeHandler(newService(t), nil))
	defer srv.Close()
	post := func(path, body string) (int, string) {
		resp, err := srv.Client().Post(srv.URL+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := post("/booking/v1/cargos", `{"origin":"SESTO","destination":"FIHEL","arrival_deadline":"2030-01-01T00:00:00Z"}`)
	if code != http.StatusOK {
		t.Fatalf("booking: %d %s", code, body)
	}
	id := body[strings.Index(body, `:"`)+2 : strings.LastIndex(body, `"`)]
	resp, err := srv.Client().Get(srv.URL + "/booking/v1/cargos/" + id + "/request_routes")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), "routing service unavailable: pathfinder down") {
		t.Fatalf("routing failure: %d %s, want 503", resp.StatusCode, b)
	}
	if code, body := post("/booking/v1/cargos", `{"origin":"`+strings.Repeat("A", 2<<20)+`"}`); code != http.StatusRequestEntityTooLarge {
		t.Fatalf("huge body: %d %.100s, want 413", code, body)
	}
}
