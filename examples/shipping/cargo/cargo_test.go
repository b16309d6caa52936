package cargo_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

var (
	t0   = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	spec = cargo.RouteSpecification{Origin: location.CNHKG, Destination: location.SESTO, ArrivalDeadline: t0.Add(30 * 24 * time.Hour)}
	legs = []cargo.Leg{
		{VoyageNumber: "V100", LoadLocation: location.CNHKG, UnloadLocation: location.USNYC, LoadTime: t0, UnloadTime: t0.Add(48 * time.Hour)},
		{VoyageNumber: "V300", LoadLocation: location.USNYC, UnloadLocation: location.DEHAM, LoadTime: t0.Add(72 * time.Hour), UnloadTime: t0.Add(120 * time.Hour)},
		{VoyageNumber: "V400", LoadLocation: location.DEHAM, UnloadLocation: location.SESTO, LoadTime: t0.Add(144 * time.Hour), UnloadTime: t0.Add(192 * time.Hour)},
	}
	route = cargo.Itinerary{Legs: legs}
)

func event(t cargo.HandlingEventType, loc location.UNLocode, v voyage.Number) cargo.HandlingEvent {
	return cargo.HandlingEvent{TrackingID: "ID", Activity: cargo.HandlingActivity{Type: t, Location: loc, VoyageNumber: v}, Completed: t0}
}

func activity(t cargo.HandlingEventType, loc location.UNLocode, v voyage.Number) cargo.HandlingActivity {
	return cargo.HandlingActivity{Type: t, Location: loc, VoyageNumber: v}
}

func TestDeriveDelivery(t *testing.T) {
	t.Parallel()
	late := spec
	late.ArrivalDeadline = t0.Add(24 * time.Hour)
	elsewhere := spec
	elsewhere.Destination = location.DEHAM
	eta := t0.Add(192 * time.Hour)
	tests := []struct {
		name      string
		rs        cargo.RouteSpecification
		it        cargo.Itinerary
		history   []cargo.HandlingEvent
		transport cargo.TransportStatus
		routing   cargo.RoutingStatus
		eta       time.Time
		next      cargo.HandlingActivity
		voyage    voyage.Number
		misdir    bool
		arrived   bool
	}{
		{name: "new", rs: spec, transport: cargo.NotReceived, routing: cargo.NotRouted},
		{name: "routed", rs: spec, it: route, transport: cargo.NotReceived, routing: cargo.Routed, eta: eta,
			next: activity(cargo.Receive, location.CNHKG, "")},
		{name: "received", rs: spec, it: route, history: []cargo.HandlingEvent{event(cargo.Receive, location.CNHKG, "")},
			transport: cargo.InPort, routing: cargo.Routed, eta: eta, next: activity(cargo.Load, location.CNHKG, "V100")},
		{name: "loaded", rs: spec, it: route, history: []cargo.HandlingEvent{event(cargo.Load, location.CNHKG, "V100")},
			transport: cargo.OnboardCarrier, routing: cargo.Routed, eta: eta, voyage: "V100", next: activity(cargo.Unload, location.USNYC, "V100")},
		{name: "transshipped", rs: spec, it: route, history: []cargo.HandlingEvent{event(cargo.Unload, location.USNYC, "V100")},
			transport: cargo.InPort, routing: cargo.Routed, eta: eta, next: activity(cargo.Load, location.USNYC, "V300")},
		{name: "customs", rs: spec, it: route, history: []cargo.HandlingEvent{event(cargo.Customs, location.USNYC, "")},
			transport: cargo.InPort, routing: cargo.Routed, eta: eta},
		{name: "arrived", rs: spec, it: route, history: []cargo.HandlingEvent{event(cargo.Unload, location.SESTO, "V400")},
			transport: cargo.InPort, routing: cargo.Routed, eta: eta, arrived: true, next: activity(cargo.Claim, location.SESTO, "")},
		{name: "claimed", rs: spec, it: route, history: []cargo.HandlingEvent{event(cargo.Claim, location.SESTO, "")},
			transport: cargo.Claimed, routing: cargo.Routed, eta: eta},
		{name: "misdirected", rs: spec, it: route, history: []cargo.HandlingEvent{event(cargo.Unload, location.JNTKO, "V100")},
			transport: cargo.InPort, routing: cargo.Routed, misdir: true},
		{name: "wrong voyage", rs: spec, it: route, history: []cargo.HandlingEvent{event(cargo.Load, location.CNHKG, "V500")},
			transport: cargo.OnboardCarrier, routing: cargo.Routed, voyage: "V500", misdir: true},
		{name: "received elsewhere", rs: spec, it: route, history: []cargo.HandlingEvent{event(cargo.Receive, location.USNYC, "")},
			transport: cargo.InPort, routing: cargo.Routed, misdir: true},
		{name: "too late", rs: late, it: route, transport: cargo.NotReceived, routing: cargo.Misrouted},
		{name: "destination changed", rs: elsewhere, it: route, transport: cargo.NotReceived, routing: cargo.Misrouted},
		{name: "unrouted cargo is never misdirected", rs: spec, history: []cargo.HandlingEvent{event(cargo.Receive, location.USNYC, "")},
			transport: cargo.InPort, routing: cargo.NotRouted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := cargo.DeriveDelivery(tt.rs, tt.it, tt.history)
			if d.TransportStatus != tt.transport || d.RoutingStatus != tt.routing || !d.ETA.Equal(tt.eta) ||
				d.NextExpectedActivity != tt.next || d.CurrentVoyage != tt.voyage ||
				d.IsMisdirected != tt.misdir || d.IsUnloadedAtDestination != tt.arrived {
				t.Fatalf("got %+v", d)
			}
		})
	}
}

