package instance

import (
	"reflect"
	"slices"
	"sync"

	"github.com/seedkit/kit/sd"
)

// Cache keeps the latest state of discovery and implements sd.Instancer on
// it. The zero value is not usable; call NewCache. All methods are safe for
// concurrent use.
type Cache struct {
	// sendMu serialises Update and Register, so each subscriber sees the
	// states in order, and a new subscriber's first Event is never older
	// than the next one broadcast.
	sendMu sync.Mutex

	mu      sync.RWMutex // guards the fields below
	state   sd.Event
	subs    map[chan<- sd.Event]*subscriber
	stopped bool
	stop    chan struct{} // closed by Stop
}

type subscriber struct {
	ch   chan<- sd.Event
	done chan struct{} // closed by Deregister

	// sending is held while an Event is being sent to ch; Deregister takes it
	// after closing done, so that no send is in flight once it returns.
	sending sync.Mutex
	gone    bool // guarded by sending
}

// NewCache returns an empty Cache. Its initial state is the zero sd.Event (no
// instances, no error).
func NewCache() *Cache {
	return &Cache{subs: map[chan<- sd.Event]*subscriber{}, stop: make(chan struct{})}
}

// Update records a new state and sends it to every subscriber, unless it
// equals the current state (same sorted instances and an equal error, as
// reflect.DeepEqual sees them). A nil and an empty Instances differ, as in Go
// kit. Update blocks until every subscriber has received the Event, been
// deregistered, or the Cache stopped. The caller keeps ownership of
// event.Instances. After Stop, Update does nothing.
func (c *Cache) Update(event sd.Event) {
	if event.Instances != nil {
		event.Instances = slices.Clone(event.Instances)
		slices.Sort(event.Instances)
	}

	c.sendMu.Lock()
	defer c.sendMu.Unlock()

	c.mu.Lock()
	if c.stopped || reflect.DeepEqual(c.state, event) {
		c.mu.Unlock()
		return
	}
	c.state = event
	subs := make([]*subscriber, 0, len(c.subs))
	for _, s := range c.subs {
		subs = append(subs, s)
	}
	c.mu.Unlock()

	for _, s := range subs {
		c.send(s, copyEvent(event), true)
	}
}

// State returns a copy of the current state.
func (c *Cache) State() sd.Event {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return copyEvent(c.state)
}

// Register implements sd.Instancer: it subscribes ch and sends it the current
// state before returning (blocking until ch takes it, even after Stop).
// Registering a channel twice keeps one subscription and sends the state
// again.
func (c *Cache) Register(ch chan<- sd.Event) {
	c.sendMu.Lock()
	defer c.sendMu.Unlock()

	c.mu.Lock()
	s, ok := c.subs[ch]
	if !ok {
		s = &subscriber{ch: ch, done: make(chan struct{})}
		c.subs[ch] = s
	}
	event := copyEvent(c.state)
	c.mu.Unlock()

	c.send(s, event, false)
}

// Deregister implements sd.Instancer. Once it returns, no Event is being or
// will be sent to ch. It does not block on a subscriber that stopped reading.
func (c *Cache) Deregister(ch chan<- sd.Event) {
	c.mu.Lock()
	s, ok := c.subs[ch]
	delete(c.subs, ch)
	c.mu.Unlock()
	if !ok {
		return
	}
	close(s.done)
	s.sending.Lock()
	s.gone = true
	s.sending.Unlock()
}

// Stop implements sd.Instancer. It releases an Update blocked on a slow
// subscriber and makes later Updates do nothing; Register still sends the
// last state. Go kit's Cache.Stop does nothing. Stop is idempotent.
func (c *Cache) Stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.stopped {
		c.stopped = true
		close(c.stop)
	}
}

// send delivers ev to s unless s is deregistered first. A broadcast also
// gives up when the Cache stops.
func (c *Cache) send(s *subscriber, ev sd.Event, broadcast bool) {
	s.sending.Lock()
	defer s.sending.Unlock()
	if s.gone {
		return
	}
	stop := c.stop
	if !broadcast {
		stop = nil // a nil channel never fires: Register always delivers
	}
	select {
	case s.ch <- ev:
	case <-s.done:
	case <-stop:
	}
}

// copyEvent gives each subscriber its own Instances, since subscribers may
// sort or edit them.
func copyEvent(e sd.Event) sd.Event {
	if e.Instances != nil {
		e.Instances = slices.Clone(e.Instances)
	}
	return e
}
