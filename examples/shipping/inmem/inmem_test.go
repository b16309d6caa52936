package inmem_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/inmem"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

func TestCargoRepository(t *testing.T) {
	t.Parallel()
	r := inmem.NewCargoRepository()
	if _, err := r.Find("X"); !errors.Is(err, cargo.ErrUnknown) {
		t.Fatalf("Find(unknown) err = %v", err)
	}
	if err := r.Update("X", func(*cargo.Cargo) error { return nil }); !errors.Is(err, cargo.ErrUnknown) {
		t.Fatalf("Update(unknown) err = %v", err)
	}
	c := cargo.New("B", cargo.RouteSpecification{Origin: location.CNHKG, Destination: location.SESTO})
	c.Itinerary.Legs = []cargo.Leg{{VoyageNumber: "V100"}}
	for _, id := range []cargo.TrackingID{"B", "A"} {
		c.TrackingID = id
		if err := r.Store(c); err != nil {
			t.Fatal(err)
		}
	}
	c.Itinerary.Legs[0].VoyageNumber = "changed"
	got, err := r.Find("B")
	if err != nil || got.Itinerary.Legs[0].VoyageNumber != "V100" {
		t.Fatalf("Find = %+v, %v: the repository shares memory with Store's caller", got, err)
	}
	got.Itinerary.Legs[0].VoyageNumber = "changed"
	if again, _ := r.Find("B"); again.Itinerary.Legs[0].VoyageNumber != "V100" {
		t.Fatal("the repository shares memory with Find's caller")
	}
	if all := r.FindAll(); len(all) != 2 || all[0].TrackingID != "A" || all[1].TrackingID != "B" {
		t.Fatalf("FindAll = %+v, want A then B", all)
	}

	boom := errors.New("boom")
	err = r.Update("A", func(c *cargo.Cargo) error {
		c.Itinerary.Legs = nil
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update err = %v, want fn's error", err)
	}
	if a, _ := r.Find("A"); len(a.Itinerary.Legs) != 1 {
		t.Fatal("a failed Update was stored")
	}
}

func TestCargoRepositoryUpdateIsAtomic(t *testing.T) {
	t.Parallel()
	r := inmem.NewCargoRepository()
	if err := r.Store(cargo.New("A", cargo.RouteSpecification{})); err != nil {
		t.Fatal(err)
	}
	const n = 50
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			err := r.Update("A", func(c *cargo.Cargo) error {
				c.Itinerary.Legs = append(c.Itinerary.Legs, cargo.Leg{VoyageNumber: voyage.Number(fmt.Sprint(i))})
				return nil
			})
			if err != nil {
				t.Error(err)
			}
			_ = r.FindAll()
		})
	}
	wg.Wait()
	if c, _ := r.Find("A"); len(c.Itinerary.Legs) != n {
		t.Fatalf("%d legs after %d concurrent updates: updates were lost", len(c.Itinerary.Legs), n)
	}
}

func TestHandlingEventRepositoryOrdersByCompletion(t *testing.T) {
	t.Parallel()
	var r inmem.HandlingEventRepository
	t0 := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range []struct {
		hours int
		typ   cargo.HandlingEventType
	}{{2, cargo.Load}, {0, cargo.Receive}, {5, cargo.Unload}, {2, cargo.Customs}} {
		r.Store(cargo.HandlingEvent{TrackingID: "A", Activity: cargo.HandlingActivity{Type: e.typ}, Completed: t0.Add(time.Duration(e.hours) * time.Hour)})
	}
	r.Store(cargo.HandlingEvent{TrackingID: "B"})
	var got []cargo.HandlingEventType
	for _, e := range r.QueryHandlingHistory("A") {
		got = append(got, e.Activity.Type)
	}
	if fmt.Sprint(got) != "[Receive Load Customs Unload]" {
		t.Fatalf("history %v, want by completion time, then by arrival", got)
	}
	if h := r.QueryHandlingHistory("none"); len(h) != 0 {
		t.Fatalf("history of an unknown cargo: %v", h)
	}
}

func TestLocationAndVoyageRepositories(t *testing.T) {
	t.Parallel()
	locs := inmem.NewLocationRepository(location.Samples())
	if l, err := locs.Find(location.SESTO); err != nil || l.Name != "Stockholm" {
		t.Fatalf("Find(SESTO) = %+v, %v", l, err)
	}
	if _, err := locs.Find("XXXXX"); !errors.Is(err, location.ErrUnknown) {
		t.Fatalf("Find(unknown) err = %v", err)
	}
	if all := locs.FindAll(); len(all) != len(location.Samples()) || all[0].UNLocode != location.AUMEL {
		t.Fatalf("FindAll = %+v", all)
	}
	voyages := inmem.NewVoyageRepository(voyage.Samples())
	v, err := voyages.Find("V100")
	if err != nil || len(v.Movements) != 2 {
		t.Fatalf("Find(V100) = %+v, %v", v, err)
	}
	v.Movements[0].ArrivalLocation = "changed"
	if again, _ := voyages.Find("V100"); again.Movements[0].ArrivalLocation != location.JNTKO {
		t.Fatal("the voyage repository shares memory with its callers")
	}
	if _, err := voyages.Find("V999"); !errors.Is(err, voyage.ErrUnknown) {
		t.Fatalf("Find(unknown) err = %v", err)
	}
	if all := voyages.FindAll(); len(all) != len(voyage.Samples()) || all[0].Number != "V100" {
		t.Fatalf("FindAll = %+v", all)
	}
}
