package eureka_test

import (
	"fmt"
	"time"

	"github.com/hudl/fargo"

	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/eureka"
)

func Example() {
	// An in-process stand-in for a Eureka server; in a program, the
	// server's URL, e.g. "http://eureka:8761/eureka/v2".
	server := startFakeEureka()
	defer server.close()

	conn := fargo.NewConn(server.url())
	conn.PollInterval = 100 * time.Millisecond

	// The service registers itself and keeps its lease with heartbeats.
	registrar := eureka.NewRegistrar(&conn, &fargo.Instance{
		InstanceId:     "orders-1",
		HostName:       "orders-1.example.com",
		App:            "ORDERS",
		IPAddr:         "10.0.0.7",
		Port:           8080,
		PortEnabled:    true,
		Status:         fargo.UP,
		DataCenterInfo: fargo.DataCenterInfo{Name: fargo.MyOwn},
		LeaseInfo:      fargo.LeaseInfo{RenewalIntervalInSecs: 30},
	}, nil)
	registrar.Register()
	defer registrar.Deregister()

	// A client follows the application's instances.
	instancer := eureka.NewInstancer(&conn, "ORDERS", nil)
	defer instancer.Stop()
	events := make(chan sd.Event, 1)
	instancer.Register(events)
	defer instancer.Deregister(events)
	ev := <-events
	fmt.Println(ev.Instances, ev.Err)
	// Output:
	// [10.0.0.7:8080] <nil>
}
