package routing_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/afex/hystrix-go/hystrix"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/inmem"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/routing"
	"github.com/seedkit/kit/examples/shipping/voyage"
	httptransport "github.com/seedkit/kit/transport/http"
)

var now = time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)

func pathfinder(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(routing.NewPathfinder(inmem.NewVoyageRepository(voyage.Samples()), func() time.Time { return now }))
	t.Cleanup(srv.Close)
	return srv
}

func TestProxyingService(t *testing.T) {
	t.Parallel()
	srv := pathfinder(t)
	svc, err := routing.NewProxyingService(srv.URL, "test-proxy", httptransport.SetClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tests := []struct {
		name     string
		from, to location.UNLocode
		deadline time.Duration
		want     int
	}{
		{"direct", location.USNYC, location.USCHI, 30 * 24 * time.Hour, 1},
		{"transshipment", location.CNHKG, location.SESTO, 30 * 24 * time.Hour, 1},
		{"two ways", location.USNYC, location.DEHAM, 30 * 24 * time.Hour, 1},
		{"deadline too close", location.CNHKG, location.SESTO, 24 * time.Hour, 0},
		{"back from a dead end", location.USCHI, location.SESTO, 30 * 24 * time.Hour, 1},
		{"unknown origin", "XXXXX", location.SESTO, 30 * 24 * time.Hour, 0},
	}
	for _, tt := range tests {
		rs := cargo.RouteSpecification{Origin: tt.from, Destination: tt.to, ArrivalDeadline: now.Add(tt.deadline)}
		its, err := svc.FetchRoutesForSpecification(ctx, rs)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(its) < tt.want || (tt.want == 0 && len(its) != 0) {
			t.Fatalf("%s: %d itineraries, want %d", tt.name, len(its), tt.want)
		}
		for _, it := range its {
			if !rs.IsSatisfiedBy(it) {
				t.Errorf("%s: itinerary %+v does not satisfy %+v", tt.name, it, rs)
			}
			for i := 1; i < len(it.Legs); i++ {
				if it.Legs[i].VoyageNumber == it.Legs[i-1].VoyageNumber || it.Legs[i].LoadLocation != it.Legs[i-1].UnloadLocation ||
					!it.Legs[i].LoadTime.After(it.Legs[i-1].UnloadTime) {
					t.Errorf("%s: legs %d and %d do not chain: %+v", tt.name, i-1, i, it.Legs)
				}
			}
		}
	}
}

// TestSamplesConnected asks the pathfinder for a route between every pair
// of sample locations: the sample voyages must connect them all, as
// voyage.Samples documents (FIHEL and USCHI once had no way out).
func TestSamplesConnected(t *testing.T) {
	t.Parallel()
	srv := pathfinder(t)
	svc, err := routing.NewProxyingService(srv.URL, "test-connected", httptransport.SetClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	locations := location.Samples()
	for _, from := range locations {
		for _, to := range locations {
			if from.UNLocode == to.UNLocode {
				continue
			}
			rs := cargo.RouteSpecification{Origin: from.UNLocode, Destination: to.UNLocode, ArrivalDeadline: now.Add(90 * 24 * time.Hour)}
			its, err := svc.FetchRoutesForSpecification(ctx, rs)
			if err != nil {
				t.Fatalf("%s to %s: %v", from.UNLocode, to.UNLocode, err)
			}
			if len(its) == 0 {
				t.Errorf("no route from %s to %s", from.UNLocode, to.UNLocode)
			}
		}
	}
}

func TestProxyingServiceErrors(t *testing.T) {
	t.Parallel()
	rs := cargo.RouteSpecification{Origin: location.CNHKG, Destination: location.SESTO, ArrivalDeadline: now.Add(time.Hour)}
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"server error", func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "out of order", 500) }, "HTTP 500: out of order"},
		{"not JSON", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<html>")) }, "decoding the pathfinder's answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			svc, err := routing.NewProxyingService(srv.URL, "test-errors-"+tt.name, httptransport.SetClient(srv.Client()))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.FetchRoutesForSpecification(context.Background(), rs); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestCircuitOpens(t *testing.T) {
	t.Parallel()
	const name = "test-circuit-opens"
	hystrix.ConfigureCommand(name, hystrix.CommandConfig{Timeout: 5000, RequestVolumeThreshold: 3, ErrorPercentThreshold: 50, SleepWindow: 60000})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusBadGateway) }))
	defer srv.Close()
	svc, err := routing.NewProxyingService(srv.URL, name, httptransport.SetClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	rs := cargo.RouteSpecification{Origin: location.CNHKG, Destination: location.SESTO}
	for i := 0; ; i++ {
		_, err := svc.FetchRoutesForSpecification(context.Background(), rs)
		if errors.Is(err, hystrix.ErrCircuitOpen) {
			break
		}
		if err == nil || i == 1000 {
			t.Fatalf("call %d: err = %v, want the circuit to open", i, err)
		}
	}
}

func TestNewProxyingServiceBadURL(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"http://", "http://a b/", "://x"} {
		if _, err := routing.NewProxyingService(u, "test-bad-url"); err == nil {
			t.Errorf("NewProxyingService(%q) succeeded", u)
		}
	}
}

func TestPathfinderBadRequests(t *testing.T) {
	t.Parallel()
	srv := pathfinder(t)
	tests := []struct {
		method, query string
		want          int
	}{
		{"GET", "", http.StatusBadRequest},
		{"GET", "?from=SESTO", http.StatusBadRequest},
		{"GET", "?from=SESTO&to=SESTO", http.StatusBadRequest},
		{"POST", "?from=SESTO&to=AUMEL", http.StatusMethodNotAllowed},
		{"GET", "?from=XXXXX&to=AUMEL", http.StatusOK},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL+"/paths"+tt.query, nil)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s %s: %d, want %d", tt.method, tt.query, resp.StatusCode, tt.want)
		}
	}
}
