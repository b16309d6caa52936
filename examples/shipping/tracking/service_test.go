package tracking_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/inmem"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/tracking"
)

func TestTrack(t *testing.T) {
	t.Parallel()
	cargos, events := inmem.NewCargoRepository(), &inmem.HandlingEventRepository{}
	t0 := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	c := cargo.New("ABC", cargo.RouteSpecification{Origin: location.CNHKG, Destination: location.USNYC, ArrivalDeadline: t0.Add(72 * time.Hour)})
	c.AssignToRoute(cargo.Itinerary{Legs: []cargo.Leg{{
		VoyageNumber: "V100", LoadLocation: location.CNHKG, UnloadLocation: location.USNYC, LoadTime: t0, UnloadTime: t0.Add(48 * time.Hour),
	}}}, nil)
	for _, a := range []cargo.HandlingActivity{
		{Type: cargo.Receive, Location: location.CNHKG},
		{Type: cargo.Customs, Location: location.CNHKG},
		{Type: cargo.Load, Location: location.CNHKG, VoyageNumber: "V100"},
	} {
		e := cargo.HandlingEvent{TrackingID: "ABC", Activity: a, Completed: t0}
		events.Store(e)
	}
	c.DeriveDeliveryProgress(events.QueryHandlingHistory("ABC"))
	if err := cargos.Store(c); err != nil {
		t.Fatal(err)
	}
	svc := tracking.NewService(cargos, events, inmem.NewLocationRepository(location.Samples()))

	got, err := svc.Track(context.Background(), "ABC")
	if err != nil {
		t.Fatal(err)
	}
	if got.StatusText != "Onboard voyage V100" || !got.ETA.Equal(t0.Add(48*time.Hour)) ||
		got.NextExpectedActivity != "Estimated next activity: unload cargo off voyage V100 in New York" || len(got.Events) != 3 {
		t.Fatalf("Track = %+v", got)
	}
	want := []string{"Received in Hongkong", "Cleared customs in Hongkong", "Loaded onto voyage V100 in Hongkong"}
	for i, e := range got.Events {
		if !strings.HasPrefix(e.Description, want[i]) || !e.Expected {
			t.Errorf("event %d: %+v, want %q, expected", i, e, want[i])
		}
	}
	if _, err := svc.Track(context.Background(), "NOPE"); !errors.Is(err, cargo.ErrUnknown) {
		t.Errorf("Track(unknown) err = %v", err)
	}
	if _, err := svc.Track(context.Background(), ""); !errors.Is(err, tracking.ErrInvalidArgument) {
		t.Errorf("Track(\"\") err = %v", err)
	}
}
