package routing_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/seedkit/kit/examples/shipping/cargo"
	"github.com/seedkit/kit/examples/shipping/inmem"
	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/routing"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

// The booking service asks a pathfinder for routes through the proxying
// service; here the pathfinder runs on an httptest server.
func Example() {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	pathfinder := httptest.NewServer(routing.NewPathfinder(inmem.NewVoyageRepository(voyage.Samples()), func() time.Time { return now }))
	defer pathfinder.Close()

	svc, err := routing.NewProxyingService(pathfinder.URL, "example-routing")
	if err != nil {
		fmt.Println(err)
		return
	}
	its, err := svc.FetchRoutesForSpecification(context.Background(), cargo.RouteSpecification{
		Origin: location.CNHKG, Destination: location.SESTO, ArrivalDeadline: now.AddDate(0, 1, 0),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range its[0].Legs {
		fmt.Println(l.VoyageNumber, l.LoadLocation, "->", l.UnloadLocation, l.UnloadTime.Format(time.DateOnly))
	}
	// Output:
	// V100 CNHKG -> USNYC 2030-01-04
	// V300 USNYC -> DEHAM 2030-01-07
	// V400 DEHAM -> SESTO 2030-01-10
}
