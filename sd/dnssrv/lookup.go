package dnssrv

import "net"

// Lookup resolves SRV records, with the signature of net.LookupSRV and
// (*net.Resolver).LookupSRV without the context. The Instancer calls it with
// empty service and proto and the full SRV name, so it looks up name
// directly. It must be safe to call from the Instancer's goroutine.
type Lookup func(service, proto, name string) (cname string, addrs []*net.SRV, err error)
