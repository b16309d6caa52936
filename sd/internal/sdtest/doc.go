// Package sdtest is the conformance suite for sd.Instancer implementations.
// Every Instancer in kit runs it from its unit tests, against an in-memory or
// in-test source, and may run it from integration tests against a real
// server.
//
// A backend describes itself with a Harness: a constructor that makes an
// isolated discovery source holding a given set of instances together with an
// Instancer watching it, plus functions to change that set and to make the
// source fail. Run then checks the contract of sd.Instancer:
//
//   - a new subscriber gets the current state before Register returns;
//   - every Event carries the complete set (while the source moves from one
//     set to another, an Event never lacks an instance present in both, nor
//     holds one present in neither), and the final set arrives;
//   - every subscriber owns its Instances (editing them affects no one);
//   - once Deregister returns, nothing more is sent to the channel;
//   - errors arrive as Event.Err; a subscriber registering during the error
//     gets the error at once (the state of Go kit's instance cache); a
//     DefaultEndpointer keeps the endpoints of the last good set; recovery
//     sends the complete set again, even when it equals the set before the
//     error;
//   - Register, Deregister and updates may run concurrently (run with -race);
//   - Stop is idempotent, and Register and Deregister still return after it.
//
// Run does not look for leaked goroutines itself: the calling package's
// TestMain should use internal/leakcheck, which fails the run if the
// Instancer's goroutines outlive Stop.
//
// Instances used by the suite are "host:port" strings with IPv4 hosts
// (Instances returns them), which every backend can store: as a service
// address, a key's value, an SRV target, an Eureka instance.
//
// Subscribe, Await and AwaitErr serve integration tests that drive a real
// server themselves: they wait, with a timeout, for an expected set.
package sdtest
