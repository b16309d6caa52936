// Package dnssrv is an sd.Instancer over DNS SRV records: it looks a name
// such as "_http._tcp.api.example.com" up on a schedule and reports each
// record as a "target:port" instance.
//
// As in Go kit, NewInstancer uses net.LookupSRV and a ticker of the given
// ttl, and NewInstancerDetailed takes the ticker and the Lookup function, so
// a program can use its own net.Resolver (a particular server, PreferGo) and
// a test can drive lookups by hand. A lookup happens before the constructor
// returns, so the first subscriber gets a real answer.
//
// Beyond Go kit: Stop is idempotent and waits for the Instancer's goroutine
// to end; a non-positive ttl or a nil ticker gives an Instancer that reports
// ErrInvalidRefresh instead of a panic; a nil Lookup means net.LookupSRV and
// a nil logger discards logs.
//
// Every Instancer method is safe for concurrent use. The Instancer's tests
// run the shared conformance suite of sd/internal/sdtest, and integration
// tests query a real DNS server when DNS_ADDR is set.
//
// A complete program:
//
//	package main
//
//	import (
//		"context"
//		"fmt"
//		"net"
//		"time"
//
//		"github.com/seedkit/kit/log"
//		"github.com/seedkit/kit/sd"
//		"github.com/seedkit/kit/sd/dnssrv"
//	)
//
//	func main() {
//		resolver := &net.Resolver{PreferGo: true}
//		lookup := func(service, proto, name string) (string, []*net.SRV, error) {
//			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
//			defer cancel()
//			return resolver.LookupSRV(ctx, service, proto, name)
//		}
//		instancer := dnssrv.NewInstancerDetailed("_http._tcp.api.example.com",
//			time.NewTicker(30*time.Second), lookup, log.NewNopLogger())
//		defer instancer.Stop()
//
//		events := make(chan sd.Event, 1)
//		instancer.Register(events)
//		defer instancer.Deregister(events)
//		fmt.Println(<-events)
//	}
package dnssrv