func TestCargoLifecycle(t *testing.T) {
	t.Parallel()
	c := cargo.New("ID", spec)
	if c.Delivery.RoutingStatus != cargo.NotRouted || c.Origin != location.CNHKG {
		t.Fatalf("new cargo: %+v", c)
	}
	c.AssignToRoute(route, nil)
	if c.Delivery.RoutingStatus != cargo.Routed {
		t.Fatalf("after AssignToRoute: %v", c.Delivery.RoutingStatus)
	}
	history := []cargo.HandlingEvent{event(cargo.Receive, location.CNHKG, "")}
	c.DeriveDeliveryProgress(history)
	if c.Delivery.TransportStatus != cargo.InPort {
		t.Fatalf("after a Receive: %v", c.Delivery.TransportStatus)
	}
	rs := spec
	rs.Destination = location.FIHEL
	c.SpecifyNewRoute(rs, history)
	if c.Delivery.RoutingStatus != cargo.Misrouted || c.Delivery.TransportStatus != cargo.InPort {
		t.Fatalf("after SpecifyNewRoute: %+v", c.Delivery)
	}
	clone := c.Clone()
	clone.Itinerary.Legs[0].VoyageNumber = "changed"
	if c.Itinerary.Legs[0].VoyageNumber != "V100" {
		t.Fatal("Clone shares the legs")
	}
}

func TestHandlingEventType(t *testing.T) {
	t.Parallel()
	for _, want := range []cargo.HandlingEventType{cargo.Load, cargo.Unload, cargo.Receive, cargo.Claim, cargo.Customs} {
		got, err := cargo.ParseHandlingEventType(want.String())
		if err != nil || got != want {
			t.Errorf("ParseHandlingEventType(%q) = %v, %v", want.String(), got, err)
		}
	}
	for _, bad := range []string{"", "NotHandled", "load", "Teleport"} {
		if _, err := cargo.ParseHandlingEventType(bad); err == nil {
			t.Errorf("ParseHandlingEventType(%q) succeeded", bad)
		}
	}
	if s := cargo.HandlingEventType(42).String(); s != "HandlingEventType(42)" {
		t.Errorf("String of an unknown type = %q", s)
	}
}

func TestNextTrackingID(t *testing.T) {
	t.Parallel()
	seen := map[cargo.TrackingID]bool{}
	for range 100 {
		id := cargo.NextTrackingID()
		if !regexp.MustCompile(`^[0-9A-F]{12}$`).MatchString(string(id)) || seen[id] {
			t.Fatalf("bad or repeated tracking ID %q", id)
		}
		seen[id] = true
	}
}
