package inspection_test

import (
	"errors"
	"testing"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/inmem"
	"github.com/seedkit/kit/examples/shipping/inspection"
	"github.com/seedkit/kit/examples/shipping/location"
)

type recorder struct{ misdirected, arrived []cargo.TrackingID }

func (r *recorder) CargoWasMisdirected(c cargo.Cargo) {
	r.misdirected = append(r.misdirected, c.TrackingID)
}
func (r *recorder) CargoHasArrived(c cargo.Cargo) { r.arrived = append(r.arrived, c.TrackingID) }

func TestInspectCargo(t *testing.T) {
	t.Parallel()
	cargos, events := inmem.NewCargoRepository(), &inmem.HandlingEventRepository{}
	rs := cargo.RouteSpecification{Origin: location.CNHKG, Destination: location.USNYC, ArrivalDeadline: time.Now().Add(time.Hour)}
	route := cargo.Itinerary{Legs: []cargo.Leg{{VoyageNumber: "V100", LoadLocation: location.CNHKG, UnloadLocation: location.USNYC}}}
	for _, id := range []cargo.TrackingID{"GOOD", "LOST"} {
		c := cargo.New(id, rs)
		c.AssignToRoute(route, nil)
		if err := cargos.Store(c); err != nil {
			t.Fatal(err)
		}
	}
	events.Store(cargo.HandlingEvent{TrackingID: "GOOD", Activity: cargo.HandlingActivity{Type: cargo.Unload, Location: location.USNYC, VoyageNumber: "V100"}})
	events.Store(cargo.HandlingEvent{TrackingID: "LOST", Activity: cargo.HandlingActivity{Type: cargo.Unload, Location: location.JNTKO, VoyageNumber: "V100"}})

	var rec recorder
	svc := inspection.NewService(cargos, events, &rec)
	for _, id := range []cargo.TrackingID{"GOOD", "LOST"} {
		if err := svc.InspectCargo(id); err != nil {
			t.Fatal(err)
		}
	}
	if len(rec.arrived) != 1 || rec.arrived[0] != "GOOD" || len(rec.misdirected) != 1 || rec.misdirected[0] != "LOST" {
		t.Fatalf("arrived %v, misdirected %v", rec.arrived, rec.misdirected)
	}
	if c, _ := cargos.Find("GOOD"); !c.Delivery.IsUnloadedAtDestination {
		t.Fatalf("the inspected delivery was not stored: %+v", c.Delivery)
	}
	if err := svc.InspectCargo("NOPE"); !errors.Is(err, cargo.ErrUnknown) {
		t.Fatalf("InspectCargo(unknown) err = %v", err)
	}
	if err := inspection.NewService(cargos, events, nil).InspectCargo("LOST"); err != nil {
		t.Fatalf("without a handler: %v", err)
	}
}
