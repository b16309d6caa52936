package emitter

import (
	"context"
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

// DialTimeout bounds one dial of a Conn; WriteTimeout bounds one Write on an
// established connection (a TCP receiver that stops reading cannot block a
// flush for longer).
const (
	DialTimeout  = 10 * time.Second
	WriteTimeout = 10 * time.Second
)

// Conn is an io.Writer that dials network/address when first written to and
// again after a write fails. After a failed dial it refuses writes (with an
// error wrapping ErrUnavailable) until an exponentially growing backoff has
// passed. Dials and writes are bounded by DialTimeout and WriteTimeout and
// abandoned as soon as the Conn's context is done, so a loop writing to it
// notices cancellation promptly even when the receiver drops connection
// attempts. It starts no goroutine. It is safe for concurrent use.
type Conn struct {
	ctx              context.Context
	network, address string
	// Dial, if set before first use, replaces a net.Dialer's DialContext
	// (with Timeout DialTimeout).
	Dial func(ctx context.Context, network, address string) (net.Conn, error)
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
// Once ctx is done, a dial or write in progress is abandoned and later
// writes fail; a nil ctx means context.Background().
func NewConn(ctx context.Context, network, address string) *Conn {
	if ctx == nil {
		ctx = context.Background()
	}
	return &Conn{ctx: ctx, network: network, address: address}
}

// expired is a deadline in the past: setting it aborts a blocked write.
var expired = time.Unix(1, 0)

// Write writes p on the connection, dialling first if needed. A failed write
// closes the connection, so the next Write dials again.
func (c *Conn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return 0, net.ErrClosed
	}
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if c.conn == nil {
		if err := c.dialLocked(); err != nil {
			return 0, err
		}
	}
	conn := c.conn
	_ = conn.SetWriteDeadline(time.Now().Add(WriteTimeout))
	stop := context.AfterFunc(c.ctx, func() { _ = conn.SetWriteDeadline(expired) })
	n, err := conn.Write(p)
	stop()
	if err != nil {
		_ = conn.Close()
		c.conn = nil
	}
	return n, err
}

func (c *Conn) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Conn) dialLocked() error {
	t := c.now()
	if t.Before(c.next) {
		return fmt.Errorf("%w: %s %s: %v", ErrUnavailable, c.network, c.address, c.lastErr)
	}
	dial := (&net.Dialer{Timeout: DialTimeout}).DialContext
	if c.Dial != nil {
		dial = c.Dial
	}
	conn, err := dial(c.ctx, c.network, c.address)
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
