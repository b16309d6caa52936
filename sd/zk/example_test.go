package zk_test

import (
	"fmt"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/zk"
)

// An Instancer following the children of a node. A real program uses the
// Client of zk.NewClient; this one uses an in-memory stand-in.
func ExampleNewInstancer() {
	client := &fakeClient{instances: []string{"10.0.0.7:8080", "10.0.0.8:8080"}}
	instancer, err := zk.NewInstancer(client, "/myorg/services/users", log.NewNopLogger())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer instancer.Stop()
	events := make(chan sd.Event, 1)
	instancer.Register(events)
	defer instancer.Deregister(events)
	fmt.Println((<-events).Instances)
	// Output:
	// [10.0.0.7:8080 10.0.0.8:8080]
}
