package etcd_test

import (
	"fmt"
	"time"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/etcd"
)

// A Registrar publishes an instance and an Instancer follows the prefix. A
// real program uses the Client of etcd.NewClient; this one uses an
// in-memory stand-in.
func ExampleNewInstancer() {
	client := newFakeClient(nil)
	defer client.close()

	registrar := etcd.NewRegistrar(client, etcd.Service{
		Key:   "/services/users/10.0.0.7:8080",
		Value: "10.0.0.7:8080",
		TTL:   etcd.NewTTLOption(3*time.Second, 10*time.Second),
	}, log.NewNopLogger())
	registrar.Register()
	defer registrar.Deregister()

	instancer, err := etcd.NewInstancer(client, "/services/users/", log.NewNopLogger())
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
	// [10.0.0.7:8080]
}
