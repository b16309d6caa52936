package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/examples/shipping/inmem"
	"github.com/seedkit/kit/examples/shipping/routing"
	"github.com/seedkit/kit/examples/shipping/voyage"
	"github.com/seedkit/kit/internal/leakcheck"
)

// hystrix-go starts two monitor goroutines per circuit and never stops them.
func TestMain(m *testing.M) {
	leakcheck.Main(m, "hystrix.(*metricExchange).Monitor", "hystrix.(*poolMetrics).Monitor")
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// app is a running shipping command.
type app struct {
	t      *testing.T
	base   string
	client *http.Client
	logs   *syncBuffer
}

// start runs the command with args until the test ends.
func start(t *testing.T, args ...string) *app {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	a := &app{t: t, client: &http.Client{Timeout: 10 * time.Second}, logs: &syncBuffer{}}
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	args = append([]string{"-http-addr", "127.0.0.1:0", "-routing-circuit", "test-" + t.Name()}, args...)
	go func() { done <- run(ctx, args, a.logs, func(addr string) { addrc <- addr }) }()
	select {
	case addr := <-addrc:
		a.base = "http://" + addr
	case err := <-done:
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a.client.CloseIdleConnections()
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return a
}

// do sends body (JSON-encoded unless a string) and decodes a JSON answer
// into out, if not nil. It returns the status and the raw answer.
func (a *app) do(method, path string, body, out any) (int, string) {
	a.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, a.base+path, r)
	if err != nil {
		a.t.Fatal(err)
	}
	resp, err := a.client.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	if out != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw, out); err != nil {
			a.t.Fatalf("%s %s: %v in %s", method, path, err, raw)
		}
	}
	return resp.StatusCode, strings.TrimSpace(string(raw))
}

// must is do expecting 200.
func (a *app) must(method, path string, body, out any) {
	a.t.Helper()
	if code, raw := a.do(method, path, body, out); code != http.StatusOK {
		a.t.Fatalf("%s %s: %d %s", method, path, code, raw)
	}
}

type leg struct {
	VoyageNumber string    `json:"voyage_number"`
	From         string    `json:"from"`
	To           string    `json:"to"`
	LoadTime     time.Time `json:"load_time"`
	UnloadTime   time.Time `json:"unload_time"`
}

type tracked struct {
	Cargo struct {
		StatusText           string    `json:"status_text"`
		ETA                  time.Time `json:"eta"`
		NextExpectedActivity string    `json:"next_expected_activity"`
		Misdirected          bool      `json:"misdirected"`
		ArrivedAtDestination bool      `json:"arrived_at_destination"`
		Events               []struct {
			Description string `json:"description"`
			Expected    bool   `json:"expected"`
		} `json:"events"`
	} `json:"cargo"`
}

func (a *app) book(origin, destination string) string {
	a.t.Helper()
	var booked struct {
		ID string `json:"tracking_id"`
	}
	a.must("POST", "/booking/v1/cargos", map[string]any{
		"origin": origin, "destination": destination, "arrival_deadline": time.Now().Add(60 * 24 * time.Hour),
	}, &booked)
	if booked.ID == "" {
		a.t.Fatal("booking returned no tracking ID")
	}
	return booked.ID
}

func (a *app) routes(id string) [][]leg {
	a.t.Helper()
	var resp struct {
		Routes []struct {
			Legs []leg `json:"legs"`
		} `json:"routes"`
	}
	a.must("GET", "/booking/v1/cargos/"+id+"/request_routes", nil, &resp)
	var routes [][]leg
	for _, r := range resp.Routes {
		routes = append(routes, r.Legs)
	}
	return routes
}

func (a *app) track(id string) tracked {
	a.t.Helper()
	var tr tracked
	a.must("GET", "/tracking/v1/cargos/"+id, nil, &tr)
	return tr
}

func (a *app) handle(id, eventType, loc, voyage string) {
	a.t.Helper()
	a.must("POST", "/handling/v1/incidents", map[string]any{
		"tracking_id": id, "event_type": eventType, "location": loc, "voyage": voyage,
		"completion_time": time.Now(),
	}, nil)
}

func newPathfinder(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(routing.NewPathfinder(inmem.NewVoyageRepository(voyage.Samples()), nil))
	t.Cleanup(srv.Close)
	return srv
}

