package emitter

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

var errNilWriter = errors.New("nil writer")

// ErrUnavailable is returned by Conn.Write while the connection is down and
// the next dial attempt is not due yet.
var ErrUnavailable = errors.New("connection unavailable")

// Backoff bounds of Conn's redials after a failed dial.
const (
	minBackoff = 10 * time.Millisecond
	maxBackoff = 10 * time.Second
)

// Conn is an io.Writer that dials network/address when first written to and
// again after a write fails. After a failed dial it refuses writes (with an
// error wrapping ErrUnavailable) until an exponentially growing backoff has
// passed. It starts no goroutine. It is safe for concurrent use.
type Conn struct {
	network, address string
	// Dial, if set before first use, replaces net.Dial.
	Dial func(network, address string) (net.Conn, error)
	// Now, if set before first use, replaces time.Now.
	Now func() time.Time

	mu      sync.Mutex
	conn    net.Conn
	backoff time.Duration
	next    time.Time
	lastErr error
	closed  bool
}

// NewConn returns a Conn for network and address; it does not dial yet.
func NewConn(network, address string) *Conn {
	return &Conn{network: network, address: address}
}

// Write writes p on the connection, dialling first if needed. A failed write
// closes the connection, so the next Write dials again.
func (c *Conn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return 0, net.ErrClosed
	}
	if c.conn == nil {
		if err := c.dialLocked(); err != nil {
			return 0, err
		}
	}
	n, err := c.conn.Write(p)
	if err != nil {
		_ = c.conn.Close()
		c.conn = nil
	}
	return n, err
}

func (c *Conn) dialLocked() error {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	t := now()
	if t.Before(c.next) {
		return fmt.Errorf("%w: %s %s: %v", ErrUnavailable, c.network, c.address, c.lastErr)
	}
	dial := net.Dial
	if c.Dial != nil {
		dial = c.Dial
	}
	conn, err := dial(c.network, c.address)
	if err != nil {
		c.backoff = min(max(2*c.backoff, minBackoff), maxBackoff)
		c.next = t.Add(c.backoff)
		c.lastErr = err
		return err
	}
	c.conn, c.backoff, c.next, c.lastErr = conn, 0, time.Time{}, nil
	return nil
}

// Close closes the current connection, if any; later writes fail with
// net.ErrClosed.
func (c *Conn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.conn == nil {
		return nil
	}
	err := c.conn.Close()
	c.conn = nil
	return err
}
