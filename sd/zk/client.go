package zk

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/go-zookeeper/zk"

	"github.com/seedkit/kit/log"
)

// DefaultACL is the ACL of the nodes the Client creates unless the ACL option
// says otherwise: everything allowed to everyone.
var DefaultACL = zk.WorldACL(zk.PermAll)

// errNilClient is returned (or logged) when a nil Client is given.
var errNilClient = errors.New("zk: nil client")

var (
	// ErrInvalidCredentials is returned by NewClient when the Credentials
	// option has an empty user or password.
	ErrInvalidCredentials = errors.New("invalid credentials provided")

	// ErrClientClosed is returned by the methods of a stopped Client.
	ErrClientClosed = errors.New("client service closed")

	// ErrNotRegistered is returned by Deregister of a Service that was not
	// registered by this Client.
	ErrNotRegistered = errors.New("not registered")

	// ErrNodeNotFound is returned by Deregister when the node of the Service
	// does not exist any more.
	ErrNodeNotFound = errors.New("node not found")
)

const (
	// DefaultConnectTimeout is the default timeout to connect to a
	// ZooKeeper server.
	DefaultConnectTimeout = 2 * time.Second

	// DefaultSessionTimeout is the default session timeout: how long the
	// session, and so the registered ephemeral nodes, survive a lost
	// connection.
	DefaultSessionTimeout = 5 * time.Second
)

// Client is the part of ZooKeeper that the Instancer and Registrar of this
// package use. NewClient returns the implementation backed by
// github.com/go-zookeeper/zk; tests may provide their own.
type Client interface {
	// GetEntries returns the data of the child nodes of path and a channel
	// that receives one event at the next change of the children (ZooKeeper
	// watches fire once).
	GetEntries(path string) ([]string, <-chan zk.Event, error)

	// CreateParentNodes creates every node of path that does not exist.
	CreateParentNodes(path string) error

	// Register creates an ephemeral sequential node holding s.Data under
	// s.Path + s.Name, creating the parent nodes as needed.
	Register(s *Service) error

	// Deregister deletes the node created by Register.
	Deregister(s *Service) error

	// Stop closes the connection; the ephemeral nodes go with the session.
	Stop()
}

type clientConfig struct {
	logger          log.Logger
	acl             []zk.ACL
	credentials     []byte
	connectTimeout  time.Duration
	sessionTimeout  time.Duration
	rootNodePayload [][]byte
	eventHandler    func(zk.Event)
}

// Option configures NewClient. An Option returns an error for an invalid
// value, which NewClient returns.
type Option func(*clientConfig) error

// ACL sets the ACL of the nodes the Client creates (DefaultACL otherwise).
func ACL(acl []zk.ACL) Option {
	return func(c *clientConfig) error {
		c.acl = acl
		return nil
	}
}

// Credentials makes the Client authenticate with the digest scheme as
// user:pass. Both must be non-empty (ErrInvalidCredentials otherwise).
func Credentials(user, pass string) Option {
	return func(c *clientConfig) error {
		if user == "" || pass == "" {
			return ErrInvalidCredentials
		}
		c.credentials = []byte(user + ":" + pass)
		return nil
	}
}

// ConnectTimeout sets the timeout to connect to a server (at least one
// second; DefaultConnectTimeout otherwise).
func ConnectTimeout(t time.Duration) Option {
	return func(c *clientConfig) error {
		if t < time.Second {
			return errors.New("invalid connect timeout (minimum value is 1 second)")
		}
		c.connectTimeout = t
		return nil
	}
}

// SessionTimeout sets the session timeout the Client asks for (at least one
// second; DefaultSessionTimeout otherwise). The server clamps it to its own
// bounds (by default 2 to 20 ticks).
func SessionTimeout(t time.Duration) Option {
	return func(c *clientConfig) error {
		if t < time.Second {
			return errors.New("invalid session timeout (minimum value is 1 second)")
		}
		c.sessionTimeout = t
		return nil
	}
}

// Payload sets the data of the nodes CreateParentNodes creates: payload[i] is
// the data of the node at depth i+1; deeper nodes get no data.
func Payload(payload [][]byte) Option {
	return func(c *clientConfig) error {
		c.rootNodePayload = payload
		return nil
	}
}

// EventHandler sets the function called with every session event
// (connection state changes). It is called from one goroutine, in order, and
// must not block for long. By default events are logged.
func EventHandler(handler func(zk.Event)) Option {
	return func(c *clientConfig) error {
		if handler == nil {
			return errors.New("nil event handler")
		}
		c.eventHandler = handler
		return nil
	}
}