func TestEndToEnd(t *testing.T) {
	t.Parallel()
	a := start(t, "-routing-url", newPathfinder(t).URL)

	var locs struct {
		Locations []struct{ Locode, Name string } `json:"locations"`
	}
	a.must("GET", "/booking/v1/locations", nil, &locs)
	if len(locs.Locations) != 9 {
		t.Fatalf("%d locations, want the 9 samples", len(locs.Locations))
	}

	id := a.book("CNHKG", "SESTO")
	if tr := a.track(id); tr.Cargo.StatusText != "Not received" || !tr.Cargo.ETA.IsZero() {
		t.Fatalf("tracking a new cargo: %+v", tr.Cargo)
	}
	routes := a.routes(id)
	if len(routes) == 0 {
		t.Fatal("no route from Hongkong to Stockholm")
	}
	route := routes[0]
	if got := fmt.Sprint(route[0].From, route[len(route)-1].To); got != "CNHKGSESTO" {
		t.Fatalf("route %+v does not go from CNHKG to SESTO", route)
	}
	a.must("POST", "/booking/v1/cargos/"+id+"/assign_to_route", map[string]any{"legs": route}, nil)

	tr := a.track(id)
	if tr.Cargo.ETA.IsZero() || !tr.Cargo.ETA.Equal(route[len(route)-1].UnloadTime) {
		t.Fatalf("ETA %v, want the last unload time %v", tr.Cargo.ETA, route[len(route)-1].UnloadTime)
	}
	if tr.Cargo.NextExpectedActivity != "Estimated next activity: receive cargo in Hongkong" {
		t.Fatalf("next activity %q", tr.Cargo.NextExpectedActivity)
	}

	// The cargo travels as planned.
	a.handle(id, "Receive", "CNHKG", "")
	for i, l := range route {
		a.handle(id, "Load", l.From, l.VoyageNumber)
		if tr := a.track(id); tr.Cargo.StatusText != "Onboard voyage "+l.VoyageNumber {
			t.Fatalf("leg %d: status %q", i, tr.Cargo.StatusText)
		}
		a.handle(id, "Unload", l.To, l.VoyageNumber)
	}
	tr = a.track(id)
	if !tr.Cargo.ArrivedAtDestination || tr.Cargo.StatusText != "In port Stockholm" ||
		tr.Cargo.NextExpectedActivity != "Estimated next activity: claim cargo in Stockholm" {
		t.Fatalf("after the last unload: %+v", tr.Cargo)
	}
	a.handle(id, "Claim", "SESTO", "")
	tr = a.track(id)
	if tr.Cargo.StatusText != "Claimed" || tr.Cargo.Misdirected || len(tr.Cargo.Events) != 2+2*len(route) {
		t.Fatalf("after the claim: %+v", tr.Cargo)
	}
	for _, e := range tr.Cargo.Events {
		if !e.Expected {
			t.Errorf("unexpected event %q", e.Description)
		}
	}
	if !strings.Contains(a.logs.String(), `msg="cargo arrived"`) {
		t.Error("the inspection did not log the arrival")
	}

	// Another cargo is unloaded where it should not be, and is rerouted.
	other := a.book("CNHKG", "USNYC")
	a.must("POST", "/booking/v1/cargos/"+other+"/assign_to_route", map[string]any{"legs": a.routes(other)[0]}, nil)
	a.handle(other, "Receive", "CNHKG", "")
	a.handle(other, "Load", "CNHKG", "V100")
	a.handle(other, "Unload", "JNTKO", "V100")
	if tr := a.track(other); !tr.Cargo.Misdirected || tr.Cargo.NextExpectedActivity != "" || tr.Cargo.Events[2].Expected {
		t.Fatalf("misdirected cargo: %+v", tr.Cargo)
	}
	a.must("POST", "/booking/v1/cargos/"+other+"/change_destination", map[string]any{"destination": "USCHI"}, nil)
	var loaded struct {
		Cargo struct {
			Destination string `json:"destination"`
			Misrouted   bool   `json:"misrouted"`
		} `json:"cargo"`
	}
	a.must("GET", "/booking/v1/cargos/"+other, nil, &loaded)
	if loaded.Cargo.Destination != "USCHI" || !loaded.Cargo.Misrouted {
		t.Fatalf("after changing the destination: %+v", loaded.Cargo)
	}
	var all struct {
		Cargos []struct {
			ID string `json:"tracking_id"`
		} `json:"cargos"`
	}
	a.must("GET", "/booking/v1/cargos", nil, &all)
	if len(all.Cargos) != 2 {
		t.Fatalf("%d cargos listed, want 2", len(all.Cargos))
	}

	// Prometheus sees every service.
	_, metrics := a.do("GET", "/metrics", nil, nil)
	for _, want := range []string{
		`api_booking_service_requests_total{method="book"} 2`,
		`api_booking_service_requests_total{method="assign_to_route"} 2`,
		fmt.Sprintf(`api_handling_service_requests_total{method="register_incident"} %d`, 2+2*len(route)+3),
		`api_tracking_service_requests_total{method="track"}`,
		`api_tracking_service_request_duration_seconds_count{method="track"}`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestBadRequests(t *testing.T) {
	t.Parallel()
	a := start(t, "-routing-url", newPathfinder(t).URL)
	id := a.book("CNHKG", "SESTO")
	deadline := `"arrival_deadline":"2030-01-01T00:00:00Z"`
	tests := []struct {
		method, path, body string
		wantCode           int
		wantErr            string
	}{
		{"POST", "/booking/v1/cargos", `{"origin":"CNHKG","destination":"XXXXX",` + deadline + `}`, 400, `unknown location \"XXXXX\"`},
		{"POST", "/booking/v1/cargos", `{"origin":"CNHKG","destination":"CNHKG",` + deadline + `}`, 400, "invalid argument"},
		{"POST", "/booking/v1/cargos", `{"origin":"CNHKG","destination":"SESTO"}`, 400, "no arrival deadline"},
		{"POST", "/booking/v1/cargos", `{"origin":`, 400, "malformed request"},
		{"POST", "/booking/v1/cargos", `{"origin":"CNHKG","colour":"red"}`, 400, "malformed request"},
		{"GET", "/booking/v1/cargos/NOPE", "", 404, `unknown cargo \"NOPE\"`},
		{"GET", "/booking/v1/cargos/NOPE/request_routes", "", 404, "unknown cargo"},
		{"POST", "/booking/v1/cargos/" + id + "/assign_to_route", `{"legs":[]}`, 400, "empty itinerary"},
		{"POST", "/booking/v1/cargos/NOPE/assign_to_route", `{"legs":[{"voyage_number":"V100","from":"CNHKG","to":"USNYC"}]}`, 404, "unknown cargo"},
		{"POST", "/booking/v1/cargos/" + id + "/change_destination", `{"destination":"MARS"}`, 400, "unknown location"},
		{"POST", "/handling/v1/incidents", `{"tracking_id":"` + id + `","event_type":"Teleport","location":"CNHKG","completion_time":"2026-01-01T00:00:00Z"}`, 400, "unknown handling event type"},
		{"POST", "/handling/v1/incidents", `{"tracking_id":"` + id + `","event_type":"Load","location":"CNHKG","completion_time":"2026-01-01T00:00:00Z"}`, 400, "needs a voyage"},
		{"POST", "/handling/v1/incidents", `{"tracking_id":"` + id + `","event_type":"Receive","location":"CNHKG"}`, 400, "no completion time"},
		{"POST", "/handling/v1/incidents", `{"tracking_id":"NOPE","event_type":"Receive","location":"CNHKG","completion_time":"2026-01-01T00:00:00Z"}`, 404, "unknown cargo"},
		{"GET", "/tracking/v1/cargos/NOPE", "", 404, "unknown cargo"},
		{"DELETE", "/tracking/v1/cargos/" + id, "", 405, ""},
		{"GET", "/nowhere", "", 404, ""},
	}
	for _, tt := range tests {
		code, raw := a.do(tt.method, tt.path, tt.body, nil)
		if code != tt.wantCode || !strings.Contains(raw, tt.wantErr) {
			t.Errorf("%s %s %s: %d %s; want %d and %q", tt.method, tt.path, tt.body, code, raw, tt.wantCode, tt.wantErr)
		}
	}
}

func TestRoutingDown(t *testing.T) {
	t.Parallel()
	down := newPathfinder(t)
	down.Close()
	a := start(t, "-routing-url", down.URL)
	id := a.book("CNHKG", "SESTO")

	code, raw := a.do("GET", "/booking/v1/cargos/"+id+"/request_routes", nil, nil)
	if code != http.StatusServiceUnavailable || !strings.Contains(raw, "routing service unavailable") {
		t.Fatalf("routing down: %d %s; want 503 routing service unavailable", code, raw)
	}
	// The failures open the circuit: calls then fail fast, without
	// reaching for the routing service.
	for i := 0; !strings.Contains(raw, "circuit open"); i++ {
		if i == 200 {
			t.Fatalf("the circuit did not open after %d failures: %s", i, raw)
		}
		code, raw = a.do("GET", "/booking/v1/cargos/"+id+"/request_routes", nil, nil)
		if code != http.StatusServiceUnavailable {
			t.Fatalf("routing down: %d %s; want 503", code, raw)
		}
	}
}

func TestInProcessRouting(t *testing.T) {
	t.Parallel()
	a := start(t)
	if routes := a.routes(a.book("DEHAM", "FIHEL")); len(routes) == 0 {
		t.Fatal("the in-process pathfinder found no route from Hamburg to Helsinki")
	}
}

func TestBadFlags(t *testing.T) {
	t.Parallel()
	tests := [][]string{
		{"-nope"},
		{"extra"},
		{"-routing-timeout", "0s"},
		{"-http-addr", "256.0.0.1:bad"},
		{"-routing-url", "http://"},
	}
	for _, args := range tests {
		if err := run(context.Background(), args, io.Discard, nil); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}
