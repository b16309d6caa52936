// Package instance holds Cache, the store that every kit Instancer embeds:
// it keeps the latest sd.Event and hands it to subscribers.
//
// A backend (Consul, etcd, DNS SRV...) calls Update with each complete set of
// instances, or with an error, and lets Cache implement Register and
// Deregister. Cache keeps Go kit's contract: a new subscriber gets the current
// state before Register returns; every Event is the complete, sorted set; an
// Update equal to the current state is not sent again; an error Event
// replaces the state, so later subscribers see the error until the next good
// set; every subscriber gets its own copy of Instances.
//
// Beyond Go kit: Deregister never deadlocks against an Update blocked on a
// subscriber that stopped reading (Go kit's does), and once Deregister
// returns nothing is being sent to the channel, so its owner may close it;
// Stop releases an Update blocked on a slow subscriber and drops later
// Updates, so a backend's goroutine can always exit; Update does not sort
// the caller's slice in place.
package instance