type client struct {
	conn *zk.Conn
	clientConfig

	mu         sync.Mutex
	registered map[*Service]struct{}
	closed     bool

	quit     chan struct{}
	renew    chan struct{} // a new session needs the registrations again
	wg       sync.WaitGroup
	stopOnce sync.Once
}

// NewClient connects to the ZooKeeper servers ("host:port"; the port defaults
// to 2181) and returns a Client. The connection and the session are
// established in the background: NewClient fails only on invalid options or
// server addresses.
//
// The Client survives the expiry of its session: the library opens a new
// session, and the Client creates again the ephemeral nodes of every Service
// it registered (they disappeared with the old session). Stop ends every
// goroutine of the Client.
func NewClient(servers []string, logger log.Logger, options ...Option) (Client, error) {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	config := clientConfig{
		acl:            DefaultACL,
		connectTimeout: DefaultConnectTimeout,
		sessionTimeout: DefaultSessionTimeout,
		logger:         logger,
		eventHandler: func(ev zk.Event) {
			logger.Log("eventtype", ev.Type.String(), "server", ev.Server, "state", ev.State.String(), "err", ev.Err)
		},
	}
	for _, option := range options {
		if option == nil {
			continue
		}
		if err := option(&config); err != nil {
			return nil, err
		}
	}
	if len(servers) == 0 {
		return nil, errors.New("zk: no servers given")
	}
	dialer := func(network, address string, _ time.Duration) (net.Conn, error) {
		return net.DialTimeout(network, address, config.connectTimeout)
	}
	conn, eventc, err := zk.Connect(servers, config.sessionTimeout,
		zk.WithLogger(printfLogger{logger}), zk.WithLogInfo(false), zk.WithDialer(dialer))
	if err != nil {
		return nil, err
	}
	if len(config.credentials) > 0 {
		// AddAuth is queued until the session exists and is sent again on
		// every reconnection.
		if err := conn.AddAuth("digest", config.credentials); err != nil {
			conn.Close()
			for range eventc {
			}
			return nil, fmt.Errorf("zk: authenticate: %w", err)
		}
	}
	c := &client{
		conn:         conn,
		clientConfig: config,
		registered:   map[*Service]struct{}{},
		quit:         make(chan struct{}),
		renew:        make(chan struct{}, 1),
	}
	c.wg.Add(2)
	go c.events(eventc)
	go c.reregister()
	return c, nil
}

// events hands session events to the handler and notices new sessions
// after an expiry.
func (c *client) events(eventc <-chan zk.Event) {
	defer c.wg.Done()
	expired := false
	for ev := range eventc {
		if ev.Type == zk.EventSession {
			switch ev.State {
			case zk.StateExpired:
				expired = true
			case zk.StateHasSession:
				if expired {
					expired = false
					select {
					case c.renew <- struct{}{}:
					default:
					}
				}
			}
		}
		c.eventHandler(ev)
	}
}

// reregister creates the nodes of the registered services again after their
// session expired, retrying until it succeeds or the client stops.
func (c *client) reregister() {
	defer c.wg.Done()
	for {
		select {
		case <-c.quit:
			return
		case <-c.renew:
		}
		delay := 100 * time.Millisecond
		for !c.createAll() {
			t := time.NewTimer(delay/2 + rand.N(delay/2))
			select {
			case <-c.quit:
				t.Stop()
				return
			case <-t.C:
			}
			delay = min(2*delay, 5*time.Second)
		}
	}
}

// createAll creates the node of every registered service whose node is gone.
func (c *client) createAll() bool {
	c.mu.Lock()
	services := make([]*Service, 0, len(c.registered))
	for s := range c.registered {
		services = append(services, s)
	}
	c.mu.Unlock()
	ok := true
	for _, s := range services {
		c.mu.Lock()
		node := s.node
		c.mu.Unlock()
		if node != "" {
			if found, _, err := c.conn.Exists(node); err != nil {
				ok = false
				continue
			} else if found {
				continue
			}
		}
		newNode, err := c.create(s)
		if err != nil {
			c.logger.Log("msg", "register again after session expiry", "service", s.Name, "err", err)
			ok = false
			continue
		}
		c.mu.Lock()
		if _, still := c.registered[s]; still {
			s.node = newNode
		} else {
			_ = c.conn.Delete(newNode, -1) // deregistered meanwhile
		}
		c.mu.Unlock()
		c.logger.Log("msg", "registered again after session expiry", "service", s.Name, "node", newNode)
	}
	return ok
}

