package sd

// Event is one notification from an Instancer. It carries either the complete
// set of instances the discovery system currently knows (Err == nil), or an
// error saying the Instancer could not learn that set (for example it lost
// its connection to the discovery system, or the key it watches is
// malformed).
//
// An Event never carries a difference: Instances is always the whole set, so
// a subscriber can replace what it knew with it. After an Event with an
// error, a subscriber should treat the instances it knew as stale; it may
// keep using them (the Endpointer returned by NewEndpointer does, unless
// InvalidateOnError says otherwise). When the Instancer recovers it sends
// another Event with the complete set.
//
// The receiver of an Event owns its Instances slice: Instancers give every
// subscriber its own copy, so sorting or editing it affects nobody else.
type Event struct {
	Instances []string
	Err       error
}

// Instancer watches a discovery system and tells subscribers which instances
// of one service exist.
//
// Register subscribes a channel. The Instancer sends the current state to it
// before Register returns, so the channel must be buffered or have a reader
// already, and then sends a new Event whenever the state changes. Every Event
// holds the complete set of instances, never a difference. Events to one
// channel arrive in order. Sends block until the subscriber receives: a
// subscriber that stops reading holds up the Instancer, so keep reading until
// Deregister returns.
//
// Deregister unsubscribes a channel; once it returns, the Instancer sends
// nothing more to it, so the owner may close the channel. Deregistering a
// channel that is not registered does nothing.
//
// Stop releases what the Instancer holds (goroutines, watches, connections).
// Implementations in kit make Stop idempotent.
//
// All methods are safe for concurrent use.
type Instancer interface {
	Register(chan<- Event)
	Deregister(chan<- Event)
	Stop()
}

// FixedInstancer is an Instancer over a set of instances that never changes,
// for tests and for static configuration.
//
// Register sends the set once (a fresh copy each time) and nothing after;
// Deregister and Stop do nothing.
type FixedInstancer []string

// Register implements Instancer: it sends the fixed set to ch, blocking until
// it is received or buffered.
func (d FixedInstancer) Register(ch chan<- Event) {
	var instances []string
	if d != nil {
		instances = append(make([]string, 0, len(d)), d...)
	}
	ch <- Event{Instances: instances}
}

// Deregister implements Instancer. It does nothing, as a FixedInstancer sends
// nothing after Register.
func (d FixedInstancer) Deregister(ch chan<- Event) {}

// Stop implements Instancer. It does nothing: a FixedInstancer holds no
// resources.
func (d FixedInstancer) Stop() {}
