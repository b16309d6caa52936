package dnssrv_test

import (
	"fmt"
	"net"
	"time"

	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/dnssrv"
)

func ExampleNewInstancerDetailed() {
	// A Lookup that answers from memory; in a program, a net.Resolver's
	// LookupSRV with a timeout.
	lookup := func(_, _, name string) (string, []*net.SRV, error) {
		return name, []*net.SRV{
			{Target: "two.example.com.", Port: 8002},
			{Target: "one.example.com.", Port: 8001},
		}, nil
	}
	// A ticker that never ticks: the constructor's own lookup is enough here.
	instancer := dnssrv.NewInstancerDetailed("_api._tcp.example.com", &time.Ticker{}, lookup, nil)
	defer instancer.Stop()

	events := make(chan sd.Event, 1)
	instancer.Register(events)
	defer instancer.Deregister(events)
	ev := <-events
	fmt.Println(ev.Instances, ev.Err)
	// Output:
	// [one.example.com.:8001 two.example.com.:8002] <nil>
}
