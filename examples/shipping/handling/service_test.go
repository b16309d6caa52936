package handling_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/handling"
	"github.com/seedkit/kit/examples/shipping/inmem"
	"github.com/seedkit/kit/examples/shipping/inspection"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

func TestRegisterHandlingEvent(t *testing.T) {
	t.Parallel()
	cargos, events := inmem.NewCargoRepository(), &inmem.HandlingEventRepository{}
	if err := cargos.Store(cargo.New("ABC", cargo.RouteSpecification{Origin: location.CNHKG, Destination: location.USNYC})); err != nil {
		t.Fatal(err)
	}
	svc := handling.NewService(events, cargos, inmem.NewVoyageRepository(voyage.Samples()),
		inmem.NewLocationRepository(location.Samples()), inspection.NewService(cargos, events, nil))
	now := time.Now()
	tests := []struct {
		name     string
		when     time.Time
		id       cargo.TrackingID
		voyage   voyage.Number
		loc      location.UNLocode
		typ      cargo.HandlingEventType
		want     error
		wantSome bool
	}{
		{"no time", time.Time{}, "ABC", "", location.CNHKG, cargo.Receive, handling.ErrInvalidArgument, false},
		{"no type", now, "ABC", "", location.CNHKG, cargo.NotHandled, handling.ErrInvalidArgument, false},
		{"bad type", now, "ABC", "", location.CNHKG, 99, handling.ErrInvalidArgument, false},
		{"unknown cargo", now, "NOPE", "", location.CNHKG, cargo.Receive, cargo.ErrUnknown, false},
		{"unknown location", now, "ABC", "", "XXXXX", cargo.Receive, location.ErrUnknown, false},
		{"load without voyage", now, "ABC", "", location.CNHKG, cargo.Load, voyage.ErrUnknown, false},
		{"unknown voyage", now, "ABC", "V999", location.CNHKG, cargo.Unload, handling.ErrInvalidArgument, false},
		{"receive on a voyage", now, "ABC", "V100", location.CNHKG, cargo.Receive, handling.ErrInvalidArgument, false},
		{"receive", now, "ABC", "", location.CNHKG, cargo.Receive, nil, true},
		{"load", now.Add(time.Hour), "ABC", "V100", location.CNHKG, cargo.Load, nil, true},
	}
	for _, tt := range tests {
		err := svc.RegisterHandlingEvent(context.Background(), tt.when, tt.id, tt.voyage, tt.loc, tt.typ)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if h := events.QueryHandlingHistory("ABC"); len(h) != 2 {
		t.Fatalf("%d events stored, want only the 2 valid ones", len(h))
	}
	c, _ := cargos.Find("ABC")
	if c.Delivery.TransportStatus != cargo.OnboardCarrier || c.Delivery.CurrentVoyage != "V100" {
		t.Fatalf("the cargo was not inspected: %+v", c.Delivery)
	}
}
