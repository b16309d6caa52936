// Package sd is kit's service-discovery core: how a client learns where the
// instances of a service are, and turns them into endpoints to call.
//
// The pieces, as in Go kit:
//
//   - An Instancer watches a discovery system (Consul, etcd, ZooKeeper, DNS
//     SRV, Eureka: see the subpackages) and sends Events, each with the
//     complete set of instance strings (usually host:port) or an error.
//     FixedInstancer is a static one.
//   - A Factory turns one instance string into an endpoint.Endpoint.
//   - An Endpointer yields the current endpoints: NewEndpointer builds one
//     from an Instancer and a Factory, making each endpoint once and closing
//     it when its instance goes away. FixedEndpointer is a static one.
//   - Package sd/lb picks one endpoint per request (round robin, random) and
//     retries failed requests on others.
//   - A Registrar announces the running process to the discovery system.
//
// Beyond Go kit, the Endpointer made by NewEndpointer:
//
//   - has applied the Instancer's initial state when NewEndpointer returns
//     (Go kit's may still be empty then);
//   - makes one endpoint for an instance listed twice in an event (Go kit
//     calls the Factory twice, lists both and never closes the first);
//   - leaves out an instance whose Factory returns a nil endpoint without an
//     error, logs it and closes its closer (Go kit lists the nil endpoint,
//     which a Balancer then hands to a caller);
//   - has an idempotent Close that closes the endpoints it made; after it,
//     Endpoints returns ErrEndpointerClosed (Go kit's keeps returning the old
//     endpoints);
//   - gives errors instead of panics for nil arguments, and EndpointerClock
//     injects the clock used by InvalidateOnError.
//
// kit's Instancers share one store (sd/internal/instance) whose Deregister
// cannot deadlock on a subscriber that stopped reading, and one conformance
// suite (sd/internal/sdtest).
//
// All types here are safe for concurrent use.
//
// A complete program:
//
//	package main
//
//	import (
//		"context"
//		"fmt"
//		"io"
//
//		"github.com/seedkit/kit/endpoint"
//		"github.com/seedkit/kit/log"
//		"github.com/seedkit/kit/sd"
//		"github.com/seedkit/kit/sd/lb"
//	)
//
//	func main() {
//		instancer := sd.FixedInstancer{"10.0.0.1:8080", "10.0.0.2:8080"}
//		factory := func(instance string) (endpoint.Endpoint, io.Closer, error) {
//			return func(context.Context, any) (any, error) {
//				return "answered by " + instance, nil
//			}, nil, nil
//		}
//		endpointer := sd.NewEndpointer(instancer, factory, log.NewNopLogger())
//		defer endpointer.Close()
//
//		balancer := lb.NewRoundRobin(endpointer)
//		for range 3 {
//			e, err := balancer.Endpoint()
//			if err != nil {
//				panic(err)
//			}
//			fmt.Println(e(context.Background(), nil))
//		}
//	}
package sd
