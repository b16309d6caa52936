package conn

import (
	"errors"
	"math/rand/v2"
	"net"
	"sync"
	"time"

	"github.com/seedkit/kit/log"
)

// ErrConnectionUnavailable is returned by Write when the Manager has no
// connection (it is dialling, waiting to dial again, or closed).
var ErrConnectionUnavailable = errors.New("connection unavailable")

// Dialer dials a network address; net.Dial is one.
type Dialer func(network, address string) (net.Conn, error)

// AfterFunc returns a channel that receives once the duration has elapsed;
// time.After is one. Tests inject their own to control reconnection.
type AfterFunc func(time.Duration) <-chan time.Time

// Manager keeps one connection to a network address, dialling in a
// goroutine and redialling with exponential backoff when a dial fails or a
// user reports the connection broken. Create one with NewManager or
// NewDefaultManager, and stop it with Close.
type Manager struct {
	dialer  Dialer
	network string
	address string
	after   AfterFunc
	logger  log.Logger

	takec   chan net.Conn
	putc    chan error
	done    chan struct{} // closed by Close
	stopped chan struct{} // closed when the goroutine has returned
	once    sync.Once
}

// NewManager returns a Manager that dials address on network with d and
// waits between attempts with after. It starts a goroutine, which dials at
// once; call Close to stop it. Errors of dials and of reported connections
// are logged to logger with the key "err". A nil d means net.Dial, a nil
// after means time.After, and a nil logger discards.
func NewManager(d Dialer, network, address string, after AfterFunc, logger log.Logger) *Manager {
	if d == nil {
		d = net.Dial
	}
	if after == nil {
		after = time.After
	}
	if logger == nil {
		logger = log.NewNopLogger()
	}
	m := &Manager{
		dialer:  d,
		network: network,
		address: address,
		after:   after,
		logger:  logger,
		takec:   make(chan net.Conn),
		putc:    make(chan error),
		done:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
	go m.loop()
	return m
}

// NewDefaultManager is NewManager with net.Dial and time.After.
func NewDefaultManager(network, address string, logger log.Logger) *Manager {
	return NewManager(net.Dial, network, address, time.After, logger)
}

// Take returns the current connection, or nil if there is none. Before the
// first dial has completed it waits for it. Report how the connection was
// used with Put. After Close, Take returns nil.
func (m *Manager) Take() net.Conn {
	select {
	case conn := <-m.takec:
		return conn
	case <-m.done:
		return nil
	}
}

// Put reports the result of using the connection returned by Take: a
// non-nil err makes the Manager close that connection and dial again at
// once. Put(nil) and Put after Close do nothing.
func (m *Manager) Put(err error) {
	select {
	case m.putc <- err:
	case <-m.done:
	}
}

// Write writes b to the current connection and reports the result with Put.
// Without a connection it returns ErrConnectionUnavailable and writes
// nothing.
func (m *Manager) Write(b []byte) (int, error) {
	conn := m.Take()
	if conn == nil {
		return 0, ErrConnectionUnavailable
	}
	n, err := conn.Write(b)
	m.Put(err)
	return n, err
}

// Close closes the connection and stops the Manager's goroutine; it returns
// once that goroutine has. A dial in progress is not waited for: its
// connection, if any, is closed when it completes. Close is idempotent and
// always returns nil.
func (m *Manager) Close() error {
	m.once.Do(func() { close(m.done) })
	<-m.stopped
	return nil
}

func (m *Manager) loop() {
	defer close(m.stopped)
	var (
		conn       net.Conn
		connc      = make(chan net.Conn) // results of dials
		takec      chan net.Conn         // nil until the first dial is done
		reconnectc <-chan time.Time      // nil unless a dial is scheduled
		backoff    = time.Second
	)
	go m.dial(connc)
	for {
		select {
		case <-reconnectc:
			reconnectc = nil
			go m.dial(connc)

		case conn = <-connc:
			takec = m.takec
			if conn == nil {
				backoff = Exponential(backoff)
				reconnectc = m.after(backoff)
			} else {
				backoff = time.Second
				reconnectc = nil
			}

		case takec <- conn:

		case err := <-m.putc:
			if err != nil && conn != nil {
				m.logger.Log("err", err)
				conn.Close()
				conn = nil
				reconnectc = m.after(time.Nanosecond)
			}

		case <-m.done:
			if conn != nil {
				conn.Close()
			}
			return
		}
	}
}

// dial dials once and hands the connection (nil on failure) to the loop, or
// closes it if the Manager was closed meanwhile.
func (m *Manager) dial(connc chan<- net.Conn) {
	conn, err := m.dialer(m.network, m.address)
	if err != nil {
		m.logger.Log("err", err)
		conn = nil
	}
	select {
	case connc <- conn:
	case <-m.done:
		if conn != nil {
			conn.Close()
		}
	}
}

// Exponential returns the delay to wait after d: 2d scaled by a random
// factor in [0.5, 1.5), so in [d, 3d), and at most one minute. It is safe
// for concurrent use.
func Exponential(d time.Duration) time.Duration {
	d *= 2
	d = time.Duration(float64(d) * (rand.Float64() + 0.5))
	if d > time.Minute || d < 0 { // d < 0: overflow
		d = time.Minute
	}
	return d
}