func (c *client) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// CreateParentNodes implements Client. Nodes that exist, or that this
// client may not create (ErrNoAuth), are skipped.
func (c *client) CreateParentNodes(path string) error {
	if c.isClosed() {
		return ErrClientClosed
	}
	if !strings.HasPrefix(path, "/") || strings.HasSuffix(path, "/") && path != "/" || strings.Contains(path, "//") {
		return fmt.Errorf("%w: %q", zk.ErrInvalidPath, path)
	}
	if path == "/" {
		return nil
	}
	nodes := strings.Split(path[1:], "/")
	current := ""
	for i, node := range nodes {
		current += "/" + node
		payload := []byte{}
		if i < len(c.rootNodePayload) {
			payload = c.rootNodePayload[i]
		}
		_, err := c.conn.Create(current, payload, 0, c.acl)
		if err != nil && !errors.Is(err, zk.ErrNodeExists) && !errors.Is(err, zk.ErrNoAuth) {
			return fmt.Errorf("zk: create %q: %w", current, err)
		}
	}
	return nil
}

// GetEntries implements Client. Children that vanish while they are read are
// left out; any other error fails the whole call, so a partial set is never
// returned.
func (c *client) GetEntries(path string) ([]string, <-chan zk.Event, error) {
	if c.isClosed() {
		return nil, nil, ErrClientClosed
	}
	children, _, eventc, err := c.conn.ChildrenW(path)
	if err != nil {
		return nil, nil, fmt.Errorf("zk: children of %q: %w", path, err)
	}
	base := strings.TrimSuffix(path, "/")
	entries := make([]string, 0, len(children))
	for _, child := range children {
		data, _, err := c.conn.Get(base + "/" + child)
		if errors.Is(err, zk.ErrNoNode) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("zk: get %q: %w", base+"/"+child, err)
		}
		entries = append(entries, string(data))
	}
	return entries, eventc, nil
}

// servicePath is the parent of a service's nodes: Path + "/" + Name.
func servicePath(s *Service) (string, error) {
	if s == nil {
		return "", errors.New("zk: nil service")
	}
	if !strings.HasPrefix(s.Path, "/") || s.Name == "" || strings.Contains(s.Name, "/") {
		return "", fmt.Errorf("%w: path %q, name %q", zk.ErrInvalidPath, s.Path, s.Name)
	}
	return strings.TrimSuffix(s.Path, "/") + "/" + s.Name, nil
}

func (c *client) create(s *Service) (string, error) {
	parent, err := servicePath(s)
	if err != nil {
		return "", err
	}
	if err := c.CreateParentNodes(parent); err != nil {
		return "", err
	}
	node, err := c.conn.CreateProtectedEphemeralSequential(parent+"/", s.Data, c.acl)
	if err != nil {
		return "", fmt.Errorf("zk: create node under %q: %w", parent, err)
	}
	return node, nil
}

// Register implements Client. The node lives as long as the session; if the
// session expires the client creates it again in the new session.
func (c *client) Register(s *Service) error {
	if c.isClosed() {
		return ErrClientClosed
	}
	node, err := c.create(s)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClientClosed
	}
	s.node = node
	c.registered[s] = struct{}{}
	return nil
}

// Deregister implements Client. It deletes the node created by Register and
// stops recreating it after a session expiry.
func (c *client) Deregister(s *Service) error {
	if s == nil {
		return ErrNotRegistered
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClientClosed
	}
	node := s.node
	s.node = ""
	delete(c.registered, s)
	c.mu.Unlock()
	if node == "" {
		return ErrNotRegistered
	}
	if err := c.conn.Delete(node, -1); err != nil {
		if errors.Is(err, zk.ErrNoNode) {
			return ErrNodeNotFound
		}
		return fmt.Errorf("zk: delete %q: %w", node, err)
	}
	return nil
}

// Stop implements Client: it closes the session and waits for the client's
// goroutines. It may be called more than once.
func (c *client) Stop() {
	c.stopOnce.Do(func() {
		c.mu.Lock()
		c.closed = true
		c.mu.Unlock()
		close(c.quit)
		c.conn.Close()
		c.wg.Wait()
	})
}
